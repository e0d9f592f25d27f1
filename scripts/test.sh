#!/usr/bin/env bash
# The project's test command (README: `npm test`): installs what the tests need (scripts/test-setup.sh,
# idempotent), then type check, lint, unit tests and the lab end-to-end suite. Ends with one line `N passed, M failed` counted from vitest's JSON report.
set -uo pipefail
cd "$(dirname "$0")/.."

report=$(mktemp -t vitest-report.XXXXXX.json)
trap 'rm -f "$report"' EXIT

status=0
bash scripts/test-setup.sh || { echo "test set-up failed"; status=1; }
npx tsc --noEmit || { echo "typecheck failed"; status=1; }
npm run -s lint || { echo "lint failed"; status=1; }

# Unit and end-to-end projects in one run; e2e files run one at a time against the shared lab.
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=1

node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const failed = r.numFailedTests + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
  console.log(`${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) process.exitCode = 1;
' "$report" || status=1
exit $status
