// Adds up the JSON reports of Vitest and Playwright, plus the pass/fail of the
// other checks, into the one closing line CI reads. A report that should exist
// but does not (its runner crashed before writing it) counts as a failure.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const [dir, checksPassed, checksFailed, expected = ""] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
let skipped = 0;

for (const file of expected.split(",").filter(Boolean)) {
  const full = path.join(dir, file);
  if (!existsSync(full)) {
    console.error(`missing report ${file}: its runner did not finish`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(full, "utf8"));
  if (file.startsWith("vitest")) {
    for (const suite of report.testResults ?? []) {
      const tests = suite.assertionResults ?? [];
      // A file that failed to load has no test results of its own.
      if (suite.status === "failed" && tests.every((t) => t.status !== "failed")) failed += 1;
      for (const t of tests) {
        if (t.status === "passed") passed += 1;
        else if (t.status === "failed") failed += 1;
        else skipped += 1;
      }
    }
  } else {
    passed += (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
    failed += report.stats?.unexpected ?? 0;
    skipped += report.stats?.skipped ?? 0;
    for (const error of report.errors ?? []) {
      console.error(`end-to-end run error: ${error.message ?? error}`);
      failed += 1;
    }
  }
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
