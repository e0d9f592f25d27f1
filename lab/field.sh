# The lab's field mode (sourced by lab.sh): production as it usually looks. LAB_FIELD=1 puts a
# bastion in front of the hosts: this machine (the runner) reaches only the bastion's SSH port; the
# hosts accept SSH only from the bastion and every other port only from each other. The rules live
# in the namespaces themselves, so `down` removes them with the namespaces.
#
#   bash lab/lab.sh firewall field|ssh-only|off   switch the hosts' rules of a lab that is up
#     field     SSH only from the bastion, other ports only from the other hosts (field mode's default)
#     ssh-only  SSH from anywhere, other ports only from the other hosts (a plain lab, firewalled by hand)
#     off       no rules (the runner reaches every port, as in a plain lab)

BASTION_NS=rmqbastion
BASTION_ADDR=$NET.250
BASTION_DIR="$LAB_STATE/bastion"
FIELD_CHAIN=RMQLAB

field_on() { [ "${LAB_FIELD:-0}" = 1 ]; }

setup_bastion() {
  attach_ns "$BASTION_NS" "$BASTION_ADDR"
  mkdir -p "$BASTION_DIR"
  [ -f "$BASTION_DIR/ssh_host_ed25519_key" ] ||
    ssh-keygen -q -t ed25519 -N '' -C rmqlab-bastion -f "$BASTION_DIR/ssh_host_ed25519_key"
  # A jump host only: forwarding on (the default, said out loud), no docker, no data.
  cat >"$BASTION_DIR/sshd_config" <<EOF
ListenAddress $BASTION_ADDR:$SSH_PORT
HostKey $BASTION_DIR/ssh_host_ed25519_key
PidFile $BASTION_DIR/sshd.pid
AuthorizedKeysFile $LAB_STATE/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
AllowTcpForwarding yes
MaxStartups 64:30:128
EOF
  if ! alive "$(pid_from "$BASTION_DIR/sshd.pid")"; then
    lab_log "bastion: starting sshd on $BASTION_ADDR"
    mkdir -p /run/sshd
    ip netns exec "$BASTION_NS" /usr/sbin/sshd -f "$BASTION_DIR/sshd_config" -E "$BASTION_DIR/sshd.log" 9<&-
  fi
  wait_for "bastion sshd on $BASTION_ADDR:$SSH_PORT" 20 nc -z -w 1 "$BASTION_ADDR" "$SSH_PORT"
  # The bastion itself: SSH in, nothing else.
  ip netns exec "$BASTION_NS" iptables -w -F INPUT
  ip netns exec "$BASTION_NS" iptables -w -A INPUT -i lo -j ACCEPT
  ip netns exec "$BASTION_NS" iptables -w -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  ip netns exec "$BASTION_NS" iptables -w -A INPUT -p tcp --dport "$SSH_PORT" -j ACCEPT
  ip netns exec "$BASTION_NS" iptables -w -A INPUT -j DROP
}

stop_bastion() {
  local pid
  pid=$(pid_from "$BASTION_DIR/sshd.pid")
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
  fi
  # ssh sessions through the bastion are sshd children in its namespace.
  if [ -e "/run/netns/$BASTION_NS" ]; then
    # shellcheck disable=SC2046
    kill -TERM $(ip netns pids "$BASTION_NS" 2>/dev/null) 2>/dev/null || true
  fi
  ip link show "$BASTION_NS" >/dev/null 2>&1 && ip link del "$BASTION_NS"
  [ -e "/run/netns/$BASTION_NS" ] && ip netns del "$BASTION_NS"
  return 0
}

# The hosts' rules, in mangle PREROUTING on eth0: before podman's DNAT of published ports, so a
# published port is as closed as the host's own. Traffic from containers (other interfaces) and
# answers to the host's own connections pass.
apply_host_firewall() {
  local mode=$1 n=$2 i h ns other ipt
  for ((i = 0; i < n; i++)); do
    h=$(host_name "$i")
    ns=$(netns_of "$h")
    ipt="ip netns exec $ns iptables -w -t mangle"
    $ipt -N "$FIELD_CHAIN" 2>/dev/null || $ipt -F "$FIELD_CHAIN"
    $ipt -C PREROUTING -i eth0 -j "$FIELD_CHAIN" 2>/dev/null || $ipt -A PREROUTING -i eth0 -j "$FIELD_CHAIN"
    [ "$mode" = off ] && continue
    $ipt -A "$FIELD_CHAIN" -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
    for ((other = 0; other < n; other++)); do
      [ "$other" = "$i" ] || $ipt -A "$FIELD_CHAIN" -s "$(host_addr "$other")" -j RETURN
    done
    if [ "$mode" = field ]; then
      $ipt -A "$FIELD_CHAIN" -s "$BASTION_ADDR" -p tcp --dport "$SSH_PORT" -j RETURN
    else
      $ipt -A "$FIELD_CHAIN" -p tcp --dport "$SSH_PORT" -j RETURN
    fi
    $ipt -A "$FIELD_CHAIN" -j DROP
  done
  printf '%s\n' "$mode" >"$LAB_STATE/firewall"
}

firewall() {
  local mode=${1:-} n
  [ -f "$LAB_STATE/lab.env" ] || lab_die "firewall: the lab is down"
  case "$mode" in
    field | ssh-only | off) ;;
    *) lab_die "usage: bash lab/lab.sh firewall field|ssh-only|off" ;;
  esac
  n=$(. "$LAB_STATE/lab.env" && echo "$LAB_N")
  if [ "$mode" = field ] && [ "$(. "$LAB_STATE/lab.env" && echo "${LAB_FIELD:-0}")" != 1 ]; then
    lab_die "firewall field needs the bastion: bring the lab up with LAB_FIELD=1"
  fi
  apply_host_firewall "$mode" "$n"
  lab_log "hosts' firewall: $mode"
}
