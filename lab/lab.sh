#!/usr/bin/env bash
# The lab: N "hosts" on this machine, each a network namespace with its own address on bridge lab0,
# its own mount namespace (the spec's dataRoot is private per host, as on real machines), an sshd
# bound to its address and a podman API service the real docker CLI talks to (DOCKER_HOST).
#
#   bash lab/lab.sh up [N]   create N hosts (default 2), idempotent
#   bash lab/lab.sh down     remove every namespace, link, process and file `up` made (also after a failed up)
#   bash lab/lab.sh status   print the lab; exit 0 only if every host answers on ssh and docker
#   bash lab/lab.sh check    exit non-zero with one loud line if the lab cannot run here
#   LAB_FIELD=1 bash lab/lab.sh up   field mode: a bastion in front, RocketMQ ports closed to this machine (field.sh)
#   bash lab/lab.sh firewall field|ssh-only|off   switch the hosts' firewall of a lab that is up
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BRIDGE=lab0
NET=10.213.0
BRIDGE_ADDR=$NET.1
NETNS_PREFIX=rmqlab-
DATA_ROOT=${LAB_DATA_ROOT:-/srv/rocketmq}
# sshd port on every host (LAB_SSH_PORT=2222 bash lab/lab.sh up: known_hosts then has [address]:port).
SSH_PORT=${LAB_SSH_PORT:-22}
SSH_USER=root
MAX_HOSTS=20
HOSTS_DIR="$LAB_STATE/hosts"
. "$LAB_DIR/field.sh"

host_name() { printf "\\$(printf '%03o' $((65 + $1)))"; } # 0 -> A, 1 -> B, ...
host_addr() { printf '%s.%d' "$NET" $(($1 + 2)); }
netns_of() { printf '%s%s' "$NETNS_PREFIX" "$1"; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pid_from() { [ -f "$1" ] && tr -dc 0-9 <"$1" || true; }

# Poll a condition until a deadline (no fixed sleeps as synchronisation).
wait_for() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$(($(date +%s) + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { lab_log "timed out after ${seconds}s waiting for $what"; return 1; }
    sleep 0.2
  done
}

check() {
  local fail=""
  [ "$(id -u)" = 0 ] || fail="not root: the lab needs root (network namespaces, sshd, rootful podman)"
  if [ -z "$fail" ]; then
    for c in ip nsenter unshare sshd ssh ssh-keygen podman runc java javac nc; do
      command -v "$c" >/dev/null || PATH="$PATH:/usr/sbin:/sbin" command -v "$c" >/dev/null ||
        { fail="command '$c' missing: run 'bash lab/install-deps.sh'"; break; }
    done
  fi
  if [ -z "$fail" ] && ! unshare --net --mount true 2>/dev/null; then
    fail="cannot create network/mount namespaces here (unshare --net --mount failed): the lab cannot run"
  fi
  if [ -z "$fail" ] && ! compgen -G "$LAB_LIB/rocketmq-broker-*.jar" >/dev/null; then
    fail="RocketMQ jars missing (lab/.cache/lib): run 'bash lab/install-deps.sh'"
  fi
  if [ -z "$fail" ] && [ ! -d /sys/fs/cgroup ]; then
    fail="no /sys/fs/cgroup: podman cannot run containers here"
  fi
  if [ -n "$fail" ]; then
    printf '!!! LAB CANNOT RUN: %s\n' "$fail" >&2
    return 1
  fi
  echo "lab check: ok (root, namespaces, sshd, podman, java, RocketMQ jars)"
}

docker_cli() {
  # The real docker CLI speaks to podman's Docker API; a podman wrapper only where none exists.
  if command -v docker >/dev/null; then command -v docker; else printf '%s' "$LAB_STATE/bin/docker"; fi
}

write_host_files() {
  local h=$1 addr=$2 d="$HOSTS_DIR/$1"
  mkdir -p "$d/root" "$d/storage" "$d/run" "$d/tmp"
  [ -f "$d/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C "rmqlab-host-$h" -f "$d/ssh_host_ed25519_key"
  # Containers may not exceed this machine's hard open-files limit (runc fails at start otherwise).
  local nofile
  nofile=$(ulimit -Hn)
  [ "$nofile" = unlimited ] || [ "$nofile" -gt 65535 ] && nofile=65535
  cat >"$d/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=4096:4096"]
log_driver = "k8s-file"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$d/tmp"
EOF
  cat >"$d/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$d/storage"
runroot = "$d/run"
[storage.options]
additionalimagestores = ["$LAB_CACHE/images/root"]
EOF
  cat >"$d/registries.conf" <<EOF
# No pulls leave the machine: the lab's images are built locally.
unqualified-search-registries = []
[[registry]]
location = "docker.io"
blocked = true
EOF
  local path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  command -v docker >/dev/null || path="$LAB_STATE/bin:$path"
  cat >"$d/sshd_config" <<EOF
ListenAddress $addr:$SSH_PORT
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $LAB_STATE/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
MaxSessions 64
MaxStartups 64:30:128
Subsystem sftp internal-sftp
SetEnv PATH=$path DOCKER_HOST=unix://$d/podman.sock CONTAINERS_CONF=$d/containers.conf CONTAINERS_STORAGE_CONF=$d/storage.conf CONTAINERS_REGISTRIES_CONF=$d/registries.conf
EOF
}

host_env() {
  local d="$HOSTS_DIR/$1"
  printf 'CONTAINERS_CONF=%s CONTAINERS_STORAGE_CONF=%s CONTAINERS_REGISTRIES_CONF=%s' \
    "$d/containers.conf" "$d/storage.conf" "$d/registries.conf"
}

# Run a command as host H: its network namespace and its mount namespace (held by sshd and podman).
in_host() {
  local h=$1
  shift
  local pid
  pid=$(pid_from "$HOSTS_DIR/$h/sshd.pid")
  alive "$pid" || pid=$(pid_from "$HOSTS_DIR/$h/podman.pid")
  alive "$pid" || { lab_log "host $h: neither sshd nor podman running"; return 1; }
  # shellcheck disable=SC2046
  env $(host_env "$h") nsenter --net="/run/netns/$(netns_of "$h")" --mount="/proc/$pid/ns/mnt" "$@"
}

start_host() {
  local h=$1 addr=$2 d="$HOSTS_DIR/$1" ns
  ns=$(netns_of "$h")
  if alive "$(pid_from "$d/sshd.pid")" && alive "$(pid_from "$d/podman.pid")"; then
    return 0
  fi
  # Half-started host (e.g. an interrupted up): stop what is left, start again.
  stop_host_processes "$h"
  lab_log "host $h: starting sshd and podman service on $addr"
  mkdir -p /run/sshd
  # One new mount namespace per host: the dataRoot bind mount, sshd and podman all live in it, so
  # ssh sessions and the containers' bind mounts see the same private dataRoot.
  # shellcheck disable=SC2046
  env $(host_env "$h") nsenter --net="/run/netns/$ns" unshare --mount --propagation private \
    bash -euc '
      mount --bind "$1" "$2"
      # Debian bash reads ~/.bashrc for ssh commands; this machine'"'"'s root .bashrc runs pyenv
      # init (~1 s per command). Lab hosts get a plain root, as a server would have.
      if [ -f /root/.bashrc ]; then : >"$3/bashrc"; mount --bind "$3/bashrc" /root/.bashrc; fi
      # A daemon must not keep fds it inherited (a caller'"'"'s flock on the lab lock would stay held).
      for fd in $(ls /proc/$BASHPID/fd); do if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done
      setsid podman system service --time=0 "unix://$3/podman.sock" </dev/null >"$3/podman.log" 2>&1 &
      echo $! >"$3/podman.pid"
      /usr/sbin/sshd -f "$3/sshd_config" -E "$3/sshd.log"
    ' host-init "$d/root" "$DATA_ROOT" "$d" 9<&-
  wait_for "host $h sshd on $addr:$SSH_PORT" 20 nc -z -w 1 "$addr" "$SSH_PORT"
  wait_for "host $h podman API" 30 "$(docker_cli)" -H "unix://$d/podman.sock" version
}

stop_host_processes() {
  local h=$1 d="$HOSTS_DIR/$1" ns pid pids
  ns=$(netns_of "$h")
  # Containers first, through podman, so conmon exits. Killed, not stopped: in the official-shaped
  # images PID 1 is sh, which ignores SIGTERM, so a stop would only wait its timeout out first.
  if [ -d "$d" ] && { alive "$(pid_from "$d/sshd.pid")" || alive "$(pid_from "$d/podman.pid")"; }; then
    in_host "$h" podman kill -a >/dev/null 2>&1 || true
    in_host "$h" podman rm -a -f >/dev/null 2>&1 || true
  fi
  # Whatever podman could not stop: containers whose runc bundle lives in this host's state.
  if [ -d "$d" ] && command -v runc >/dev/null; then
    runc list -q 2>/dev/null | while read -r id; do
      if runc state "$id" 2>/dev/null | grep -q "\"bundle\": \"$d/"; then
        runc kill -a "$id" KILL 2>/dev/null || true
        runc delete -f "$id" 2>/dev/null || true
      fi
    done
  fi
  pids=""
  for f in "$d/podman.pid" "$d/sshd.pid"; do
    pid=$(pid_from "$f")
    alive "$pid" && pids="$pids $pid"
  done
  # Every process left in the host's network namespace (conmon, ssh sessions) is ours too.
  [ -e "/run/netns/$ns" ] && pids="$pids $(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')"
  # shellcheck disable=SC2086
  [ -n "${pids// /}" ] && kill -TERM $pids 2>/dev/null || true
  no_pids_left() {
    local p
    for p in $pids; do alive "$p" && return 1; done
    return 0
  }
  if ! wait_for "host $h processes to exit" 10 no_pids_left; then
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    wait_for "host $h processes to die" 5 no_pids_left || true
  fi
  rm -f "$d/sshd.pid" "$d/podman.pid" "$d/podman.sock"
}

setup_net() {
  attach_ns "$(netns_of "$1")" "$2"
  container_bridge "$(netns_of "$1")"
}

# podman's bridge, made before its first container, with a MAC of its own. A bridge without one
# takes the lowest MAC of its ports, so a container stopping or starting can change it; the other
# containers then answer to the old MAC until their ARP entry expires: 10-30 s in which no
# connection to them completes, from this host or any other. Docker gives its bridge a MAC of its
# own for this reason; netavark only from 1.9 (Debian 12 ships 1.4). A spare veth end stays on the
# bridge so netavark does not delete it with the last container (and a new one without the MAC).
PODMAN_BRIDGE=podman0
PODMAN_GATEWAY=10.88.0.1/16
container_bridge() {
  local ns=$1
  if ! ip -n "$ns" link show "$PODMAN_BRIDGE" >/dev/null 2>&1; then
    ip -n "$ns" link add "$PODMAN_BRIDGE" type bridge
    ip -n "$ns" addr add "$PODMAN_GATEWAY" dev "$PODMAN_BRIDGE"
  fi
  # Setting the address it has is enough: an address set by hand stays when ports come and go.
  ip -n "$ns" link set "$PODMAN_BRIDGE" address "$(ip -n "$ns" -br link show "$PODMAN_BRIDGE" | awk '{print $3}')"
  ip -n "$ns" link show rmqkeep0 >/dev/null 2>&1 || ip -n "$ns" link add rmqkeep0 type veth peer name rmqkeep1
  ip -n "$ns" link set rmqkeep0 master "$PODMAN_BRIDGE"
  ip -n "$ns" link set "$PODMAN_BRIDGE" up
}

# A namespace on the lab bridge at `addr`, idempotent: hosts and the bastion alike.
attach_ns() {
  local ns=$1 addr=$2
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    # A MAC of its own, for the reason container_bridge gives.
    ip link add "$BRIDGE" address 02:72:6d:71:6c:01 type bridge
    ip addr add "$BRIDGE_ADDR/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
  fi
  [ -e "/run/netns/$ns" ] || ip netns add "$ns"
  if ! ip link show "$ns" >/dev/null 2>&1; then
    # Peer created directly inside the namespace (named eth0 there), never as eth0 out here.
    ip link add "$ns" type veth peer name "${ns}-p" netns "$ns"
    ip -n "$ns" link set "${ns}-p" name eth0
  fi
  ip link set "$ns" master "$BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr replace "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route replace default via "$BRIDGE_ADDR"
}

kv() {
  case "$2" in *[\"\$\`\\]*) lab_die "unsupported character in $1=$2 (move the checkout to a plain path)" ;; esac
  printf '%s="%s"\n' "$1" "$2"
}

write_facts() {
  local n=$1 i h addr hosts="" namesrv="" known="$LAB_STATE/known_hosts" json_hosts=""
  : >"$known.tmp"
  for ((i = 0; i < n; i++)); do
    h=$(host_name "$i")
    addr=$(host_addr "$i")
    hosts="$hosts${hosts:+ }$h"
    printf '%s %s\n' "$addr" "$(cut -d' ' -f1-2 "$HOSTS_DIR/$h/ssh_host_ed25519_key.pub")" >>"$known.tmp"
    [ "$SSH_PORT" = 22 ] || printf '[%s]:%s %s\n' "$addr" "$SSH_PORT" "$(cut -d' ' -f1-2 "$HOSTS_DIR/$h/ssh_host_ed25519_key.pub")" >>"$known.tmp"
    [ "$i" -lt 2 ] && namesrv="$namesrv${namesrv:+;}$addr:9876"
    json_hosts="$json_hosts${json_hosts:+,}
    {\"name\": \"$h\", \"address\": \"$addr\", \"netns\": \"$(netns_of "$h")\", \"dockerHost\": \"unix://$HOSTS_DIR/$h/podman.sock\", \"hostRoot\": \"$HOSTS_DIR/$h/root\", \"hostKey\": \"$HOSTS_DIR/$h/ssh_host_ed25519_key.pub\"}"
  done
  if field_on; then
    printf '%s %s\n' "$BASTION_ADDR" "$(cut -d' ' -f1-2 "$BASTION_DIR/ssh_host_ed25519_key.pub")" >>"$known.tmp"
    [ "$SSH_PORT" = 22 ] || printf '[%s]:%s %s\n' "$BASTION_ADDR" "$SSH_PORT" "$(cut -d' ' -f1-2 "$BASTION_DIR/ssh_host_ed25519_key.pub")" >>"$known.tmp"
  fi
  mv "$known.tmp" "$known"
  local a b jump="" ssh_line="ssh: { user: $SSH_USER, port: $SSH_PORT }"
  if field_on; then
    jump="$SSH_USER@$BASTION_ADDR:$SSH_PORT"
    ssh_line="ssh: { user: $SSH_USER, port: $SSH_PORT, jumpHost: \"$jump\" }"
  fi
  a=$(host_addr 0)
  b=$(host_addr 1)
  {
    # KEY="value" lines (values never hold quotes, $, ` or \\: checked by kv).
    kv LAB_STATE "$LAB_STATE"
    kv LAB_N "$n"
    kv LAB_HOSTS "$hosts"
    for ((i = 0; i < n; i++)); do
      h=$(host_name "$i")
      kv "LAB_ADDR_$h" "$(host_addr "$i")"
      kv "LAB_DOCKER_HOST_$h" "unix://$HOSTS_DIR/$h/podman.sock"
      kv "LAB_HOST_ROOT_$h" "$HOSTS_DIR/$h/root"
    done
    kv LAB_SSH_PORT "$SSH_PORT"
    kv LAB_SSH_USER "$SSH_USER"
    kv LAB_SSH_KEY "$LAB_STATE/id_ed25519"
    kv LAB_KNOWN_HOSTS "$known"
    kv LAB_NAMESRV "$namesrv"
    kv LAB_DATA_ROOT "$DATA_ROOT"
    kv LAB_SPEC "$LAB_STATE/spec.yml"
    kv LAB_CONSOLE_URL "http://$a:8080"
    kv LAB_ROCKETMQ_IMAGE "$LAB_ROCKETMQ_IMAGE"
    kv LAB_CONSOLE_IMAGE "$LAB_CONSOLE_IMAGE"
    kv LAB_FIELD "$(field_on && echo 1 || echo 0)"
    if field_on; then
      kv LAB_BASTION "$BASTION_ADDR"
      kv LAB_BASTION_NETNS "$BASTION_NS"
      kv LAB_JUMP_HOST "$jump"
    fi
  } >"$LAB_STATE/lab.env.tmp"
  mv "$LAB_STATE/lab.env.tmp" "$LAB_STATE/lab.env"
  # The classic two-host layout, pointing at hosts A and B.
  cat >"$LAB_STATE/spec.yml.tmp" <<EOF
# Generated by lab/lab.sh up: the classic two-host layout on the lab's hosts A and B.
version: 1
cluster: docker-mq-cluster
images:
  rocketmq: apacherocketmq/rocketmq:$ROCKETMQ_VERSION-alpine
  console: styletang/rocketmq-console-ng:1.0.0
$ssh_line
dataRoot: $DATA_ROOT
hosts:
  A: { address: $a }
  B: { address: $b }
nameServers: { hosts: [A, B], port: 9876 }
brokerDefaults:
  brokerRole: ASYNC_MASTER
  flushDiskType: ASYNC_FLUSH
  deleteWhen: "04"
  fileReservedTime: 48
  # A restarted name server knows a broker only once it registers again: every 10 s (RocketMQ's
  # floor) instead of the default 30 s, so the lab's name-server gates wait a third as long.
  registerNameServerPeriod: 10000
brokers:
  broker-a: { master: { host: A, listenPort: 10911 }, slaves: [ { host: B, listenPort: 11911 } ] }
  broker-b: { master: { host: B, listenPort: 10911 }, slaves: [ { host: A, listenPort: 11911 } ] }
console: { host: A, port: 8080 }
# The lab's own clients are short-lived (lab/probe) or refresh routes every second (probe produce
# --poll-ms 1000): a master's drain need not wait production's 45 s (a 30 s refresh + 15).
rollout: { drainSeconds: 3 }
EOF
  mv "$LAB_STATE/spec.yml.tmp" "$LAB_STATE/spec.yml"
  cat >"$LAB_STATE/lab.json.tmp" <<EOF
{
  "state": "$LAB_STATE",
  "bridge": {"name": "$BRIDGE", "address": "$BRIDGE_ADDR"},
  "hosts": [$json_hosts
  ],
  "ssh": {"user": "$SSH_USER", "port": $SSH_PORT, "identityFile": "$LAB_STATE/id_ed25519", "knownHosts": "$known"},
  "nameServers": "$namesrv",
  "dataRoot": "$DATA_ROOT",
  "spec": "$LAB_STATE/spec.yml",
  "console": "http://$a:8080",
  "images": {"rocketmq": "$LAB_ROCKETMQ_IMAGE", "rocketmqExact": "$LAB_ROCKETMQ_IMAGE_EXACT", "console": "$LAB_CONSOLE_IMAGE"},
  "field": $(field_on && echo true || echo false),
  "bastion": "$(field_on && printf '%s' "$BASTION_ADDR")",
  "mqadmin": "$LAB_DIR/mqadmin",
  "probe": "$LAB_DIR/probe"
}
EOF
  mv "$LAB_STATE/lab.json.tmp" "$LAB_STATE/lab.json"
}

up() {
  local n=${1:-2} i h addr t0
  t0=$(date +%s)
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 2 ] && [ "$n" -le "$MAX_HOSTS" ] ||
    lab_die "usage: lab.sh up [N]  (2 <= N <= $MAX_HOSTS: the lab spec is the classic two-host layout)"
  check >/dev/null || { check; exit 1; }
  if [ -f "$LAB_STATE/lab.env" ]; then
    local old
    old=$(. "$LAB_STATE/lab.env" && echo "$LAB_N")
    [ "$old" = "$n" ] || lab_die "the lab is up with $old hosts; run 'bash lab/lab.sh down' before 'up $n'"
    old=$(. "$LAB_STATE/lab.env" && echo "$LAB_SSH_PORT")
    [ "$old" = "$SSH_PORT" ] || lab_die "the lab is up with sshd on port $old; run 'bash lab/lab.sh down' first"
    old=$(. "$LAB_STATE/lab.env" && echo "${LAB_FIELD:-0}")
    [ "$old" = "${LAB_FIELD:-0}" ] || lab_die "the lab is up with LAB_FIELD=$old; run 'bash lab/lab.sh down' first"
  fi
  mkdir -p "$LAB_STATE" "$HOSTS_DIR"
  bash "$LAB_DIR/image/build.sh"
  if [ ! -f "$LAB_STATE/id_ed25519" ]; then
    ssh-keygen -q -t ed25519 -N '' -C rmqlab-client -f "$LAB_STATE/id_ed25519"
  fi
  chmod 600 "$LAB_STATE/id_ed25519"
  cp "$LAB_STATE/id_ed25519.pub" "$LAB_STATE/authorized_keys"
  if ! command -v docker >/dev/null; then
    mkdir -p "$LAB_STATE/bin"
    printf '#!/bin/sh\nexec podman "$@"\n' >"$LAB_STATE/bin/docker"
    chmod +x "$LAB_STATE/bin/docker"
  fi
  # The mount point for every host's private dataRoot; removed by down if up made it.
  # Every directory mkdir creates is recorded (parents first) so down can remove exactly those.
  if [ ! -d "$DATA_ROOT" ]; then
    mkdir -pv "$DATA_ROOT" | sed -n "s/^mkdir: created directory '\(.*\)'$/\1/p" >"$LAB_STATE/created-data-root"
  fi
  for ((i = 0; i < n; i++)); do
    h=$(host_name "$i")
    addr=$(host_addr "$i")
    setup_net "$h" "$addr"
    write_host_files "$h" "$addr"
  done
  for ((i = 0; i < n; i++)); do
    start_host "$(host_name "$i")" "$(host_addr "$i")"
  done
  if field_on; then
    setup_bastion
    apply_host_firewall field "$n"
  fi
  write_facts "$n"
  # Prove the path the tests take: ssh with the lab key and known_hosts, docker on the far side.
  for ((i = 0; i < n; i++)); do
    h=$(host_name "$i")
    lab_ssh "$(host_addr "$i")" docker image inspect --format '{{.Id}}' "$LAB_ROCKETMQ_IMAGE" "$LAB_CONSOLE_IMAGE" >/dev/null ||
      lab_die "host $h: ssh + docker image inspect failed"
  done
  lab_log "lab up: $n hosts$(field_on && printf ' behind bastion %s (field mode)' "$BASTION_ADDR") in $(($(date +%s) - t0)) s; facts in lab/.state/lab.env, lab.json, spec.yml"
}

lab_ssh() {
  local addr=$1
  shift
  local opts=(-q -i "$LAB_STATE/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes
    -o UserKnownHostsFile="$LAB_STATE/known_hosts" -o ConnectTimeout=5 -p "$SSH_PORT")
  # Field mode: through the bastion, with the same key and known_hosts (-J would not pass them on).
  if field_on; then
    opts+=(-o "ProxyCommand=ssh ${opts[*]} -W %h:%p $SSH_USER@$BASTION_ADDR")
  fi
  ssh "${opts[@]}" "$SSH_USER@$addr" "$@"
}

known_hosts_in_lab() {
  # Hosts from the state dir plus any namespace of ours (an up interrupted before its state was written).
  {
    [ -d "$HOSTS_DIR" ] && ls -1 "$HOSTS_DIR"
    ip netns list 2>/dev/null | awk '{print $1}' | sed -n "s/^$NETNS_PREFIX//p"
  } | sort -u
}

down() {
  local h ns
  for h in $(known_hosts_in_lab); do
    ns=$(netns_of "$h")
    lab_log "host $h: stopping containers and processes"
    stop_host_processes "$h"
    ip link show "$ns" >/dev/null 2>&1 && ip link del "$ns"
    [ -e "/run/netns/$ns" ] && ip netns del "$ns"
  done
  stop_bastion
  if ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link del "$BRIDGE"
  fi
  if [ -f "$LAB_STATE/created-data-root" ]; then
    local dir
    # Deepest first; a directory someone else filled meanwhile stays.
    for dir in $(tac "$LAB_STATE/created-data-root"); do
      rmdir "$dir" 2>/dev/null || lab_log "left $dir in place: not empty"
    done
  fi
  rm -rf "$LAB_STATE"
  local left
  left=$(ip netns list 2>/dev/null | grep -c "^$NETNS_PREFIX" || true)
  [ "$left" = 0 ] || lab_die "down: $left lab namespaces still present"
  lab_log "lab down"
}

status() {
  if [ ! -f "$LAB_STATE/lab.env" ]; then
    echo "lab: down"
    [ -z "$(known_hosts_in_lab)" ] || echo "lab: leftovers of an interrupted up: $(known_hosts_in_lab | tr '\n' ' ')(run down)"
    return 3
  fi
  # shellcheck disable=SC1091
  . "$LAB_STATE/lab.env"
  SSH_PORT=$LAB_SSH_PORT
  local h addr ok=0 line
  echo "lab: $LAB_N hosts, name servers $LAB_NAMESRV, dataRoot $LAB_DATA_ROOT (private per host)"
  if field_on; then echo "lab: field mode, bastion $LAB_BASTION, hosts' firewall $(cat "$LAB_STATE/firewall" 2>/dev/null || echo '?')"; fi
  for h in $LAB_HOSTS; do
    eval "addr=\$LAB_ADDR_$h"
    line="host $h $addr:"
    if lab_ssh "$addr" true 2>/dev/null; then line="$line ssh ok"; else line="$line ssh DOWN"; ok=1; fi
    local ps
    if ps=$(lab_ssh "$addr" docker ps -a --format '{{.Names}}={{.Status}}' 2>/dev/null); then
      line="$line, docker ok, containers: $(printf '%s' "$ps" | tr '\n' ' ')"
    else
      line="$line, docker DOWN"
      ok=1
    fi
    echo "$line"
  done
  return $ok
}

# Only one up/down/status at a time: a lock on this script itself (nothing to clean up).
exec 9<"$0"
flock 9
cmd=${1:-}
shift || true
case "$cmd" in
  up)
    trap 'rc=$?; [ "$rc" = 0 ] || printf "LAB ERROR: up failed (exit %s); bash lab/lab.sh down removes what it made\n" "$rc" >&2' EXIT
    up "$@"
    ;;
  down) down ;;
  status) status ;;
  check) check ;;
  firewall) firewall "$@" ;;
  *) lab_die "usage: bash lab/lab.sh up [N] | down | status | check | firewall field|ssh-only|off" ;;
esac
