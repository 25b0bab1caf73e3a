// How the curriculum and timetable code holds up in a busy academy: a year of
// classes (24 cohorts of 87 seats, 80 sessions each over six weeks), 60
// lecturers and 15 venues, against a real, freshly migrated database. Each
// measurement repeats one operation for about a second and a half and reports
// operations per second; every answer is checked against the data as built, so
// a broken path fails the run instead of reporting a number.
// Run: npx tsx scripts/bench/timetable.ts
// With BENCH_POSTGRES_URL=postgres://user@host:5432/postgres it also runs on
// PostgreSQL, in a database it creates there and drops afterwards.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { sessionKinds, trackKeys, type TrackKey } from "~/modules/academy/tracks.ts";
import { parseDatabaseUrl } from "~/utils/database-url.ts";
import { projectRoot } from "~/utils/project-root.server.ts";
import { addDays, zonedDayRange, zonedInstant } from "~/utils/time.ts";
import { applyMigrations } from "../db/apply-migrations.ts";
import { onEachDatabase, whenRun } from "./each-database.ts";

const TIME_ZONE = "Asia/Shanghai";
const COHORTS = 24;
const MODULES_PER_COHORT = 12;
const SESSIONS_PER_COHORT = 80;
const WEEKS = 6;
const LECTURERS = 60;
const INTERNAL_LECTURERS = 12;
const VENUES = 15;
const SEATS = 87;
/** Trainees who come back for a second class (six cohorts later) or a third (every eighth cohort). */
const TWICE = 72;
const THRICE = 40;
/** Cohorts start a fortnight apart, so three classes run at any time. */
const FIRST_MONDAY = "2025-03-03";
const COHORT_SPACING_DAYS = 14;
/** Ninety-minute sessions inside the teaching hours 09:00–12:00 and 14:00–17:00. */
const SLOTS = [
  ["09:00", "10:30"],
  ["10:30", "12:00"],
  ["14:00", "15:30"],
  ["15:30", "17:00"],
] as const;
const ORIGIN = "https://academy.example.cn";
const TARGET_MS = 1500;
const WARM_UP_RUNS = 5;
const MIN_RUNS = 5;
const CHUNK = 500;

export type TimetableBenchResult = { name: string; operationsPerSecond: number; runs: number; seconds: number };

// ---------------------------------------------------------------------------
// The academy, planned in memory first: the checks compare answers with it.

/** Deterministic random numbers (mulberry32), so every run builds the same academy. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  };
  return { next, int, pick, sample };
}

type PlannedSession = {
  id: string;
  cohortIndex: number;
  moduleId: string;
  startsAt: Date;
  endsAt: Date;
  venueId: string;
  lecturerIds: string[];
  kind: string;
};

type PlannedCohort = {
  id: string;
  index: number;
  startDate: string;
  endDate: string;
  /** The Mondays of its six weeks. */
  weeks: string[];
  /** Its teaching days, Monday to Friday. */
  days: string[];
  modules: { id: string; title: string; track: TrackKey; position: number; lecturerIds: string[] }[];
  sessions: PlannedSession[];
  traineeIds: string[];
};

const familyNames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
const givenNames = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀英",
  "霞",
  "平",
];
const moduleTitles: Record<TrackKey, string[]> = {
  policy: ["产业政策解读", "财税政策与合规", "乡村振兴政策", "营商环境与法治"],
  technology: ["数字化转型实务", "智能制造前沿", "电子商务运营", "数据驱动决策"],
  management: ["战略管理", "财务报表分析", "组织与人才发展", "市场营销与品牌"],
};

function planAcademy() {
  const random = randomSource(20250303);
  const personName = (n: number) =>
    `${familyNames[n % familyNames.length]}${givenNames[Math.floor(n / familyNames.length) % givenNames.length]}${n}`;
  const venues = Array.from({ length: VENUES }, (_, i) => ({
    id: randomUUID(),
    name: i < 12 ? `教学楼${Math.floor(i / 4) + 1}号楼${(i % 4) + 1}0${(i % 3) + 1}教室` : `现场教学点${i - 11}`,
    kind: i < 12 ? "room" : "offsite",
    address: i < 12 ? null : `高新区创业路${i * 7}号`,
    capacity: 100,
  }));
  const internalPeople = Array.from({ length: INTERNAL_LECTURERS }, (_, i) => ({
    id: randomUUID(),
    name: `${personName(i + 5000)}老师`,
  }));
  const lecturers = Array.from({ length: LECTURERS }, (_, i) => ({
    id: randomUUID(),
    personId: internalPeople[i]?.id ?? null,
    name: internalPeople[i]?.name ?? `${personName(i + 6000)}教授`,
    title: i % 3 === 0 ? "教授" : i % 3 === 1 ? "高级经济师" : null,
    organisation: i < INTERNAL_LECTURERS ? "本学院" : `第${(i % 9) + 1}大学`,
    kind: i < INTERNAL_LECTURERS ? "internal" : "guest",
  }));
  const lecturerIds = lecturers.map((l) => l.id);

  const cohorts: PlannedCohort[] = Array.from({ length: COHORTS }, (_, index) => {
    const startDate = addDays(FIRST_MONDAY, index * COHORT_SPACING_DAYS);
    const weeks = Array.from({ length: WEEKS }, (_, w) => addDays(startDate, w * 7));
    const days = weeks.flatMap((monday) => [0, 1, 2, 3, 4].map((d) => addDays(monday, d)));
    const modules = Array.from({ length: MODULES_PER_COHORT }, (_, m) => {
      const track = trackKeys[m % trackKeys.length]!;
      const position = Math.floor(m / trackKeys.length) + 1;
      return {
        id: randomUUID(),
        title: moduleTitles[track][position - 1]!,
        track,
        position,
        lecturerIds: random.sample(lecturerIds, 1 + random.int(2)),
      };
    });
    const homeVenue = venues[index % 12]!.id;
    const slots = days.flatMap((date) => SLOTS.map((slot) => ({ date, slot })));
    const chosen = random
      .sample(slots, SESSIONS_PER_COHORT)
      .sort((a, b) => (a.date === b.date ? a.slot[0].localeCompare(b.slot[0]) : a.date.localeCompare(b.date)));
    const sessions = chosen.map(({ date, slot }, s): PlannedSession => {
      const module = modules[s % MODULES_PER_COHORT]!;
      return {
        id: randomUUID(),
        cohortIndex: index,
        moduleId: module.id,
        startsAt: zonedInstant(date, slot[0], TIME_ZONE),
        endsAt: zonedInstant(date, slot[1], TIME_ZONE),
        venueId: random.next() < 0.85 ? homeVenue : random.pick(venues).id,
        lecturerIds: module.lecturerIds,
        kind: random.next() < 0.7 ? "lecture" : random.pick(sessionKinds),
      };
    });
    return {
      id: randomUUID(),
      index,
      startDate,
      endDate: addDays(startDate, WEEKS * 7 - 3),
      weeks,
      days,
      modules,
      sessions,
      traineeIds: [],
    };
  });

  // Returning trainees come back for classes that do not overlap their first one.
  const trainees: { id: string; name: string; cohortIndexes: number[] }[] = [];
  for (let k = 0; k < THRICE; k++)
    trainees.push({ id: randomUUID(), name: "", cohortIndexes: [k % 8, (k % 8) + 8, (k % 8) + 16] });
  for (let k = 0; k < TWICE; k++) trainees.push({ id: randomUUID(), name: "", cohortIndexes: [k % 18, (k % 18) + 6] });
  for (const trainee of trainees) for (const c of trainee.cohortIndexes) cohorts[c]!.traineeIds.push(trainee.id);
  for (const cohort of cohorts) {
    while (cohort.traineeIds.length < SEATS) {
      const trainee = { id: randomUUID(), name: "", cohortIndexes: [cohort.index] };
      trainees.push(trainee);
      cohort.traineeIds.push(trainee.id);
    }
    if (cohort.traineeIds.length !== SEATS)
      throw new Error(`cohort ${cohort.index}: ${cohort.traineeIds.length} seats`);
  }
  trainees.forEach((trainee, n) => (trainee.name = personName(n)));
  return { random, venues, lecturers, internalPeople, cohorts, trainees };
}

type Plan = ReturnType<typeof planAcademy>;

/** What findClashes should answer, worked out from the plan: one entry per shared venue, lecturer and cohort. */
function expectedClashCount(
  plan: Plan,
  proposal: { cohortIndex: number; startsAt: Date; endsAt: Date; venueId: string; lecturerIds: string[] },
): number {
  let count = 0;
  let rows = 0;
  for (const cohort of plan.cohorts) {
    for (const s of cohort.sessions) {
      if (!(s.startsAt < proposal.endsAt && s.endsAt > proposal.startsAt)) continue;
      const venue = s.venueId === proposal.venueId ? 1 : 0;
      const lecturers = s.lecturerIds.filter((id) => proposal.lecturerIds.includes(id)).length;
      const sameCohort = s.cohortIndex === proposal.cohortIndex ? 1 : 0;
      if (venue + lecturers + sameCohort === 0) continue;
      rows += 1;
      count += venue + lecturers + sameCohort;
    }
  }
  if (rows > 50) throw new Error("a proposal with more than 50 clashing sessions cannot be checked exactly");
  return count;
}

const inWeek = (startsAt: Date, monday: string) =>
  startsAt >= zonedDayRange(monday, TIME_ZONE).start && startsAt < zonedDayRange(addDays(monday, 7), TIME_ZONE).start;

// ---------------------------------------------------------------------------
// Measuring

const seconds = (startedMs: number) => (performance.now() - startedMs) / 1000;

/** Runs `operation` a few times to warm up, then for about TARGET_MS; `run` counts from 0 across both. */
async function repeat(name: string, operation: (run: number) => Promise<void>): Promise<TimetableBenchResult> {
  let run = 0;
  for (; run < WARM_UP_RUNS; run++) await operation(run);
  const started = performance.now();
  let runs = 0;
  while (runs < MIN_RUNS || performance.now() - started < TARGET_MS) {
    await operation(run++);
    runs += 1;
  }
  const elapsed = seconds(started);
  return {
    name,
    operationsPerSecond: Number((runs / elapsed).toPrecision(3)),
    runs,
    seconds: Number(elapsed.toFixed(2)),
  };
}

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(`timetable benchmark: ${message()}`);
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/**
 * The measurement itself, in a process of its own: the app's one Prisma client
 * is made from DATABASE_URL when db.server.ts is first imported, so each
 * database needs a fresh process, with the variable set before that import.
 */
async function measure(databaseUrl: string, label: string): Promise<TimetableBenchResult[]> {
  await applyMigrations(parseDatabaseUrl(databaseUrl, projectRoot));
  process.env.DATABASE_URL = databaseUrl;
  const { db } = await import("~/utils/db.server.ts");
  const { ensureReferenceData } = await import("~/modules/academy/reference-data.server.ts");
  const { findClashes } = await import("~/modules/timetable/clashes.server.ts");
  const { scheduleSession } = await import("~/modules/timetable/sessions.server.ts");
  const { cohortCalendar, personCalendar } = await import("~/modules/calendar/calendar.server.ts");
  const { getCohortWeek, getPersonWeek } = await import("~/modules/timetable/timetable.server.ts");
  const { getProgramme } = await import("~/modules/programme/programme.server.ts");
  try {
    // --- Building the academy with createMany: the domain functions are what is measured, not how data got there.
    const started = performance.now();
    const plan = planAcademy();
    const { random, cohorts } = plan;
    await ensureReferenceData(db);
    const tracks = new Map((await db.track.findMany({ select: { id: true, key: true } })).map((t) => [t.key, t.id]));
    const roles = new Map((await db.role.findMany({ select: { id: true, key: true } })).map((r) => [r.key, r.id]));
    const role = (key: string) => {
      const id = roles.get(key);
      if (!id) throw new Error(`role ${key} missing`);
      return id;
    };
    const insert = async <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
    };
    const builtAt = new Date("2025-02-20T02:00:00Z");

    const academy = await db.academy.create({
      data: { slug: "bench", name: "基准测试学院", nameEn: "Benchmark Academy", timeZone: TIME_ZONE },
      select: { id: true },
    });
    const staff = await db.person.create({
      data: { name: "教务老师", status: "active", roles: { create: { roleId: role("admin") } } },
      select: { id: true },
    });
    await insert(plan.venues, (data) => db.venue.createMany({ data }));
    await insert(plan.internalPeople, (chunk) =>
      db.person.createMany({ data: chunk.map((p) => ({ ...p, status: "active" })) }),
    );
    await insert(plan.lecturers, (data) => db.lecturer.createMany({ data }));
    await insert(
      plan.trainees.map((t, n) => ({
        id: t.id,
        name: t.name,
        status: "active",
        mobile: `139${String(n).padStart(8, "0")}`,
        locale: "zh-CN",
      })),
      (data) => db.person.createMany({ data }),
    );
    await insert(plan.trainees, (chunk) =>
      db.traineeProfile.createMany({
        data: chunk.map((t) => ({ personId: t.id, company: `${t.name}科技有限公司`, position: "总经理" })),
      }),
    );
    await insert(plan.trainees, (chunk) =>
      db.personRole.createMany({ data: chunk.map((t) => ({ personId: t.id, roleId: role("trainee") })) }),
    );
    await insert(
      cohorts.map((c) => ({
        id: c.id,
        academyId: academy.id,
        code: `BENCH-${String(c.index + 1).padStart(2, "0")}`,
        title: `2025年第${c.index + 1}期民营企业家培训班`,
        startDate: c.startDate,
        endDate: c.endDate,
        capacity: SEATS + 13,
        venueId: plan.venues[c.index % 12]!.id,
        status: "running",
      })),
      (data) => db.cohort.createMany({ data }),
    );
    await insert(
      cohorts.flatMap((c) =>
        c.traineeIds.map((personId) => ({
          cohortId: c.id,
          personId,
          status: "enrolled",
          source: "import",
          enrolledAt: builtAt,
        })),
      ),
      (data) => db.enrollment.createMany({ data }),
    );
    const modules = cohorts.flatMap((c) => c.modules.map((m) => ({ cohort: c, module: m })));
    await insert(modules, (chunk) =>
      db.module.createMany({
        data: chunk.map(({ cohort, module }) => ({
          id: module.id,
          cohortId: cohort.id,
          trackId: tracks.get(module.track)!,
          title: module.title,
          description: `${module.title}：案例教学与研讨`,
          creditHours: (SESSIONS_PER_COHORT * 1.5) / MODULES_PER_COHORT,
          position: module.position,
          createdAt: builtAt,
        })),
      }),
    );
    await insert(
      modules.flatMap(({ module }) => module.lecturerIds.map((lecturerId) => ({ moduleId: module.id, lecturerId }))),
      (data) => db.moduleLecturer.createMany({ data }),
    );
    const sessions = cohorts.flatMap((c) => c.sessions);
    await insert(sessions, (chunk) =>
      db.session.createMany({
        data: chunk.map((s) => ({
          id: s.id,
          moduleId: s.moduleId,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          venueId: s.venueId,
          kind: s.kind,
          createdAt: builtAt,
        })),
      }),
    );
    const sessionLecturers = sessions.flatMap((s) =>
      s.lecturerIds.map((lecturerId) => ({ sessionId: s.id, lecturerId })),
    );
    await insert(sessionLecturers, (data) => db.sessionLecturer.createMany({ data }));
    await insert(sessions, (chunk) =>
      db.sessionChange.createMany({
        data: chunk.map((s) => ({
          sessionId: s.id,
          kind: "created",
          after: JSON.stringify({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), kind: s.kind }),
          actorId: staff.id,
          at: builtAt,
        })),
      }),
    );
    const buildSeconds = seconds(started);
    const seats = cohorts.reduce((sum, c) => sum + c.traineeIds.length, 0);
    check((await db.session.count()) === sessions.length, () => "sessions were not all written");
    check(
      (await db.enrollment.count({ where: { status: "enrolled" } })) === seats,
      () => "enrolments were not all written",
    );
    console.log(
      `timetable data (${label}): ${COHORTS} cohorts, ${modules.length} modules, ${sessions.length.toLocaleString("en-US")} sessions ` +
        `(${sessionLecturers.length.toLocaleString("en-US")} lecturer bookings, ${sessions.length.toLocaleString("en-US")} history rows), ` +
        `${LECTURERS} lecturers, ${VENUES} venues, ${plan.trainees.length.toLocaleString("en-US")} trainees in ${seats.toLocaleString("en-US")} seats; ` +
        `built in ${buildSeconds.toFixed(1)} s`,
    );

    const results = new Map<string, TimetableBenchResult>();
    const name = (what: string) => `timetable: ${what} (${label})`;

    // --- Clash check for a proposed session: random cohort, day, slot, venue and lecturers.
    const proposals = Array.from({ length: 400 }, () => {
      const cohort = random.pick(cohorts);
      const date = random.pick(cohort.days);
      const slot = random.pick(SLOTS);
      const proposal = {
        cohort,
        date,
        slot,
        cohortIndex: cohort.index,
        startsAt: zonedInstant(date, slot[0], TIME_ZONE),
        endsAt: zonedInstant(date, slot[1], TIME_ZONE),
        venueId: random.pick(plan.venues).id,
        lecturerIds: random.sample(plan.lecturers, 1 + random.int(2)).map((l) => l.id),
      };
      return { ...proposal, expected: expectedClashCount(plan, proposal) };
    });
    check(
      proposals.some((p) => p.expected > 0) && proposals.some((p) => p.expected === 0),
      () => "the proposals should include both clashing and free slots",
    );
    results.set(
      "clash",
      await repeat(name("clash check for a proposed session"), async (run) => {
        const p = proposals[run % proposals.length]!;
        const clashes = await findClashes({
          cohortId: p.cohort.id,
          startsAt: p.startsAt,
          endsAt: p.endsAt,
          venueId: p.venueId,
          lecturerIds: p.lecturerIds,
        });
        check(
          clashes.length === p.expected,
          () => `clash check found ${clashes.length} clashes instead of ${p.expected}`,
        );
      }),
    );

    // --- Feeds: a trainee in three cohorts, and a cohort.
    const thrice = plan.trainees.filter((t) => t.cohortIndexes.length === 3);
    const traineeEvents = 3 * SESSIONS_PER_COHORT;
    const eventsIn = (ics: string) => count(ics, /^BEGIN:VEVENT\r?$/gm);
    // Each event starts at a teaching-hours slot, written as wall-clock time in the academy's zone.
    const zonedStarts = (ics: string) => count(ics, /^DTSTART;TZID=Asia\/Shanghai:\d{8}T(0900|1030|1400|1530)00\r?$/gm);
    results.set(
      "traineeFeed",
      await repeat(name(`trainee feed, 3 cohorts, ${traineeEvents} events`), async (run) => {
        const trainee = thrice[run % thrice.length]!;
        const feed = await personCalendar(trainee.id, "zh-CN", ORIGIN);
        check(feed !== null, () => "trainee feed missing");
        check(
          eventsIn(feed!.ics) === traineeEvents && zonedStarts(feed!.ics) === traineeEvents,
          () =>
            `trainee feed holds ${eventsIn(feed!.ics)} events (${zonedStarts(feed!.ics)} at teaching hours) instead of ${traineeEvents}`,
        );
      }),
    );
    results.set(
      "cohortFeed",
      await repeat(name(`cohort feed, ${SESSIONS_PER_COHORT} events`), async (run) => {
        const cohort = cohorts[run % cohorts.length]!;
        const feed = await cohortCalendar(cohort.id, "zh-CN", ORIGIN);
        check(feed !== null, () => "cohort feed missing");
        check(
          eventsIn(feed!.ics) === SESSIONS_PER_COHORT && zonedStarts(feed!.ics) === SESSIONS_PER_COHORT,
          () =>
            `cohort feed holds ${eventsIn(feed!.ics)} events (${zonedStarts(feed!.ics)} at teaching hours) instead of ${SESSIONS_PER_COHORT}`,
        );
      }),
    );

    // --- Weeks: a trainee's (one of their cohorts' weeks) and a cohort's.
    const traineeWeeks = thrice.flatMap((trainee) =>
      trainee.cohortIndexes.flatMap((c) =>
        cohorts[c]!.weeks.map((monday) => ({
          trainee,
          monday,
          expected: trainee.cohortIndexes.reduce(
            (sum, i) => sum + cohorts[i]!.sessions.filter((s) => inWeek(s.startsAt, monday)).length,
            0,
          ),
        })),
      ),
    );
    const cohortWeeks = cohorts.flatMap((cohort) =>
      cohort.weeks.map((monday) => ({
        cohort,
        monday,
        expected: cohort.sessions.filter((s) => inWeek(s.startsAt, monday)).length,
      })),
    );
    const shuffledTraineeWeeks = random.sample(traineeWeeks, traineeWeeks.length);
    const shuffledCohortWeeks = random.sample(cohortWeeks, cohortWeeks.length);
    const averageWeek = Math.round(cohortWeeks.reduce((sum, w) => sum + w.expected, 0) / cohortWeeks.length);
    results.set(
      "traineeWeek",
      await repeat(name(`trainee's week, ~${averageWeek} sessions`), async (run) => {
        const w = shuffledTraineeWeeks[run % shuffledTraineeWeeks.length]!;
        const week = await getPersonWeek(w.trainee.id, w.monday, TIME_ZONE);
        check(
          week.length === w.expected && w.expected > 0,
          () => `trainee's week holds ${week.length} sessions instead of ${w.expected}`,
        );
      }),
    );
    results.set(
      "cohortWeek",
      await repeat(name(`cohort's week, ~${averageWeek} sessions`), async (run) => {
        const w = shuffledCohortWeeks[run % shuffledCohortWeeks.length]!;
        const week = await getCohortWeek(w.cohort.id, w.monday, TIME_ZONE);
        check(
          week.length === w.expected && w.expected > 0,
          () => `cohort's week holds ${week.length} sessions instead of ${w.expected}`,
        );
      }),
    );

    // --- A cohort's programme: 12 modules in three tracks with their sessions.
    results.set(
      "programme",
      await repeat(
        name(`cohort's programme, ${MODULES_PER_COHORT} modules, ${SESSIONS_PER_COHORT} sessions`),
        async (run) => {
          const cohort = cohorts[run % cohorts.length]!;
          const programme = await getProgramme(cohort.id);
          const sessionCount = programme.modules.reduce((sum, m) => sum + m.sessions.length, 0);
          check(
            programme.modules.length === MODULES_PER_COHORT &&
              sessionCount === SESSIONS_PER_COHORT &&
              programme.totalHours === SESSIONS_PER_COHORT * 1.5,
            () =>
              `programme holds ${programme.modules.length} modules, ${sessionCount} sessions, ${programme.totalHours} hours`,
          );
        },
      ),
    );

    // --- Saving a new session: the whole path (rules, clash check, session, lecturers, history). Last, since it adds sessions.
    const sessionsBefore = await db.session.count();
    const changesBefore = await db.sessionChange.count({ where: { kind: "created" } });
    let saved = 0;
    results.set(
      "save",
      await repeat(name("save a new session (clash check, history)"), async () => {
        const cohort = random.pick(cohorts);
        const slot = random.pick(SLOTS);
        const result = await scheduleSession(
          {
            cohortId: cohort.id,
            moduleId: random.pick(cohort.modules).id,
            date: random.pick(cohort.days),
            startTime: slot[0],
            endTime: slot[1],
            venueId: random.pick(plan.venues).id,
            kind: random.pick(sessionKinds),
            lecturerIds: random.sample(plan.lecturers, 1 + random.int(2)).map((l) => l.id),
            notes: random.next() < 0.3 ? "请提前十分钟到场" : null,
          },
          { actor: staff, now: new Date(), confirmClashes: true },
        );
        check(result.status === "saved", () => `save answered ${JSON.stringify(result).slice(0, 200)}`);
        saved += 1;
      }),
    );
    check((await db.session.count()) === sessionsBefore + saved, () => "saved sessions are missing");
    check(
      (await db.sessionChange.count({ where: { kind: "created" } })) === changesBefore + saved,
      () => "saved sessions have no history",
    );

    return ["clash", "save", "traineeFeed", "cohortFeed", "traineeWeek", "cohortWeek", "programme"].map((key) =>
      results.get(key)!,
    );
  } finally {
    await db.$disconnect();
  }
}

// ---------------------------------------------------------------------------
// Running on each database

const thisFile = fileURLToPath(import.meta.url);

/** The timetable measurements on a fresh SQLite database, and on PostgreSQL if BENCH_POSTGRES_URL is set. */
export async function benchTimetable(): Promise<TimetableBenchResult[]> {
  return onEachDatabase<TimetableBenchResult>(thisFile, "timetable");
}

function printTable(results: readonly TimetableBenchResult[]) {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(`${"benchmark".padEnd(width)}  ${"ops/s".padStart(7)}  ${"runs".padStart(6)}  ${"seconds".padStart(7)}`);
  for (const { name, operationsPerSecond, runs, seconds } of results) {
    console.log(
      `${name.padEnd(width)}  ${operationsPerSecond.toLocaleString("en-US").padStart(7)}  ${String(runs).padStart(6)}  ${seconds.toFixed(2).padStart(7)}`,
    );
  }
}

await whenRun(import.meta.url, { measure, onEachDatabase: benchTimetable, print: printTable });
