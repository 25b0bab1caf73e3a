// npm run bench: every benchmark, one table. Set BENCH_POSTGRES_URL to include PostgreSQL.
import { benchRosterImport } from "./bench/roster-import.ts";
import { benchRosterParse } from "./bench/roster-parse.ts";

const results: { name: string; rowsPerSecond: number }[] = [
  ...(await benchRosterParse()),
  ...(await benchRosterImport()),
];

const width = Math.max(...results.map((r) => r.name.length));
console.log(`${"benchmark".padEnd(width)}  ${"rows/s".padStart(9)}`);
for (const { name, rowsPerSecond } of results) {
  console.log(`${name.padEnd(width)}  ${rowsPerSecond.toLocaleString("en-US").padStart(9)}`);
}
