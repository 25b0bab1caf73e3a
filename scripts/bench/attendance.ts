// How attendance figures hold up on a year of data: 24 cohorts and about 2,000
// held sessions with about 150,000 attendance rows, against a real, freshly
// migrated database. Measured: the cohort attendance grid page at 100 trainees
// × 60 sessions (its loader and the server render of the grid), and one
// cohort's rates (cohortStandings, counted in the database). Each is run
// repeatedly and reported as the median and the slowest of the timed runs, in
// milliseconds of server time; every answer is checked against the data as
// built, so a broken path fails the run instead of reporting a number.
// Run: npx tsx scripts/bench/attendance.ts (BENCH_POSTGRES_URL adds PostgreSQL).
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { trackKeys } from "~/modules/academy/tracks.ts";
import { parseDatabaseUrl } from "~/utils/database-url.ts";
import { i18nOptions } from "~/utils/i18n.ts";
import { projectRoot } from "~/utils/project-root.server.ts";
import { applyMigrations } from "../db/apply-migrations.ts";
import { onEachDatabase, printTimings, timed as timeRuns, whenRun, type TimingResult } from "./each-database.ts";
import { randomSource } from "./timetable.ts";

const TIME_ZONE = "Asia/Shanghai";
const COHORTS = 24;
/** The grid cohort: 100 trainees × 60 sessions. */
const GRID_TRAINEES = 100;
const GRID_SESSIONS = 60;
/** The other cohorts: 87 seats and 84 sessions each (23 × 84 + 60 = 1,992 sessions). */
const SEATS = 87;
const SESSIONS = 84;
/** Chance that a trainee has a record at a session; of the rest, chance of approved leave. */
const RECORDED = 0.9;
const LEAVE = 0.2;
const CHUNK = 500;
const WARM_UP_RUNS = 3;
const RUNS = 15;
const HOUR = 3_600_000;
const NOW = new Date("2026-01-15T08:00:00Z");

export type AttendanceBenchResult = TimingResult;

type Planned = { status: "present" | "late" | "excused" | "absent" | null; leave: boolean };

function planAcademy() {
  const random = randomSource(20260115);
  const cohorts = Array.from({ length: COHORTS }, (_, index) => {
    const trainees = index === 0 ? GRID_TRAINEES : SEATS;
    const sessionCount = index === 0 ? GRID_SESSIONS : SESSIONS;
    // A year back from NOW, a fortnight apart; each cohort's sessions twice a working day over six weeks.
    const start = NOW.getTime() - (365 - index * 14) * 24 * HOUR;
    const sessions = Array.from({ length: sessionCount }, (_, s) => ({
      id: randomUUID(),
      module: s % 12,
      startsAt: new Date(start + Math.floor(s / 2) * 24 * HOUR + (s % 2) * 5 * HOUR),
    }));
    const traineeIds = Array.from({ length: trainees }, () => randomUUID());
    const cells: Planned[][] = traineeIds.map(() =>
      sessions.map(() => {
        if (random.next() < RECORDED) {
          const roll = random.next();
          return { status: roll < 0.8 ? "present" : roll < 0.9 ? "late" : roll < 0.95 ? "excused" : "absent", leave: false };
        }
        return { status: null, leave: random.next() < LEAVE };
      }),
    );
    return { id: randomUUID(), index, sessions, traineeIds, enrollmentIds: traineeIds.map(() => randomUUID()), moduleIds: Array.from({ length: 12 }, () => randomUUID()), cells };
  });
  return { cohorts };
}

/** The counts a trainee should have, worked out from the plan. */
function expectedCounts(cells: Planned[]) {
  const counts = { present: 0, late: 0, excused: 0, absent: 0 };
  for (const cell of cells) counts[cell.status ?? (cell.leave ? "excused" : "absent")] += 1;
  return counts;
}

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(`attendance benchmark: ${message()}`);
}

const timed = (name: string, operation: () => Promise<void>): Promise<AttendanceBenchResult> => timeRuns(name, operation, { warmUp: WARM_UP_RUNS, runs: RUNS });

async function measure(databaseUrl: string, label: string): Promise<AttendanceBenchResult[]> {
  // React as the production server runs it: its development build is several times slower to render.
  process.env.NODE_ENV = "production";
  const { createElement } = await import("react");
  const { renderToString } = await import("react-dom/server");
  const { I18nextProvider } = await import("react-i18next");
  const { MemoryRouter } = await import("react-router-dom");
  const { createInstance } = await import("i18next");
  await applyMigrations(parseDatabaseUrl(databaseUrl, projectRoot));
  process.env.DATABASE_URL = databaseUrl;
  const { db } = await import("~/utils/db.server.ts");
  const { ensureReferenceData } = await import("~/modules/academy/reference-data.server.ts");
  const { cohortGrid } = await import("~/modules/attendance/grid.server.ts");
  const { presentGrid } = await import("~/modules/attendance/grid-view.server.ts");
  const { cohortStandings } = await import("~/modules/attendance/standing.server.ts");
  const { AttendanceGridTable } = await import("~/modules/attendance/attendance-grid.tsx");
  try {
    const started = performance.now();
    const { cohorts } = planAcademy();
    await ensureReferenceData(db);
    const tracks = new Map((await db.track.findMany({ select: { id: true, key: true } })).map((t) => [t.key, t.id]));
    const insert = async <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
    };
    const academy = await db.academy.create({ data: { slug: "bench", name: "基准测试学院", timeZone: TIME_ZONE }, select: { id: true } });
    const people = cohorts.flatMap((c) => c.traineeIds.map((id, n) => ({ id, cohort: c.index, n })));
    await insert(people, (chunk) =>
      db.person.createMany({ data: chunk.map((p) => ({ id: p.id, name: `学员${p.cohort}-${p.n}`, status: "active", mobile: `139${String(p.cohort * 1000 + p.n).padStart(8, "0")}` })) }),
    );
    await insert(people, (chunk) => db.traineeProfile.createMany({ data: chunk.map((p) => ({ personId: p.id, company: `第${p.n}科技有限公司` })) }));
    await db.cohort.createMany({
      data: cohorts.map((c) => ({ id: c.id, academyId: academy.id, code: `ATT-${c.index}`, title: `第${c.index + 1}期`, startDate: "2025-01-01", endDate: "2025-12-31", capacity: 120, status: "running" })),
    });
    await insert(
      cohorts.flatMap((c) => c.traineeIds.map((personId, n) => ({ id: c.enrollmentIds[n]!, cohortId: c.id, personId, status: "enrolled" }))),
      (data) => db.enrollment.createMany({ data }),
    );
    await db.module.createMany({
      data: cohorts.flatMap((c) => c.moduleIds.map((id, m) => ({ id, cohortId: c.id, trackId: tracks.get(trackKeys[m % 3]!)!, title: `模块${m + 1}`, creditHours: 6, position: m }))),
    });
    await insert(
      cohorts.flatMap((c) => c.sessions.map((s) => ({ id: s.id, moduleId: c.moduleIds[s.module]!, startsAt: s.startsAt, endsAt: new Date(s.startsAt.getTime() + 3 * HOUR) }))),
      (data) => db.session.createMany({ data }),
    );
    const records = cohorts.flatMap((c) =>
      c.cells.flatMap((row, t) =>
        row.flatMap((cell, s) =>
          cell.status ? [{ id: randomUUID(), enrollmentId: c.enrollmentIds[t]!, sessionId: c.sessions[s]!.id, status: cell.status, method: "qr" }] : [],
        ),
      ),
    );
    await insert(records, (data) => db.attendance.createMany({ data }));
    const leaves = cohorts.flatMap((c) =>
      c.cells.flatMap((row, t) =>
        row.flatMap((cell, s) => (cell.leave ? [{ enrollmentId: c.enrollmentIds[t]!, sessionId: c.sessions[s]!.id, reason: "出差", status: "approved" }] : [])),
      ),
    );
    await insert(leaves, (data) => db.leaveRequest.createMany({ data }));
    const sessionCount = cohorts.reduce((sum, c) => sum + c.sessions.length, 0);
    check((await db.attendance.count()) === records.length, () => "attendance rows were not all written");
    console.log(
      `${label}: ${COHORTS} cohorts, ${sessionCount} sessions, ${records.length} attendance rows, ${leaves.length} approved leaves, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const gridCohort = cohorts[0]!;
    const ratesCohort = cohorts[12]!;
    const i18n = createInstance(i18nOptions("zh-CN"));
    await i18n.init();
    const results: AttendanceBenchResult[] = [];

    results.push(
      await timed(`attendance grid loader ${GRID_TRAINEES}×${GRID_SESSIONS} (${label})`, async () => {
        const grid = presentGrid(await cohortGrid({ cohortId: gridCohort.id, now: NOW }), TIME_ZONE, "zh-CN");
        check(grid.rows.length === GRID_TRAINEES, () => "grid has the wrong shape");
      }),
    );
    results.push(
      await timed(`attendance grid page ${GRID_TRAINEES}×${GRID_SESSIONS} (${label})`, async () => {
        const grid = presentGrid(await cohortGrid({ cohortId: gridCohort.id, now: NOW }), TIME_ZONE, "zh-CN");
        // The loader's data goes to the browser as JSON, and the grid is rendered to HTML on the server.
        JSON.stringify(grid);
        const html = renderToString(
          createElement(MemoryRouter, null, createElement(I18nextProvider, { i18n }, createElement(AttendanceGridTable, { grid, cohortId: gridCohort.id }))),
        );
        check(grid.rows.length === GRID_TRAINEES && grid.sessions.length === GRID_SESSIONS, () => "grid has the wrong shape");
        const first = expectedCounts(gridCohort.cells[0]!);
        const row = grid.rows.find((r) => r.enrollmentId === gridCohort.enrollmentIds[0])!;
        check(row.standing.absent === first.absent && row.standing.excused === first.excused, () => "grid counts differ from the plan");
        check(html.length > 100_000, () => "grid did not render");
      }),
    );

    results.push(
      await timed(`cohort rates, ${SEATS} trainees × ${SESSIONS} sessions (${label})`, async () => {
        const standings = await cohortStandings({ cohortId: ratesCohort.id, now: NOW });
        check(standings.heldSessions === SESSIONS && standings.enrollments.length === SEATS, () => "rates have the wrong shape");
        for (const [t, enrollmentId] of ratesCohort.enrollmentIds.entries()) {
          const expected = expectedCounts(ratesCohort.cells[t]!);
          const got = standings.enrollments.find((e) => e.enrollmentId === enrollmentId)!;
          check(
            got.present === expected.present && got.late === expected.late && got.excused === expected.excused && got.absent === expected.absent,
            () => `rates differ from the plan for trainee ${t}: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`,
          );
        }
      }),
    );
    return results;
  } finally {
    await db.$disconnect();
  }
}

const thisFile = fileURLToPath(import.meta.url);

/** The attendance measurements on a fresh SQLite database, and on PostgreSQL if BENCH_POSTGRES_URL is set. */
export async function benchAttendance(): Promise<AttendanceBenchResult[]> {
  return onEachDatabase<AttendanceBenchResult>(thisFile, "attendance");
}

await whenRun(import.meta.url, { measure, onEachDatabase: benchAttendance, print: printTimings });
