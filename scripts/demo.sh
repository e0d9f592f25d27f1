#!/usr/bin/env bash
# README's main command: install what the lab needs, bring the lab up, deploy the classic
# two-host 2-master-2-slave async layout with console, and show the cluster. The lab stays up
# until `npm run lab:down`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash lab/install-deps.sh
bash lab/lab.sh up
key=(--key lab/.state/id_ed25519 --known-hosts lab/.state/known_hosts)
echo "== validate"
node dist/cli/index.js validate lab/.state/spec.yml
echo "== plan"
node dist/cli/index.js plan lab/.state/spec.yml "${key[@]}"
echo "== deploy"
node dist/cli/index.js deploy lab/.state/spec.yml "${key[@]}"
echo "== the real admin tool's view"
bash lab/mqadmin clusterList
if [ "${LAB_FIELD:-0}" = 1 ]; then
  # Field mode: the same through the bastion, plus a config change of all four brokers, and proof
  # that this machine reached no RocketMQ port (only the bastion's SSH port is open to it).
  . lab/.state/lab.env
  sed 's/fileReservedTime: 48/fileReservedTime: 72/' lab/.state/spec.yml >lab/.state/demo-72h.yml
  echo "== config change: fileReservedTime 48 -> 72 on every broker"
  node dist/cli/index.js deploy lab/.state/demo-72h.yml "${key[@]}"
  for b in "$LAB_ADDR_A:10911" "$LAB_ADDR_B:11911" "$LAB_ADDR_B:10911" "$LAB_ADDR_A:11911"; do
    printf '%s: ' "$b"
    bash lab/mqadmin getBrokerConfig -b "$b" | grep -E '^fileReservedTime'
  done
  echo "== from this machine (the runner)"
  for target in "$LAB_BASTION:22" "$LAB_ADDR_A:9876" "$LAB_ADDR_A:10911" "$LAB_ADDR_B:9876" "$LAB_ADDR_B:10911" "$LAB_ADDR_A:8080"; do
    if nc -z -w 2 "${target%:*}" "${target#*:}" 2>/dev/null; then echo "$target open"; else echo "$target closed"; fi
  done
  echo "hosts' firewall: $(cat lab/.state/firewall) the whole run (bash lab/lab.sh firewall off opens it)"
fi
echo "The lab stays up: 'npm run lab:status', console at http://$(. lab/.state/lab.env && echo "$LAB_ADDR_A"):8080/cluster/list.query, 'npm run lab:down' to remove it."
