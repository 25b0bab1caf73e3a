// npm run bench: every benchmark, one table. Set BENCH_POSTGRES_URL to include PostgreSQL.
import { benchRosterImport } from "./bench/roster-import.ts";
import { benchRosterParse } from "./bench/roster-parse.ts";
import { benchTimetable } from "./bench/timetable.ts";

/** One line of the table: how many of `unit` a benchmark gets through per second. */
type Line = { name: string; perSecond: number; unit: "rows" | "operations" };

const rows = (results: { name: string; rowsPerSecond: number }[]): Line[] =>
  results.map(({ name, rowsPerSecond }) => ({ name, perSecond: rowsPerSecond, unit: "rows" }));

const results: Line[] = [
  ...rows(await benchRosterParse()),
  ...rows(await benchRosterImport()),
  ...(await benchTimetable()).map(({ name, operationsPerSecond }): Line => ({
    name,
    perSecond: operationsPerSecond,
    unit: "operations",
  })),
];

const width = Math.max(...results.map((r) => r.name.length));
const numbers = results.map((r) => r.perSecond.toLocaleString("en-US"));
const numberWidth = Math.max(...numbers.map((n) => n.length));
console.log(`${"benchmark".padEnd(width)}  per second`);
results.forEach(({ name, unit }, index) => {
  console.log(`${name.padEnd(width)}  ${numbers[index]!.padStart(numberWidth)} ${unit}`);
});
