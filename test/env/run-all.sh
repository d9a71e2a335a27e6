#!/usr/bin/env bash
# The whole test suite, as the README's test command runs it:
#   1. every test/env/*/prepare.sh (idempotent, once-per-machine installs such as Ghost's cache),
#   2. all three vitest tiers (unit, integration against real servers, e2e in a real browser),
#   3. the totals, alone on the last line: "N passed, N failed".
# Integration tests start their own servers (WordPress, Ghost, git, Secret Service …) on
# loopback ports and stop them by PID; nothing needs to be running beforehand.
set -uo pipefail
cd "$(dirname "$0")/../.."

mkdir -p test-output
for prepare in test/env/*/prepare.sh; do
  [ -e "$prepare" ] || continue
  echo "== preparing: $prepare"
  if ! bash "$prepare"; then
    echo "test environment preparation failed: $prepare" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
done

npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json "$@"
status=$?

node --input-type=module -e '
  import { readFileSync } from "node:fs";
  let r;
  try { r = JSON.parse(readFileSync("test-output/vitest.json", "utf8")); }
  catch { console.log("0 passed, 1 failed"); process.exit(0); }
  // A file that failed to load counts as a failure even though it ran no test.
  const brokenFiles = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  // Skipped tests (e.g. same-tick timing checks on PostgreSQL) are said on their own line: the
  // last line is only the totals, as CI reads them.
  const skipped = r.numPendingTests + r.numTodoTests;
  if (skipped) console.log(`${skipped} skipped`);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed`);
'
exit $status
