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
echo "The lab stays up: 'npm run lab:status', console at http://$(. lab/.state/lab.env && echo "$LAB_ADDR_A"):8080/cluster/list.query, 'npm run lab:down' to remove it."
