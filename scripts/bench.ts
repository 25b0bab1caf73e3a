// npm run bench: every benchmark. A table for people, or with `--json` one JSON
// object of every figure, keyed by capability. Set BENCH_POSTGRES_URL to include PostgreSQL.
import { benchAttendance } from "./bench/attendance.ts";
import { benchCertificates } from "./bench/certificates.ts";
import { benchCheckIn } from "./bench/checkin.ts";
import { benchReports } from "./bench/reports.ts";
import { benchRosterImport } from "./bench/roster-import.ts";
import { benchRosterParse } from "./bench/roster-parse.ts";
import { benchTimetable } from "./bench/timetable.ts";

/** One figure: a name people read, its value and its unit. */
export type Figure = { name: string; value: number; unit: string };

/** Each capability's benchmarks, in the order they run. A new capability adds one entry. */
const capabilities: Record<string, () => Promise<Figure[]>> = {
  roster: async () => [
    ...(await benchRosterParse()).map(({ name, rowsPerSecond }) => ({ name, value: rowsPerSecond, unit: "rows/s" })),
    ...(await benchRosterImport()).map(({ name, rowsPerSecond }) => ({ name, value: rowsPerSecond, unit: "rows/s" })),
  ],
  timetable: async () =>
    (await benchTimetable()).map(({ name, operationsPerSecond }) => ({ name, value: operationsPerSecond, unit: "operations/s" })),
  attendance: async () =>
    (await benchAttendance()).flatMap(({ name, medianMs, slowestMs }) => [
      { name: `${name}, median`, value: medianMs, unit: "ms" },
      { name: `${name}, slowest`, value: slowestMs, unit: "ms" },
    ]),
  checkin: benchCheckIn,
  certificates: benchCertificates,
  reports: async () =>
    (await benchReports()).flatMap(({ name, medianMs, slowestMs }) => [
      { name: `${name}, median`, value: medianMs, unit: "ms" },
      { name: `${name}, slowest`, value: slowestMs, unit: "ms" },
    ]),
};

const json = process.argv.includes("--json");
// With --json, standard output carries the one JSON object only: progress lines (here and in
// the per-database worker processes) go to standard error.
const print = console.log;
if (json) {
  process.env.BENCH_JSON = "1";
  console.log = console.error;
}
const only = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const results: Record<string, Figure[]> = {};
for (const [capability, run] of Object.entries(capabilities)) {
  if (only.length > 0 && !only.includes(capability)) continue;
  results[capability] = await run();
}

if (json) {
  // Keyed by capability, then by figure name: { "roster": { "roster-parse: …": { value, unit } } }.
  const figures = Object.fromEntries(
    Object.entries(results).map(([capability, list]) => [
      capability,
      Object.fromEntries(list.map(({ name, value, unit }) => [name, { value, unit }])),
    ]),
  );
  print(JSON.stringify(figures));
} else {
  const all = Object.values(results).flat();
  const width = Math.max(...all.map((r) => r.name.length));
  const numbers = all.map((r) => r.value.toLocaleString("en-US"));
  const numberWidth = Math.max(...numbers.map((n) => n.length));
  console.log(`${"benchmark".padEnd(width)}  figure`);
  all.forEach(({ name, unit }, index) => {
    console.log(`${name.padEnd(width)}  ${numbers[index]!.padStart(numberWidth)} ${unit}`);
  });
}
