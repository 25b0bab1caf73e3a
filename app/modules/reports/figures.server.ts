// The report's queries, each aggregated in the database and each bounded by
// the number of sessions, cohorts or enrollments, never by attendance rows.
import { db, Prisma } from "~/utils/db.server.ts";
import { countedEnrollments, withoutRecord, type ReportScope } from "./scope.server.ts";

const num = (value: unknown) => Number(value ?? 0);

export type HeldSession = {
  id: string;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  cohortId: string;
  moduleId: string;
  creditHours: number;
  track: string;
};

/** `notJoined`: counted enrollments whose trainee joined after the session started and has no record there (decision 0018). */
export type SessionTally = { present: number; late: number; excused: number; absent: number; guests: number; leaves: number; notJoined: number };

export const emptyTally = (): SessionTally => ({ present: 0, late: 0, excused: 0, absent: 0, guests: 0, leaves: 0, notJoined: 0 });

/**
 * Every counted session, a row each (the month and the hours need its own
 * start and end), with its tally: trainees' records by status, walk-in guests
 * who came, approved leave where the trainee has no record (which makes
 * the session excused for them), and late joiners who had not joined yet
 * (the session does not count for them). Records are counted from the
 * (sessionId, status) index for the list of counted sessions, which both
 * databases walk in order, so nothing is sorted however many records there
 * are. Records of enrollments that do not count (withdrawn…) are rare, so
 * they are taken off afterwards instead of joining every record to its enrollment.
 */
export async function heldSessions(scope: ReportScope, uncounted: Promise<Uncounted>): Promise<{ sessions: HeldSession[]; tallies: Map<string, SessionTally> }> {
  const counted = Prisma.sql`SELECT s."id" FROM "Session" s JOIN "Module" m ON m."id" = s."moduleId" WHERE ${scope.sessions}`;
  const [rows, records, uncountedRecords, guests, { leave, notJoined }] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT s."id", s."kind", s."startsAt", s."endsAt", m."cohortId", m."id" AS "moduleId", m."creditHours", t."key" AS "track"
      FROM "Session" s
      JOIN "Module" m ON m."id" = s."moduleId"
      JOIN "Track" t ON t."id" = m."trackId"
      WHERE ${scope.sessions}`),
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT a."sessionId", a."status", COUNT(*) AS "n" FROM "Attendance" a
      WHERE a."sessionId" IN (${counted})
      GROUP BY a."sessionId", a."status"`),
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT a."sessionId", a."status", COUNT(*) AS "n" FROM "Attendance" a
      WHERE a."enrollmentId" IN (SELECT e."id" FROM "Enrollment" e WHERE e."status" NOT IN ${countedEnrollments} AND ${scope.cohortsOf(Prisma.sql`e."cohortId"`)})
        AND a."sessionId" IN (${counted})
      GROUP BY a."sessionId", a."status"`),
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT g."sessionId", COUNT(*) AS "n" FROM "GuestAttendance" g
      WHERE g."sessionId" IN (${counted}) AND g."status" IN ('present', 'late')
      GROUP BY g."sessionId"`),
    uncounted,
  ]);
  const tallies = new Map<string, SessionTally>();
  const sessions = rows.map((row): HeldSession => {
    const id = String(row.id);
    tallies.set(id, emptyTally());
    return {
      id,
      kind: String(row.kind),
      startsAt: new Date(row.startsAt as string),
      endsAt: new Date(row.endsAt as string),
      cohortId: String(row.cohortId),
      moduleId: String(row.moduleId),
      creditHours: num(row.creditHours),
      track: String(row.track),
    };
  });
  const statusOf = (status: unknown) => String(status) as "present" | "late" | "excused" | "absent";
  for (const row of records) {
    const tally = tallies.get(String(row.sessionId));
    if (tally) tally[statusOf(row.status)] += num(row.n);
  }
  for (const row of uncountedRecords) {
    const tally = tallies.get(String(row.sessionId));
    if (tally) tally[statusOf(row.status)] -= num(row.n);
  }
  for (const row of guests) {
    const tally = tallies.get(String(row.sessionId));
    if (tally) tally.guests += num(row.n);
  }
  for (const [sessionId, n] of leave.bySession) {
    const tally = tallies.get(sessionId);
    if (tally) tally.leaves += n;
  }
  for (const [sessionId, n] of notJoined.bySession) {
    const tally = tallies.get(sessionId);
    if (tally) tally.notJoined += n;
  }
  return { sessions, tallies };
}

export type LeaveCount = { cohortId: string; value: string | null; n: number };

export type LeaveCounts = { bySession: Map<string, number>; district: LeaveCount[]; industry: LeaveCount[] };

/** (enrollment, session) pairs without a record that the derived absence leaves out: approved leave, and sessions before a late joiner joined. */
export type Uncounted = { leave: LeaveCounts; notJoined: LeaveCounts };

export async function uncountedPairs(scope: ReportScope): Promise<Uncounted> {
  const [leave, notJoined] = await Promise.all([leaveWithoutRecord(scope), notJoinedWithoutRecord(scope)]);
  return { leave, notJoined };
}

/** The parts of a pairs statement (`per session`, `per cohort and district`, `per cohort and industry`), read into counts. */
function pairCounts(rows: Record<string, unknown>[]): LeaveCounts {
  const counts: LeaveCounts = { bySession: new Map(), district: [], industry: [] };
  for (const row of rows) {
    const part = String(row.part);
    if (part === "session") counts.bySession.set(String(row.key), num(row.n));
    else if (part === "district" || part === "industry")
      counts[part].push({ cohortId: String(row.key), value: row.value === null || row.value === undefined ? null : String(row.value), n: num(row.n) });
  }
  return counts;
}

/** The session started before the enrollment's `attendanceFrom`: a late joiner not in the class yet. */
const beforeJoining = Prisma.sql`e."attendanceFrom" IS NOT NULL AND s."startsAt" < e."attendanceFrom"`;

/**
 * Approved leave at a counted session where the trainee (of an enrollment that counts) has no
 * record, which makes the session excused for them: per session, and per cohort and the
 * trainee's district or industry. One statement, so each leave request's record is looked up
 * once however many figures need it; a trainee with two approved requests for one session counts once.
 * Leave for a session before a late joiner joined changes nothing: the session does not count for them.
 */
export async function leaveWithoutRecord(scope: ReportScope): Promise<LeaveCounts> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    WITH lv AS MATERIALIZED (
      SELECT DISTINCT l."sessionId" AS "sessionId", e."cohortId" AS "cohortId", tp."district" AS "district", tp."industry" AS "industry", l."enrollmentId" AS "enrollmentId"
      FROM "Session" s JOIN "Module" m ON m."id" = s."moduleId"
      JOIN "LeaveRequest" l ON l."sessionId" = s."id"
      JOIN "Enrollment" e ON e."id" = l."enrollmentId"
      LEFT JOIN "TraineeProfile" tp ON tp."personId" = e."personId"
      WHERE ${scope.sessions} AND l."status" = 'approved' AND e."status" IN ${countedEnrollments} AND NOT (${beforeJoining}) AND ${withoutRecord}
    )
    SELECT 'session' AS "part", "sessionId" AS "key", NULL AS "value", COUNT(*) AS "n" FROM lv GROUP BY "sessionId"
    UNION ALL SELECT 'district', "cohortId", "district", COUNT(*) FROM lv GROUP BY "cohortId", "district"
    UNION ALL SELECT 'industry', "cohortId", "industry", COUNT(*) FROM lv GROUP BY "cohortId", "industry"`);
  return pairCounts(rows);
}

/**
 * Late joiners at counted sessions that started before they joined, where they have no record:
 * neither attended nor absent, so these pairs leave the derived absence (a record, when there is
 * one, is counted as it says). Late joiners are few, so the statement first takes the enrollments
 * that have a start (materialized, so that neither database starts from the sessions and reads every
 * enrollment of every cohort) and probes the (enrollmentId, sessionId) unique index once per pair.
 */
export async function notJoinedWithoutRecord(scope: ReportScope): Promise<LeaveCounts> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    WITH late AS MATERIALIZED (
      SELECT e."id", e."cohortId", e."personId", e."attendanceFrom" FROM "Enrollment" e
      WHERE e."attendanceFrom" IS NOT NULL AND e."status" IN ${countedEnrollments} AND ${scope.cohortsOf(Prisma.sql`e."cohortId"`)}
    ), nj AS MATERIALIZED (
      SELECT s."id" AS "sessionId", e."cohortId" AS "cohortId", tp."district" AS "district", tp."industry" AS "industry"
      FROM late e
      JOIN "Module" m ON m."cohortId" = e."cohortId"
      JOIN "Session" s ON s."moduleId" = m."id"
      LEFT JOIN "TraineeProfile" tp ON tp."personId" = e."personId"
      WHERE ${scope.sessions} AND ${beforeJoining}
        AND (SELECT COUNT(*) FROM "Attendance" a WHERE a."enrollmentId" = e."id" AND a."sessionId" = s."id") = 0
    )
    SELECT 'session' AS "part", "sessionId" AS "key", NULL AS "value", COUNT(*) AS "n" FROM nj GROUP BY "sessionId"
    UNION ALL SELECT 'district', "cohortId", "district", COUNT(*) FROM nj GROUP BY "cohortId", "district"
    UNION ALL SELECT 'industry', "cohortId", "industry", COUNT(*) FROM nj GROUP BY "cohortId", "industry"`);
  return pairCounts(rows);
}

/** Enrollments that count (enrolled or completed), per cohort. */
export async function countedEnrollmentsByCohort(cohortIds: readonly string[]): Promise<Map<string, number>> {
  if (cohortIds.length === 0) return new Map();
  const rows = await db.enrollment.groupBy({
    by: ["cohortId"],
    where: { cohortId: { in: [...cohortIds] }, status: { in: ["enrolled", "completed"] } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.cohortId, row._count._all]));
}

/** Certificates issued in the range that still stand: neither revoked nor replaced by a reissue. */
export async function certificatesIssued(scope: ReportScope, cohortIds: readonly string[] | null): Promise<number> {
  return db.certificate.count({
    where: {
      issuedAt: { gte: scope.start, lt: scope.end },
      revokedAt: null,
      supersededById: null,
      ...(cohortIds === null ? {} : { enrollment: { cohortId: { in: [...cohortIds] } } }),
    },
  });
}

export type CohortFacts = {
  id: string;
  code: string;
  title: string;
  excusedLeaveDenominator: boolean;
  organisations: { id: string; name: string; level: string | null; role: string }[];
};

export async function cohortFacts(cohortIds: readonly string[]): Promise<Map<string, CohortFacts>> {
  if (cohortIds.length === 0) return new Map();
  const cohorts = await db.cohort.findMany({
    where: { id: { in: [...cohortIds] } },
    select: {
      id: true,
      code: true,
      title: true,
      excusedLeaveDenominator: true,
      organisations: { select: { role: true, organisation: { select: { id: true, name: true, level: true } } }, orderBy: { position: "asc" } },
    },
  });
  return new Map(
    cohorts.map((c) => [
      c.id,
      { ...c, organisations: c.organisations.map((link) => ({ id: link.organisation.id, name: link.organisation.name, level: link.organisation.level, role: link.role })) },
    ]),
  );
}
