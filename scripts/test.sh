#!/usr/bin/env bash
# The project's test command (README: `npm test`): installs what the tests need (scripts/test-setup.sh,
# idempotent), then the unit tests and the lab end-to-end suite, with the type check and lint beside them. Ends with one line `N passed, M failed` counted from vitest's JSON report.
set -uo pipefail
cd "$(dirname "$0")/.."

report=$(mktemp -t vitest-report.XXXXXX.json)
checks=$(mktemp -t test-checks.XXXXXX.log)
trap '[ -n "${checks_pid:-}" ] && kill "$checks_pid" 2>/dev/null; rm -f "$report" "$checks"' EXIT

status=0
bash scripts/test-setup.sh || { echo "test set-up failed"; status=1; }
# The type check and lint (about 4 min, CPU only) run beside the tests, most of whose time is
# spent waiting on the lab; their output is printed when the tests are done.
(
  rc=0
  npx tsc --noEmit || { echo "typecheck failed"; rc=1; }
  npm run -s lint || { echo "lint failed"; rc=1; }
  exit $rc
) >"$checks" 2>&1 &
checks_pid=$!

# Unit and end-to-end projects in one run; e2e files run one at a time against the shared lab.
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=1

wait "$checks_pid" || status=1
echo "== type check and lint"
cat "$checks"

node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  // Where the wall time went: the end-to-end files, slowest first (the suite has a time budget).
  const files = (r.testResults || [])
    .filter((f) => f.name.includes("/test/e2e/"))
    .map((f) => ({ name: f.name.slice(f.name.indexOf("test/e2e/")), s: Math.round((f.endTime - f.startTime) / 1000) }))
    .sort((a, b) => b.s - a.s);
  if (files.length) {
    console.log(`e2e wall time by file (total ${files.reduce((t, f) => t + f.s, 0)} s):`);
    for (const f of files) console.log(`  ${String(f.s).padStart(5)} s  ${f.name}`);
  }
  const failed = r.numFailedTests + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
  console.log(`${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) process.exitCode = 1;
' "$report" || status=1
exit $status
