// The report's queries, each aggregated in the database and each bounded by
// the number of sessions, cohorts or enrollments, never by attendance rows.
import { db, Prisma } from "~/utils/db.server.ts";
import { countedEnrollments, recordsByEnrollment, type ReportScope } from "./scope.server.ts";

const num = (value: unknown) => Number(value ?? 0);
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

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

/** Every counted session: a row each (the month and the hours need its own start and end). */
export async function heldSessions(scope: ReportScope): Promise<HeldSession[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT s."id", s."kind", s."startsAt", s."endsAt", m."cohortId", m."id" AS "moduleId", m."creditHours", t."key" AS "track"
    FROM "Session" s
    JOIN "Module" m ON m."id" = s."moduleId"
    JOIN "Track" t ON t."id" = m."trackId"
    WHERE ${scope.sessions}`);
  return rows.map((row) => ({
    id: String(row.id),
    kind: String(row.kind),
    startsAt: new Date(row.startsAt as string),
    endsAt: new Date(row.endsAt as string),
    cohortId: String(row.cohortId),
    moduleId: String(row.moduleId),
    creditHours: num(row.creditHours),
    track: String(row.track),
  }));
}

export type SessionTally = { present: number; late: number; excused: number; absent: number; guests: number; leaves: number };

export const emptyTally = (): SessionTally => ({ present: 0, late: 0, excused: 0, absent: 0, guests: 0, leaves: 0 });

/**
 * Per session: trainees' records by status, walk-in guests who came, and
 * approved leave where the trainee has no record (which makes the session
 * excused for them). Records of enrollments that do not count (withdrawn…)
 * are rare, so they are taken off afterwards instead of joining every record
 * to its enrollment.
 */
export async function sessionTallies(scope: ReportScope): Promise<Map<string, SessionTally>> {
  const [records, uncounted, guests, leaves] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT a."sessionId", a."status", COUNT(*) AS "n"
      FROM "Session" s JOIN "Module" m ON m."id" = s."moduleId" JOIN "Attendance" a ON a."sessionId" = s."id"
      WHERE ${scope.sessions}
      GROUP BY a."sessionId", a."status"`),
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT a."sessionId", a."status", COUNT(*) AS "n"
      FROM "Enrollment" e JOIN "Attendance" a ON a."enrollmentId" = e."id"
      JOIN "Session" s ON s."id" = a."sessionId" JOIN "Module" m ON m."id" = s."moduleId"
      WHERE e."status" NOT IN ${countedEnrollments} AND ${scope.cohortsOf(Prisma.sql`e."cohortId"`)} AND ${scope.sessions}
      GROUP BY a."sessionId", a."status"`),
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT g."sessionId", COUNT(*) AS "n"
      FROM "Session" s JOIN "Module" m ON m."id" = s."moduleId" JOIN "GuestAttendance" g ON g."sessionId" = s."id"
      WHERE ${scope.sessions} AND g."status" IN ('present', 'late')
      GROUP BY g."sessionId"`),
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT l."sessionId", COUNT(DISTINCT l."enrollmentId") AS "n"
      FROM "Session" s JOIN "Module" m ON m."id" = s."moduleId"
      JOIN "LeaveRequest" l ON l."sessionId" = s."id"
      JOIN "Enrollment" e ON e."id" = l."enrollmentId"
      WHERE ${scope.sessions} AND l."status" = 'approved' AND e."status" IN ${countedEnrollments}
        AND NOT EXISTS (SELECT 1 FROM "Attendance" a WHERE a."enrollmentId" = l."enrollmentId" AND a."sessionId" = l."sessionId")
      GROUP BY l."sessionId"`),
  ]);
  const tallies = new Map<string, SessionTally>();
  const tally = (id: unknown) => {
    const key = String(id);
    let entry = tallies.get(key);
    if (!entry) tallies.set(key, (entry = emptyTally()));
    return entry;
  };
  const statusOf = (status: unknown) => String(status) as "present" | "late" | "excused" | "absent";
  for (const row of records) tally(row.sessionId)[statusOf(row.status)] += num(row.n);
  for (const row of uncounted) tally(row.sessionId)[statusOf(row.status)] -= num(row.n);
  for (const row of guests) tally(row.sessionId).guests += num(row.n);
  for (const row of leaves) tally(row.sessionId).leaves += num(row.n);
  return tallies;
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

/** Distinct people who attended: trainees by person, guests by the person they were matched to or else by mobile number. */
export async function distinctPeople(scope: ReportScope): Promise<{ trainees: number; guests: number; total: number }> {
  const traineeKeys = Prisma.sql`
    SELECT DISTINCT e."personId" AS "k" FROM ${recordsByEnrollment(scope)} x
    JOIN "Enrollment" e ON e."id" = x."enrollmentId"
    WHERE x."status" IN ('present', 'late') AND e."status" IN ${countedEnrollments}`;
  const guestKeys = Prisma.sql`
    SELECT DISTINCT COALESCE(g."matchedPersonId", 'guest:' || g."mobile") AS "k"
    FROM "Session" s JOIN "Module" m ON m."id" = s."moduleId" JOIN "GuestAttendance" g ON g."sessionId" = s."id"
    WHERE ${scope.sessions} AND g."status" IN ('present', 'late')`;
  const [row] = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT
      (SELECT COUNT(*) FROM (${traineeKeys}) t) AS "trainees",
      (SELECT COUNT(*) FROM (${guestKeys}) g) AS "guests",
      (SELECT COUNT(*) FROM (${traineeKeys} UNION ${guestKeys}) u) AS "total"`);
  return { trainees: num(row?.trainees), guests: num(row?.guests), total: num(row?.total) };
}

export type ProfileColumn = "district" | "industry";

export type ProfileCell = { cohortId: string; value: string | null; present: number; late: number; excused: number; absent: number; enrolled: number; leaves: number };

/**
 * Trainees' records by cohort and by a profile field (district or industry),
 * with the enrollments and the leave per cell that absence is derived from.
 * Distinct trainees per value come apart: a person has one profile, so one value.
 */
export async function profileCells(
  scope: ReportScope,
  column: ProfileColumn,
  cohortIds: readonly string[],
): Promise<{ cells: ProfileCell[]; trainees: Map<string | null, number> }> {
  if (cohortIds.length === 0) return { cells: [], trainees: new Map() };
  const field = column === "district" ? Prisma.sql`tp."district"` : Prisma.sql`tp."industry"`;
  const [records, enrolled, leaves, trainees] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT e."cohortId", ${field} AS "value", x."status", SUM(x."n") AS "n"
      FROM ${recordsByEnrollment(scope)} x
      JOIN "Enrollment" e ON e."id" = x."enrollmentId"
      LEFT JOIN "TraineeProfile" tp ON tp."personId" = e."personId"
      WHERE e."status" IN ${countedEnrollments}
      GROUP BY e."cohortId", ${field}, x."status"`),
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT e."cohortId", ${field} AS "value", COUNT(*) AS "n"
      FROM "Enrollment" e LEFT JOIN "TraineeProfile" tp ON tp."personId" = e."personId"
      WHERE e."status" IN ${countedEnrollments} AND e."cohortId" IN (${Prisma.join(cohortIds)})
      GROUP BY e."cohortId", ${field}`),
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT e."cohortId", ${field} AS "value", COUNT(DISTINCT l."enrollmentId" || '|' || l."sessionId") AS "n"
      FROM "Session" s JOIN "Module" m ON m."id" = s."moduleId"
      JOIN "LeaveRequest" l ON l."sessionId" = s."id"
      JOIN "Enrollment" e ON e."id" = l."enrollmentId"
      LEFT JOIN "TraineeProfile" tp ON tp."personId" = e."personId"
      WHERE ${scope.sessions} AND l."status" = 'approved' AND e."status" IN ${countedEnrollments}
        AND NOT EXISTS (SELECT 1 FROM "Attendance" a WHERE a."enrollmentId" = l."enrollmentId" AND a."sessionId" = l."sessionId")
      GROUP BY e."cohortId", ${field}`),
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT ${field} AS "value", COUNT(DISTINCT e."personId") AS "n"
      FROM ${recordsByEnrollment(scope)} x
      JOIN "Enrollment" e ON e."id" = x."enrollmentId"
      LEFT JOIN "TraineeProfile" tp ON tp."personId" = e."personId"
      WHERE x."status" IN ('present', 'late') AND e."status" IN ${countedEnrollments}
      GROUP BY ${field}`),
  ]);
  const cells = new Map<string, ProfileCell>();
  const cell = (row: Record<string, unknown>) => {
    const value = text(row.value)?.trim() || null;
    const key = `${String(row.cohortId)}\u0000${value ?? ""}`;
    let entry = cells.get(key);
    if (!entry) cells.set(key, (entry = { cohortId: String(row.cohortId), value, present: 0, late: 0, excused: 0, absent: 0, enrolled: 0, leaves: 0 }));
    return entry;
  };
  for (const row of records) cell(row)[String(row.status) as "present" | "late" | "excused" | "absent"] += num(row.n);
  for (const row of enrolled) cell(row).enrolled += num(row.n);
  for (const row of leaves) cell(row).leaves += num(row.n);
  const traineesByValue = new Map<string | null, number>();
  for (const row of trainees) {
    const value = text(row.value)?.trim() || null;
    traineesByValue.set(value, (traineesByValue.get(value) ?? 0) + num(row.n));
  }
  return { cells: [...cells.values()], trainees: traineesByValue };
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
