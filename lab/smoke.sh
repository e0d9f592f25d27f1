#!/usr/bin/env bash
# The lab's smoke test (npm run lab:smoke). Brings the lab up and, over SSH with the classic
# recipe's own `docker run` commands, starts a name server on each host, broker-a's master on host A
# and its slave on host B; checks with the real mqadmin that both brokers registered with BOTH name
# servers; sends 100 messages and consumes them back; tears the lab down. Exit 0 only if all held.
#
#   bash lab/smoke.sh          the above
#   bash lab/smoke.sh --full   also broker-b (master on B, slave on A) and the console on A:8080, with
#                              the deploy engine's heaps (-Xmx512m brokers, 256m name servers and
#                              console); checks the console's /cluster/list.query lists all four
#                              brokers and prints time-to-ready and memory figures
#   SMOKE_KEEP=1               leave the lab up afterwards (for poking at it)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
full=0
[ "${1:-}" = --full ] && full=1
t0=$(date +%s)
step() { printf '== %s (%ss)\n' "$*" "$(($(date +%s) - t0))"; }
fail() {
  printf 'SMOKE FAILED: %s\n' "$*" >&2
  exit 1
}

teardown() {
  local rc=$?
  if [ "$rc" != 0 ] && [ -f "$LAB_STATE/lab.env" ]; then
    # What the containers said, before they are gone.
    for h in ${LAB_HOSTS:-}; do
      for c in $(on "$h" docker ps -a --format '{{.Names}}' 2>/dev/null); do
        echo "--- host $h: docker logs --tail 15 $c" >&2
        on "$h" docker logs --tail 15 "$c" >&2 2>&1 || true
      done
    done
  fi
  if [ "${SMOKE_KEEP:-0}" = 1 ]; then
    echo "SMOKE_KEEP=1: lab left up (bash lab/lab.sh down removes it)"
  else
    bash "$LAB_DIR/lab.sh" down || rc=1
  fi
  exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# A fresh world: containers another suite left on an up lab would hold the names and ports.
if [ -f "$LAB_STATE/lab.env" ]; then
  step "lab was up: down first"
  bash "$LAB_DIR/lab.sh" down
fi
step "lab up"
bash "$LAB_DIR/lab.sh" up 2
# shellcheck disable=SC1091
. "$LAB_STATE/lab.env"
A=$LAB_ADDR_A
B=$LAB_ADDR_B
IMAGE=apacherocketmq/rocketmq:$ROCKETMQ_VERSION-alpine
CLUSTER=docker-mq-cluster
ROOT=$LAB_DATA_ROOT

on() {
  local h=$1 addr
  shift
  eval "addr=\$LAB_ADDR_$h"
  ssh -q -i "$LAB_SSH_KEY" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$LAB_KNOWN_HOSTS" -o ConnectTimeout=10 -p "$LAB_SSH_PORT" "$LAB_SSH_USER@$addr" "$@"
}

# Poll a condition until a deadline; no fixed sleeps as synchronisation.
until_ok() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$(($(date +%s) + seconds))
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "timed out after ${seconds}s: $what"
    sleep 1
  done
}

if [ "$full" = 1 ]; then
  NS_OPTS="-Xms256m -Xmx256m"
  BROKER_OPTS="-Xms512m -Xmx512m"
else
  NS_OPTS="-Xms128m -Xmx128m"
  BROKER_OPTS="-Xms256m -Xmx256m"
fi
mem_before=$(free -m | awk '/^Mem:/ {print $3}')
t_cluster=$(date +%s)

step "name server on each host (docker run over ssh)"
for h in A B; do
  on "$h" docker run -d --name rmqnamesrv --restart=always -p 9876:9876 -e "JAVA_OPT_EXT='$NS_OPTS'" \
    "$IMAGE" sh mqnamesrv >/dev/null
done

# broker_conf NAME ID ROLE ADDR PORT: the classic recipe's broker.conf, filled in per broker.
broker_conf() {
  printf '%s\n' "brokerClusterName=$CLUSTER" "brokerName=$1" "brokerId=$2" "deleteWhen=04" \
    "fileReservedTime=48" "brokerRole=$3" "flushDiskType=ASYNC_FLUSH" "brokerIP1=$4" "listenPort=$5" \
    "namesrvAddr=$A:9876;$B:9876"
  # The master advertises its HA address to the slave: the host's, not the container's.
  [ "$3" = SLAVE ] || printf 'brokerIP2=%s\n' "$4"
}

# run_broker HOST NAME ID ROLE ADDR PORT
run_broker() {
  local h=$1 name=$2 id=$3 role=$4 addr=$5 port=$6 dir
  local cname="rmq$name"
  [ "$role" = SLAVE ] && cname="rmq$name-s"
  dir="$ROOT/$cname"
  broker_conf "$name" "$id" "$role" "$addr" "$port" |
    on "$h" "mkdir -p $dir/conf $dir/logs $dir/store && cat > $dir/conf/broker.conf && chown -R 3000:3000 $dir"
  on "$h" docker run -d --name "$cname" --restart=always \
    -p "$port:$port" -p "$((port - 2)):$((port - 2))" -p "$((port + 1)):$((port + 1))" \
    -v "$dir/conf:/home/rocketmq/broker-conf" -v "$dir/logs:/home/rocketmq/logs" \
    -v "$dir/store:/home/rocketmq/store" -e "JAVA_OPT_EXT='$BROKER_OPTS'" \
    "$IMAGE" sh mqbroker -c /home/rocketmq/broker-conf/broker.conf >/dev/null
}

step "broker-a master on A:10911, its slave on B:11911"
run_broker A broker-a 0 ASYNC_MASTER "$A" 10911
run_broker B broker-a 1 SLAVE "$B" 11911
expected=("$A:10911" "$B:11911")
if [ "$full" = 1 ]; then
  step "broker-b master on B:10911, its slave on A:11911; console on A:8080"
  run_broker B broker-b 0 ASYNC_MASTER "$B" 10911
  run_broker A broker-b 1 SLAVE "$A" 11911
  expected+=("$B:10911" "$A:11911")
  on A docker run -d --name rmqconsole --restart=always -p 8080:8080 \
    -e "JAVA_OPTS='-Xms256m -Xmx256m -Drocketmq.config.namesrvAddr=$A:9876;$B:9876 -Drocketmq.config.isVIPChannel=false'" \
    "$LAB_CONSOLE_IMAGE" >/dev/null
fi

registered_on() {
  local out addr
  out=$(bash "$LAB_DIR/mqadmin" clusterList -n "$1" 2>/dev/null) || return 1
  for addr in "${expected[@]}"; do
    grep -q " $addr " <<<"$out" || return 1
  done
  printf '%s\n' "$out" >"$LAB_STATE/clusterList-$1.txt"
}
for ns in "$A:9876" "$B:9876"; do
  step "mqadmin clusterList -n $ns lists ${expected[*]}"
  until_ok "brokers registered on $ns" 120 registered_on "$ns"
  cat "$LAB_STATE/clusterList-$ns.txt"
  echo "registered on $ns: ${expected[*]}"
done

if [ "$full" = 1 ]; then
  step "console /cluster/list.query lists all four brokers"
  console_ok() {
    local body
    body=$(curl -fsS --max-time 10 "http://$A:8080/cluster/list.query") || return 1
    grep -q '"status":0' <<<"$body" || return 1
    for addr in "${expected[@]}"; do grep -q "\"$addr\"" <<<"$body" || return 1; done
  }
  until_ok "console lists every broker" 120 console_ok
  t_ready=$(($(date +%s) - t_cluster))
  echo "console ok: $(curl -fsS --max-time 10 "http://$A:8080/ops/homePage.query")"
  echo "cluster ready (2 name servers, 4 brokers, console) in ${t_ready} s after lab up; $(($(date +%s) - t0)) s since smoke start"
  # Memory: resident set of every lab JVM (container PID 1 = java, exec'd) and `free` used delta.
  rss_kb=0
  for h in A B; do
    for pid in $(on "$h" 'docker ps -q | xargs -r docker inspect --format "{{.State.Pid}}"'); do
      kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      rss_kb=$((rss_kb + kb))
    done
  done
  mem_after=$(free -m | awk '/^Mem:/ {print $3}')
  echo "memory: JVM RSS total $((rss_kb / 1024)) MB; machine used +$((mem_after - mem_before)) MB"
fi

step "create topic, send 100 messages, consume them back"
TOPIC=SmokeTopic
bash "$LAB_DIR/mqadmin" updateTopic -c "$CLUSTER" -t "$TOPIC" 2>/dev/null | tail -n 1 && echo
bash "$LAB_DIR/probe" send --topic "$TOPIC" --count 100 || fail "send"
bash "$LAB_DIR/probe" consume --topic "$TOPIC" --group smoke_consumer --expect 100 --timeout 90 || fail "consume"

step "master and slave hold the same commit log"
same_offsets() {
  local m s
  m=$(bash "$LAB_DIR/mqadmin" brokerStatus -b "$A:10911" 2>/dev/null | awk '$1 == "commitLogMaxOffset" {print $3}')
  s=$(bash "$LAB_DIR/mqadmin" brokerStatus -b "$B:11911" 2>/dev/null | awk '$1 == "commitLogMaxOffset" {print $3}')
  [ -n "$m" ] && [ "$m" != 0 ] && [ "$m" = "$s" ] && echo "commitLogMaxOffset master $m = slave $s"
}
until_ok "broker-a slave caught up with its master" 60 same_offsets

echo "SMOKE OK ($(($(date +%s) - t0)) s)"
