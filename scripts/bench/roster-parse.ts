// How fast a roster file is read and checked: a class is 87 rows, so this is
// about headroom, e.g. a province-wide import of 10,000 trainees in one go.
// Run: npx tsx scripts/bench/roster-parse.ts
import { pathToFileURL } from "node:url";
import { validateRosterRows } from "~/modules/roster/roster-rows.server.ts";
import { readRosterFile } from "~/modules/roster/spreadsheet.server.ts";
import { demoRosterRows, rosterCsv, rosterXlsx } from "../../tests/factories/roster-files.ts";

const ROWS = 10_000;
const RUNS = 3;

async function readAndValidate(fileName: string, bytes: Uint8Array): Promise<number> {
  const read = await readRosterFile({ fileName, bytes });
  if (!read.ok) throw new Error(`${fileName}: ${read.issue.messageKey}`);
  const { valid, issues } = validateRosterRows(read.rows);
  if (valid.length !== ROWS || issues.length > 0)
    throw new Error(`${fileName}: ${valid.length} valid, ${issues.length} issues`);
  return valid.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Reading plus validating, rows per second, median of three runs per file kind. */
export async function benchRosterParse(): Promise<{ name: string; rowsPerSecond: number }[]> {
  const rows = demoRosterRows(ROWS);
  // Files are made before timing: only reading and checking are measured.
  const files = [
    { name: `roster-parse: ${ROWS} rows .xlsx`, fileName: "roster.xlsx", bytes: await rosterXlsx(rows) },
    {
      name: `roster-parse: ${ROWS} rows GBK .csv`,
      fileName: "roster.csv",
      bytes: rosterCsv(rows, { encoding: "gbk" }),
    },
  ];
  const results: { name: string; rowsPerSecond: number }[] = [];
  for (const file of files) {
    const rates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const count = await readAndValidate(file.fileName, file.bytes);
      rates.push(count / ((performance.now() - started) / 1000));
    }
    results.push({ name: file.name, rowsPerSecond: Math.round(median(rates)) });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { name, rowsPerSecond } of await benchRosterParse()) {
    console.log(`${name}: ${rowsPerSecond.toLocaleString("en-US")} rows/s`);
  }
}
