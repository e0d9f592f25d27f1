#!/usr/bin/env bash
# Everything `npm test` needs beyond `npm ci`, installed on first use and checked in seconds after:
# the Node 24 runtime the dist tests run the bundled action on (GitHub runs actions on Node 24),
# and the lab's dependencies (apt packages, RocketMQ jars, images) for the end-to-end suite.
# Called by scripts/test.sh; safe to run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)

want=$(node -p 'require("./test/node24/package.json").dependencies.node')
node24=test/node24/node_modules/.bin/node
have=$("$node24" --version 2>/dev/null || true)
if [ "$have" != "v$want" ]; then
  echo "test-setup: installing Node $want for the dist tests into test/node24 (have: ${have:-none})"
  # The npm `node` package fetches its binary in an install script: scripts stay on for it alone.
  npm ci --no-audit --no-fund --ignore-scripts=false --prefix test/node24
  have=$("$node24" --version)
  [ "$have" = "v$want" ] || { echo "test-setup: test/node24 gives $have, expected v$want" >&2; exit 1; }
fi
t_node=$(date +%s)

# Headless Chromium and a colour emoji font for the job-summary pictures (__tests__/report/summary.test.ts;
# Debian's packages, about 155 MB to fetch and 490 MB on disk the first time). Without root the
# browser part of that test is skipped with its reason.
if [ "$(id -u)" = 0 ] && { ! command -v chromium >/dev/null || ! dpkg-query -W -f='${Status}' fonts-noto-color-emoji 2>/dev/null | grep -q 'install ok installed'; }; then
  echo "test-setup: installing chromium and fonts-noto-color-emoji for the job-summary pictures"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium fonts-liberation fonts-noto-color-emoji
fi
t_browser=$(date +%s)

# The lab needs root (namespaces, rootful podman, apt-get). Without it the e2e files fail with the
# lab's own one-line reason; the unit suite still runs.
if [ "$(id -u)" = 0 ]; then
  bash lab/install-deps.sh
else
  echo "test-setup: not root, lab dependencies not installed (the end-to-end suite needs root)" >&2
fi
echo "test-setup: Node 24 $((t_node - t0)) s, chromium $((t_browser - t_node)) s, lab $(($(date +%s) - t_browser)) s"
