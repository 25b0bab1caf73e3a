// How long a province-wide roster of 10,000 trainees takes to import into one
// cohort, against a real, freshly migrated database: the preview (read, check,
// look up who is known) and the commit (everything in one transaction), each
// timed once. A class is 87 rows, so this is about headroom.
// Run: npx tsx scripts/bench/roster-import.ts
// With BENCH_POSTGRES_URL=postgres://user@host:5432/postgres it also runs on
// PostgreSQL, in a database it creates there and drops afterwards.
import { fileURLToPath } from "node:url";
import { parseDatabaseUrl } from "~/utils/database-url.ts";
import { projectRoot } from "~/utils/project-root.server.ts";
import { demoRosterRows, rosterXlsx } from "../../tests/factories/roster-files.ts";
import { applyMigrations } from "../db/apply-migrations.ts";
import { onEachDatabase, whenRun } from "./each-database.ts";

const ROWS = 10_000;
const CAPACITY = 20_000;

export type ImportBenchResult = { name: string; rowsPerSecond: number; seconds: number };

const seconds = (startedMs: number) => (performance.now() - startedMs) / 1000;

function result(name: string, elapsed: number): ImportBenchResult {
  return { name, rowsPerSecond: Math.round(ROWS / elapsed), seconds: Number(elapsed.toFixed(2)) };
}

/**
 * The measurement itself, in a process of its own: the app's one Prisma client
 * is made from DATABASE_URL when db.server.ts is first imported, so each
 * database needs a fresh process, with the variable set before that import.
 */
async function measure(databaseUrl: string, label: string): Promise<ImportBenchResult[]> {
  await applyMigrations(parseDatabaseUrl(databaseUrl, projectRoot));
  process.env.DATABASE_URL = databaseUrl;
  const { db } = await import("~/utils/db.server.ts");
  const { ensureReferenceData } = await import("~/modules/academy/reference-data.server.ts");
  const { commitRosterImport, previewRosterImport } = await import("~/modules/roster/import.server.ts");
  const { rolePermissions } = await import("~/modules/accounts/permissions.server.ts");
  try {
    await ensureReferenceData(db);
    const academy = await db.academy.create({ data: { slug: "bench", name: "基准测试学院" }, select: { id: true } });
    const cohort = await db.cohort.create({
      data: {
        academyId: academy.id,
        code: "BENCH-IMPORT",
        title: "全省企业家培训（基准测试）",
        startDate: "2025-03-01",
        endDate: "2025-06-30",
        capacity: CAPACITY,
        status: "enrolling",
      },
      select: { id: true },
    });
    const actor = await db.person.create({ data: { name: "基准测试员", status: "active" }, select: { id: true } });
    // The file is made before timing: only the import is measured.
    const file = {
      cohortId: cohort.id,
      fileName: "roster.xlsx",
      bytes: await rosterXlsx(demoRosterRows(ROWS)),
      actor: { id: actor.id, permissions: [...rolePermissions.admin] },
    };

    let started = performance.now();
    const preview = await previewRosterImport(file);
    const previewSeconds = seconds(started);
    if (preview.issues.length > 0 || preview.newPeople.length !== ROWS) {
      throw new Error(`preview: ${preview.newPeople.length} new people, ${preview.issues.length} issues`);
    }

    started = performance.now();
    const committed = await commitRosterImport({
      ...file,
      request: new Request("http://localhost/"),
      now: new Date(),
    });
    const commitSeconds = seconds(started);
    if (!committed.ok || committed.enrolled !== ROWS)
      throw new Error(`commit: ${JSON.stringify(committed.ok ? committed : committed.preview.issues.slice(0, 3))}`);
    const enrolled = await db.enrollment.count({ where: { cohortId: cohort.id, status: "enrolled" } });
    if (enrolled !== ROWS) throw new Error(`commit: ${enrolled} enrolled instead of ${ROWS}`);

    return [
      result(`roster-import: ${ROWS} rows preview (${label})`, previewSeconds),
      result(`roster-import: ${ROWS} rows commit (${label})`, commitSeconds),
      result(`roster-import: ${ROWS} rows preview + commit (${label})`, previewSeconds + commitSeconds),
    ];
  } finally {
    await db.$disconnect();
  }
}

const thisFile = fileURLToPath(import.meta.url);

/** Preview and commit of 10,000 rows on a fresh SQLite database, and on PostgreSQL if BENCH_POSTGRES_URL is set. */
export async function benchRosterImport(): Promise<ImportBenchResult[]> {
  return onEachDatabase<ImportBenchResult>(thisFile, "roster-import");
}

function printTable(results: readonly ImportBenchResult[]) {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(`${"benchmark".padEnd(width)}  ${"rows/s".padStart(9)}  ${"seconds".padStart(8)}`);
  for (const { name, rowsPerSecond, seconds } of results) {
    console.log(
      `${name.padEnd(width)}  ${rowsPerSecond.toLocaleString("en-US").padStart(9)}  ${seconds.toFixed(2).padStart(8)}`,
    );
  }
}

await whenRun(import.meta.url, { measure, onEachDatabase: benchRosterImport, print: printTable });
