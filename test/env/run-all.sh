#!/usr/bin/env bash
# The whole test suite, as the README's test command runs it:
#   1. every test/env/*/prepare.sh (idempotent, once-per-machine installs such as Ghost's cache),
#   2. the unit tier on both cores, then three processes side by side: the integration tier in
#      two lanes by folder and the e2e tier (each one file at a time), each with its JSON report,
#   3. the tests that failed, by file and name with the first lines of their error, then the
#      totals alone on the last line: "N passed, N failed".
# Integration tests start their own servers (WordPress, Ghost, git, Secret Service …) on
# loopback ports and stop them by PID; nothing needs to be running beforehand. Ports for servers
# that other programs start are reserved race-free across processes (test/env/ports.ts); before
# that, processes side by side lost a dovecot start to "Address already in use" (wave 2,
# session 4), and the tiers ran one after another: 1,784 s in CI, over the 20-minute goal.
# Each process's output goes to test-output/<name>.log and is printed whole, one after the
# other, once all have ended, so none interleaves with another.
#
# With arguments (a file or a filter), it is one plain vitest run over what they select.
set -uo pipefail
cd "$(dirname "$0")/../.."

mkdir -p test-output
rm -f test-output/vitest*.json test-output/{integration,integration-1,integration-2,e2e}.log
npx tsx test/env/sweep-ports.ts
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
  # The integration tier in two lanes by folder, beside e2e: three processes on two cores. Most
  # of their time is waiting (servers starting, leases running out, real clocks), so the third
  # lane costs little CPU; one integration lane was the long pole (1,294 s against e2e's 877 s).
  # The folders of lane 2 weigh about half of the tier (measured from the tier's JSON report).
  lane2=(postgres crash package ghost plain-fields)
  excluded=()
  for dir in "${lane2[@]}"; do excluded+=(--exclude "test/integration/$dir/**"); done
  vitest_json integration-1 --project integration "${excluded[@]}" >test-output/integration-1.log 2>&1 &
  integration1=$!
  vitest_json integration-2 --project integration "${lane2[@]/#/test/integration/}" >test-output/integration-2.log 2>&1 &
  integration2=$!
  vitest_json e2e --project e2e >test-output/e2e.log 2>&1 &
  e2e=$!
  wait "$integration1" || status=1
  wait "$integration2" || status=1
  wait "$e2e" || status=1
  cat test-output/integration-1.log test-output/integration-2.log test-output/e2e.log
fi

node --input-type=module -e '
  import { readdirSync, readFileSync } from "node:fs";
  const expected = process.argv[1] === "all" ? ["all"] : ["unit", "integration-1", "integration-2", "e2e"];
  let passed = 0, failed = 0, skipped = 0;
  const failures = [];
  // CI keeps only the tail of the output: the first lines of each failure are said here, where
  // they are kept (an error whose message carries the log of a process says it on its later lines).
  const firstLines = (text) => String(text ?? "").split("\n").filter((l) => !/^\s*at .*(node_modules|<anonymous>|node:internal)/.test(l)).slice(0, 25).map((l) => l.slice(0, 300)).join("\n      ");
  for (const name of expected) {
    let r;
    try { r = JSON.parse(readFileSync(`test-output/vitest-${name}.json`, "utf8")); }
    catch { console.log(`no report from the ${name} run`); failed += 1; continue; }
    // A file that failed to load counts as a failure even though it ran no test.
    const brokenFiles = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
    for (const file of r.testResults) {
      const where = file.name.slice(file.name.indexOf("test/"));
      if (file.status === "failed" && file.assertionResults.length === 0) failures.push(`${where}: ${firstLines(file.message)}`);
      for (const t of file.assertionResults) if (t.status === "failed") failures.push(`${where} > ${t.fullName}: ${firstLines(t.failureMessages[0])}`);
    }
    passed += r.numPassedTests;
    failed += r.numFailedTests + brokenFiles;
    skipped += r.numPendingTests + r.numTodoTests;
  }
  // Skipped tests (e.g. same-tick timing checks on PostgreSQL) are said on their own line: the
  // last line is only the totals, as CI reads them.
  if (failures.length) console.log(["failed:", ...failures.map((f) => `  ${f}`)].join("\n"));
  if (skipped) console.log(`${skipped} skipped`);
  console.log(`${passed} passed, ${failed} failed`);
' "$([ $# -gt 0 ] && echo all || echo tiers)"
exit $status
