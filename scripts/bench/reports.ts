// The academy's report on a five-year history: 120 cohorts, 10,000 trainees,
// 10,000 held sessions and 600,000 attendance rows (with approved leave,
// walk-in guests and certificates), written in bulk to a freshly migrated
// database. Measured in server time: the report for one year and for all five
// (counting and rendering the page), the page with each breakdown, a figure's
// list, and the .xlsx export. Every answer is checked against the data as
// planned, so a broken path fails the run instead of reporting a number.
// Run: npx tsx scripts/bench/reports.ts (BENCH_POSTGRES_URL adds PostgreSQL).
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { trackKeys } from "~/modules/academy/tracks.ts";
import { parseDatabaseUrl } from "~/utils/database-url.ts";
import { i18nOptions } from "~/utils/i18n.ts";
import { projectRoot } from "~/utils/project-root.server.ts";
import { applyMigrations } from "../db/apply-migrations.ts";
import { onEachDatabase, printTimings, timed as timeRuns, whenRun, type TimingResult } from "./each-database.ts";
import { randomSource } from "./timetable.ts";

const COHORTS = 120;
const TRAINEES = 10_000;
const SEATS = 85;
/** 80 cohorts of 83 sessions and 40 of 84: 10,000 sessions. */
const sessionsOf = (cohort: number) => (cohort < 80 ? 83 : 84);
/** Records per session: 60 of the 85 seats, 600,000 in all; of the others one has approved leave. */
const RECORDS_PER_SESSION = 60;
const DISTRICTS = ["东城区", "西城区", "南岗区", "临溪县", "青山区", "云溪区", "北湖区", "江岸区", "高新区", "经开区", "滨江区", "老城区"];
const INDUSTRIES = ["制造业", "软件和信息技术", "批发零售", "建筑业", "农业", "金融", "物流", "餐饮住宿", "文化旅游", "医药", "新能源", "教育", "房地产", "化工", "其他"];
const CHUNK = 2_000;
const WARM_UP_RUNS = 1;
const RUNS = 5;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Mid-January 2026: every session of the five years 2021–2025 is held. */
const NOW = new Date("2026-01-15T08:00:00Z");
const FIRST_MONDAY = Date.UTC(2021, 0, 4);

export type ReportsBenchResult = TimingResult;

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(`reports benchmark: ${message()}`);
}

const timed = (name: string, operation: () => Promise<void>): Promise<ReportsBenchResult> => timeRuns(name, operation, { warmUp: WARM_UP_RUNS, runs: RUNS });

/** The history as rows to insert, and the figures it must give. */
function planHistory(trackIds: Map<string, string>, academyId: string) {
  const random = randomSource(20210104);
  const organisations = [
    { id: randomUUID(), name: "江西省工商业联合会", kind: "federation", level: "province" },
    { id: randomUUID(), name: "云溪市工商业联合会", kind: "federation", level: "city" },
    { id: randomUUID(), name: "临溪县工商业联合会", kind: "federation", level: "county" },
    { id: randomUUID(), name: "青山县工商业联合会", kind: "federation", level: "county" },
    { id: randomUUID(), name: "云溪大学", kind: "university", level: null },
  ];
  const people = Array.from({ length: TRAINEES }, (_, n) => ({
    id: randomUUID(),
    name: `学员${n}`,
    mobile: `139${String(n).padStart(8, "0")}`,
    status: "active",
    district: DISTRICTS[n % DISTRICTS.length]!,
    industry: INDUSTRIES[(n * 7) % INDUSTRIES.length]!,
  }));
  const cohorts: { id: string; academyId: string; code: string; title: string; startDate: string; endDate: string; capacity: number; status: string }[] = [];
  const links: { cohortId: string; organisationId: string; role: string; position: number }[] = [];
  const enrollments: { id: string; cohortId: string; personId: string; status: string }[] = [];
  const modules: { id: string; cohortId: string; trackId: string; title: string; creditHours: number; position: number }[] = [];
  const sessions: { id: string; moduleId: string; startsAt: Date; endsAt: Date; kind: string; openToGuests: boolean }[] = [];
  const records: { id: string; enrollmentId: string; sessionId: string; status: string; method: string }[] = [];
  const leaves: { enrollmentId: string; sessionId: string; reason: string; status: string }[] = [];
  const guests: { sessionId: string; name: string; mobile: string; status: string }[] = [];
  const certificates: { enrollmentId: string; serial: string; sequence: number; verificationCode: string; snapshot: string; issuedAt: Date }[] = [];
  const expect = { year2025: { sessions: 0, trainees: 0, guests: 0 }, all: { sessions: 0, trainees: 0, guests: 0 } };
  for (let c = 0; c < COHORTS; c++) {
    const id = randomUUID();
    const start = FIRST_MONDAY + c * 14 * DAY;
    const seats = Array.from({ length: SEATS }, (_, k) => ({ id: randomUUID(), person: people[(c * SEATS + k) % TRAINEES]! }));
    const days = Array.from({ length: sessionsOf(c) }, (_, s) => start + (Math.floor(s / 5) * 7 + (s % 5)) * DAY);
    cohorts.push({ id, academyId, code: `R-${c}`, title: `第${c + 1}期企业家培训班`, startDate: new Date(start).toISOString().slice(0, 10), endDate: new Date(days.at(-1)!).toISOString().slice(0, 10), capacity: 100, status: "completed" });
    links.push({ cohortId: id, organisationId: organisations[1]!.id, role: "organiser", position: 0 });
    links.push({ cohortId: id, organisationId: organisations[2 + (c % 2)]!.id, role: "co_organiser", position: 1 });
    links.push({ cohortId: id, organisationId: organisations[4]!.id, role: "teaching_partner", position: 2 });
    if (c % 4 === 0) links.push({ cohortId: id, organisationId: organisations[0]!.id, role: "co_organiser", position: 3 });
    for (const seat of seats) enrollments.push({ id: seat.id, cohortId: id, personId: seat.person.id, status: "enrolled" });
    const moduleIds = Array.from({ length: 12 }, (_, m) => {
      const moduleId = randomUUID();
      modules.push({ id: moduleId, cohortId: id, trackId: trackIds.get(trackKeys[m % 3]!)!, title: `模块${m + 1}`, creditHours: 6, position: m });
      return moduleId;
    });
    days.forEach((day, s) => {
      const sessionId = randomUUID();
      // Every twentieth session is an evening exchange that runs past midnight in Shanghai.
      const evening = s % 20 === 19;
      const startsAt = new Date(day + (evening ? 14.5 : 1) * HOUR);
      const kind = evening ? "exchange" : s % 17 === 16 ? "site_visit" : s % 5 === 4 ? "workshop" : "lecture";
      sessions.push({ id: sessionId, moduleId: moduleIds[s % 12]!, startsAt, endsAt: new Date(startsAt.getTime() + (evening ? 2 : 3) * HOUR), kind, openToGuests: s % 10 === 0 });
      const offset = (s * 7) % SEATS;
      let attended = 0;
      for (let r = 0; r < RECORDS_PER_SESSION; r++) {
        const roll = random.next();
        const status = roll < 0.8 ? "present" : roll < 0.9 ? "late" : roll < 0.95 ? "excused" : "absent";
        if (status === "present" || status === "late") attended += 1;
        records.push({ id: randomUUID(), enrollmentId: seats[(offset + r) % SEATS]!.id, sessionId, status, method: "qr" });
      }
      leaves.push({ enrollmentId: seats[(offset + RECORDS_PER_SESSION) % SEATS]!.id, sessionId, reason: "出差", status: "approved" });
      const sessionGuests = s % 10 === 0 ? 2 : 0;
      for (let g = 0; g < sessionGuests; g++) guests.push({ sessionId, name: `来宾${c}-${s}-${g}`, mobile: `137${String(c * 1000 + s * 2 + g).padStart(8, "0")}`, status: "present" });
      const local = new Date(startsAt.getTime() + 8 * HOUR);
      for (const bucket of local.getUTCFullYear() === 2025 ? [expect.year2025, expect.all] : [expect.all]) {
        bucket.sessions += 1;
        bucket.trainees += attended;
        bucket.guests += sessionGuests;
      }
    });
    seats.slice(0, 50).forEach((seat, k) =>
      certificates.push({ enrollmentId: seat.id, serial: `R-${c}-${k}`, sequence: 1, verificationCode: `rv-${c}-${k}`, snapshot: "{}", issuedAt: new Date(days.at(-1)! + 10 * HOUR) }),
    );
  }
  return { organisations, people, cohorts, links, enrollments, modules, sessions, records, leaves, guests, certificates, expect };
}

async function measure(databaseUrl: string, label: string): Promise<ReportsBenchResult[]> {
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
  const { loadReport } = await import("~/modules/reports/report.server.ts");
  const { loadList } = await import("~/modules/reports/lists.server.ts");
  const { writeReportWorkbook } = await import("~/modules/reports/report-workbook.server.ts");
  const { HeadlineFigures, ReportCharts, ReportSentences, TripsTable } = await import("~/modules/reports/report-view.tsx");
  const { BreakdownTable } = await import("~/modules/reports/breakdown-table.tsx");
  const { breakdownKinds } = await import("~/modules/reports/report.ts");
  try {
    const started = performance.now();
    await ensureReferenceData(db);
    const trackIds = new Map((await db.track.findMany({ select: { id: true, key: true } })).map((t) => [t.key, t.id]));
    // BENCH_REPORTS_REUSE=1 measures a database this benchmark already built (its academy and every
    // attendance row in place) instead of writing the history again: the plan is seeded, so the
    // figures it must give are the same, and only the organisations' ids are read back by name.
    const built = process.env.BENCH_REPORTS_REUSE ? await db.academy.findUnique({ where: { slug: "bench" }, select: { id: true } }) : null;
    const reuse = built !== null && (await db.attendance.count()) === 600_000;
    const academy = built !== null && reuse ? built : await db.academy.create({ data: { slug: "bench", name: "基准测试企业家学院", timeZone: "Asia/Shanghai" }, select: { id: true } });
    const plan = planHistory(trackIds, academy.id);
    const insert = async <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
    };
    if (reuse) {
      const ids = new Map((await db.organisation.findMany({ select: { id: true, name: true } })).map((o) => [o.name, o.id]));
      for (const organisation of plan.organisations) organisation.id = (ids.get(organisation.name) ?? organisation.id) as typeof organisation.id;
    } else {
    await db.organisation.createMany({ data: plan.organisations });
    await insert(plan.people, (chunk) => db.person.createMany({ data: chunk.map(({ id, name, mobile, status }) => ({ id, name, mobile, status })) }));
    await insert(plan.people, (chunk) => db.traineeProfile.createMany({ data: chunk.map((p) => ({ personId: p.id, company: `${p.name}科技有限公司`, district: p.district, industry: p.industry })) }));
    await db.cohort.createMany({ data: plan.cohorts });
    await db.cohortOrganisation.createMany({ data: plan.links });
    await insert(plan.enrollments, (data) => db.enrollment.createMany({ data }));
    await insert(plan.modules, (data) => db.module.createMany({ data }));
    await insert(plan.sessions, (data) => db.session.createMany({ data }));
    await insert(plan.records, (data) => db.attendance.createMany({ data }));
    await insert(plan.leaves, (data) => db.leaveRequest.createMany({ data }));
    await insert(plan.guests, (data) => db.guestAttendance.createMany({ data }));
    await insert(plan.certificates, (data) => db.certificate.createMany({ data }));
    // A running PostgreSQL analyses tables this size on its own (autovacuum) soon after such a load;
    // the benchmark measures that settled database rather than plans made without statistics.
    if (databaseUrl.startsWith("postgres")) await db.$executeRawUnsafe("ANALYZE");
    }
    check((await db.attendance.count()) === 600_000 && (await db.session.count()) === 10_000, () => "the history was not all written");
    console.log(
      `${label}: ${COHORTS} cohorts, ${TRAINEES} trainees, ${plan.sessions.length} sessions, ${plan.records.length} attendance rows, ${plan.guests.length} guests, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const year = { from: "2025-01-01", to: "2025-12-31" };
    const fiveYears = { from: "2021-01-01", to: "2025-12-31" };
    const i18n = createInstance(i18nOptions("zh-CN"));
    await i18n.init();
    type Report = Awaited<ReturnType<typeof loadReport>>;
    const page = (report: Report, kind: (typeof breakdownKinds)[number]) => {
      // What the browser receives: the loader's data as JSON and the page rendered on the server.
      JSON.stringify(report);
      const parts = [
        createElement(HeadlineFigures, { report }),
        createElement(ReportSentences, { report }),
        createElement(ReportCharts, { report }),
        createElement(BreakdownTable, { breakdown: report.breakdowns[kind], range: report.range }),
        createElement(TripsTable, { report }),
      ];
      return renderToString(createElement(MemoryRouter, null, createElement(I18nextProvider, { i18n }, ...parts)));
    };
    const expectFigures = (report: Report, expected: { sessions: number; trainees: number; guests: number }) => {
      check(report.sessionsHeld === expected.sessions, () => `sessions ${report.sessionsHeld} ≠ ${expected.sessions}`);
      check(report.personTimes.trainees === expected.trainees, () => `trainee person-times ${report.personTimes.trainees} ≠ ${expected.trainees}`);
      check(report.personTimes.guests === expected.guests, () => `guest person-times ${report.personTimes.guests} ≠ ${expected.guests}`);
    };

    const results: ReportsBenchResult[] = [];
    results.push(
      await timed(`reports: report page, one year (${label})`, async () => {
        const report = await loadReport({ range: year, cohortIds: null, now: NOW });
        expectFigures(report, plan.expect.year2025);
        check(page(report, "cohort").length > 10_000, () => "the page did not render");
      }),
    );
    results.push(
      await timed(`reports: report page, five years (${label})`, async () => {
        const report = await loadReport({ range: fiveYears, cohortIds: null, now: NOW });
        expectFigures(report, plan.expect.all);
        check(report.people.trainees === TRAINEES, () => `distinct trainees ${report.people.trainees} ≠ ${TRAINEES}`);
        check(page(report, "cohort").length > 10_000, () => "the page did not render");
      }),
    );
    for (const kind of breakdownKinds) {
      results.push(
        await timed(`reports: breakdown by ${kind}, five years (${label})`, async () => {
          const report = await loadReport({ range: fiveYears, cohortIds: null, now: NOW });
          check(report.breakdowns[kind].rows.length > 0, () => `no rows by ${kind}`);
          const sum = report.breakdowns[kind].rows.reduce((total, row) => total + row.personTimes.trainees, 0);
          check(report.breakdowns[kind].overlapping || sum === plan.expect.all.trainees, () => `rows by ${kind} add up to ${sum}`);
          page(report, kind);
        }),
      );
    }
    const county = plan.organisations[2]!.id;
    results.push(
      await timed(`reports: list of a county's person-times, five years, first page (${label})`, async () => {
        const list = await loadList({ figure: "personTimes", range: fiveYears, cohortIds: null, filter: { organisationId: county }, page: 1, timeZone: "Asia/Shanghai", now: NOW });
        check(list.total > 200_000 && list.rows.length === 50, () => `county list of ${list.total}`);
      }),
    );
    results.push(
      await timed(`reports: .xlsx export, five years (${label})`, async () => {
        const report = await loadReport({ range: fiveYears, cohortIds: null, now: NOW });
        const workbook = await writeReportWorkbook(report, "基准测试企业家学院", "zh-CN");
        check(workbook.subarray(0, 2).toString("latin1") === "PK", () => "the export is not an .xlsx");
      }),
    );
    return results;
  } finally {
    await db.$disconnect();
  }
}

const thisFile = fileURLToPath(import.meta.url);

/** The report measurements on a fresh SQLite database, and on PostgreSQL if BENCH_POSTGRES_URL is set. */
export async function benchReports(): Promise<ReportsBenchResult[]> {
  return onEachDatabase<ReportsBenchResult>(thisFile, "reports");
}

await whenRun(import.meta.url, { measure, onEachDatabase: benchReports, print: printTimings });
