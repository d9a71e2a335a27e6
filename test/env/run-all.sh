#!/usr/bin/env bash
# The whole test suite, as the README's test command runs it:
#   1. every test/env/*/prepare.sh (idempotent, once-per-machine installs such as Ghost's cache),
#   2. the three vitest tiers one after another (unit on both cores; integration and e2e one file
#      at a time), each with its own JSON report,
#   3. the totals, alone on the last line: "N passed, N failed".
# Integration tests start their own servers (WordPress, Ghost, git, Secret Service …) on
# loopback ports and stop them by PID; nothing needs to be running beforehand.
#
# Integration and e2e side by side in two processes was tried (wave 2, session 4): one run passed
# all 457 of their tests; the next lost a 12-site fleet's start and an e2e file's dovecot
# ("listen(127.0.0.1, 38827) failed: Address already in use"). Free ports are found by
# listening on port 0 and closing (test/env/ports.ts), which two processes starting servers at
# once can race; until ports are handed out race-free, the tiers run in sequence.
#
# With arguments (a file or a filter), it is one plain vitest run over what they select.
set -uo pipefail
cd "$(dirname "$0")/../.."

mkdir -p test-output
rm -f test-output/vitest*.json
for prepare in test/env/*/prepare.sh; do
  [ -e "$prepare" ] || continue
  echo "== preparing: $prepare"
  if ! bash "$prepare"; then
    echo "test environment preparation failed: $prepare" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
done

vitest_json() { # $1: report name, then vitest's own arguments
  local name=$1
  shift
  npx vitest run --reporter=default --reporter=json --outputFile.json="test-output/vitest-$name.json" "$@"
}

status=0
if [ $# -gt 0 ]; then
  vitest_json all "$@" || status=1
else
  vitest_json unit --project unit || status=1
  vitest_json integration --project integration || status=1
  vitest_json e2e --project e2e || status=1
fi

node --input-type=module -e '
  import { readdirSync, readFileSync } from "node:fs";
  const expected = process.argv[1] === "all" ? ["all"] : ["unit", "integration", "e2e"];
  let passed = 0, failed = 0, skipped = 0;
  for (const name of expected) {
    let r;
    try { r = JSON.parse(readFileSync(`test-output/vitest-${name}.json`, "utf8")); }
    catch { console.log(`no report from the ${name} run`); failed += 1; continue; }
    // A file that failed to load counts as a failure even though it ran no test.
    const brokenFiles = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
    passed += r.numPassedTests;
    failed += r.numFailedTests + brokenFiles;
    skipped += r.numPendingTests + r.numTodoTests;
  }
  // Skipped tests (e.g. same-tick timing checks on PostgreSQL) are said on their own line: the
  // last line is only the totals, as CI reads them.
  if (skipped) console.log(`${skipped} skipped`);
  console.log(`${passed} passed, ${failed} failed`);
' "$([ $# -gt 0 ] && echo all || echo tiers)"
exit $status
