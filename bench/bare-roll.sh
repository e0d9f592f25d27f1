#!/usr/bin/env bash
# The bare-ssh baseline of `npm run bench -- --lab`: what an operator's script would do for a rolling
# config change, and nothing more. Per broker, one after another: set one broker.conf key on the
# host, `mqshutdown` + `docker stop`, `docker rm`, `docker run` with the arguments the container was
# started with (the docker-run.json beside its files), then a minimal readiness wait: the listen
# port open and the broker's address listed by every name server. OpenSSH with one ControlMaster
# connection per host, so each command costs one round trip on an open connection.
#
# usage: bare-roll.sh KEY VALUE NAMESRV_LIST HOST_ADDR:CONTAINER:LISTEN_PORT ...
#   NAMESRV_LIST "a:9876;b:9876" (the lab's LAB_NAMESRV). Needs lab/.state/lab.env (plain mode:
#   the broker and name server ports are reached directly, as the tool's direct gates do).
# Prints one line per broker and, last, one JSON line: {"totalMs":…,"brokers":[…]}.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=/dev/null
. "$here/../lab/.state/lab.env"
[ "${LAB_FIELD:-0}" = 0 ] || {
  echo "bare-roll.sh: field mode hides the RocketMQ ports from this machine; use a plain lab" >&2
  exit 2
}

key=$1 value=$2 namesrv=$3
shift 3
ctl=$(mktemp -d /tmp/bare-roll.XXXXXX)
ssh_opts=(-i "$LAB_SSH_KEY" -o "UserKnownHostsFile=$LAB_KNOWN_HOSTS" -o StrictHostKeyChecking=yes
  -o BatchMode=yes -o ControlMaster=auto -o "ControlPath=$ctl/%h" -o ControlPersist=300
  -p "${LAB_SSH_PORT:-22}")
cleanup() {
  for sock in "$ctl"/*; do [ -S "$sock" ] && ssh -o "ControlPath=$sock" -O exit x 2>/dev/null || true; done
  rm -rf "$ctl"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
on() { ssh "${ssh_opts[@]}" "${LAB_SSH_USER:-root}@$1" "$2"; } # $1 address, $2 command

# One GET_BROKER_CLUSTER_INFO (request code 106) over RocketMQ's remoting protocol: a frame is the
# total length (4 bytes), the header length (4 bytes, high byte 0 = JSON header), the header. The
# answer's body lists every registered broker address; finding ours in it is enough here.
lists() { # $1 name server host:port, $2 broker address
  local hdr='{"code":106,"flag":0,"language":"JAVA","opaque":1,"serializeTypeCurrentRPC":"JSON","version":373}'
  local n=${#hdr} frame len
  frame=$(printf '\\x%02x' $(((n + 4) >> 24 & 255)) $(((n + 4) >> 16 & 255)) $(((n + 4) >> 8 & 255)) $(((n + 4) & 255)) \
    0 $((n >> 16 & 255)) $((n >> 8 & 255)) $((n & 255)))
  exec 3<>"/dev/tcp/${1%:*}/${1#*:}" || return 1
  # shellcheck disable=SC2059
  printf "$frame%s" "$hdr" >&3
  len=$(timeout 2 dd bs=4 count=1 iflag=fullblock status=none <&3 | od -An -tu1 |
    awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
  local body=''
  [ -n "$len" ] && [ "$len" -gt 0 ] && body=$(timeout 2 dd bs="$len" count=1 iflag=fullblock status=none <&3 | tr -d '\0')
  exec 3>&-
  [[ $body == *"\"$2\""* ]]
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_ready() { # $1 address, $2 listen port; polls every 200 ms, at most 180 s
  local deadline=$(($(now_ms) + 180000)) opened='' ns
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if [ -z "$opened" ] && port_open "$1" "$2"; then opened=$(now_ms); fi
    if [ -n "$opened" ]; then
      local all=1
      IFS=';' read -ra nss <<<"$namesrv"
      for ns in "${nss[@]}"; do lists "$ns" "$1:$2" 2>/dev/null || { all=''; break; }; done
      if [ -n "$all" ]; then
        echo "$opened $(now_ms)"
        return 0
      fi
    fi
    sleep 0.2
  done
  echo "bare-roll.sh: $1:$2 not ready after 180 s" >&2
  return 1
}

t0=$(now_ms)
json=''
for spec in "$@"; do
  IFS=: read -r addr name port <<<"$spec"
  s=$(now_ms)
  dir="$LAB_DATA_ROOT/$name"
  # The change, the stop (mqshutdown so the JVM exits cleanly, then docker stop so --restart does
  # not bring it back), rm and run, in one command on the open connection.
  on "$addr" "bash -s -- $key $value $dir $name" <<'REMOTE'
set -e
sed -i "s/^$1=.*/$1=$2/" "$3/conf/broker.conf"
docker exec "$4" sh mqshutdown broker >/dev/null 2>&1 || true
docker stop -t 60 "$4" >/dev/null
docker rm "$4" >/dev/null
eval "docker $(jq -r '.[1:] | map(@sh) | join(" ")' "$3/docker-run.json")" >/dev/null
REMOTE
  ran=$(now_ms)
  read -r opened ready <<<"$(wait_ready "$addr" "$port")"
  e=$(now_ms)
  echo "bare: $name on $addr: $((e - s)) ms (stop+run $((ran - s)) ms, port open → listed $((ready - opened)) ms)" >&2
  json+="${json:+,}{\"name\":\"$name\",\"ms\":$((e - s)),\"stopRunMs\":$((ran - s)),\"portOpenAt\":$opened,\"readyAt\":$ready}"
done
echo "{\"totalMs\":$(($(now_ms) - t0)),\"brokers\":[$json]}"
