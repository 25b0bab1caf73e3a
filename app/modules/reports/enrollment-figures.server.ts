// The figures that need each trainee's records added up per enrollment: the
// breakdowns by district and industry (with the enrollments and leave their
// absence is derived from) and the distinct people trained. One statement
// counts the records per enrollment once and every figure is taken from it.
//
// Why two paths: a cohort all of whose sessions are counted (held, in the
// range, not cancelled) has every record counted, so its enrollments' records
// are read straight from the (enrollmentId, status, sessionId) index; only
// the few cohorts cut by the range's edges, or still running, check each
// record's session.
import { db, Prisma } from "~/utils/db.server.ts";
import type { Uncounted } from "./figures.server.ts";
import { countedEnrollments, type ReportScope } from "./scope.server.ts";

export type ProfileColumn = "district" | "industry";

/** `notJoined`: sessions before a late joiner joined, without a record (decision 0018). */
export type ProfileCell = {
  cohortId: string;
  value: string | null;
  present: number;
  late: number;
  excused: number;
  absent: number;
  enrolled: number;
  leaves: number;
  notJoined: number;
};

export type ProfileFigures = { cells: ProfileCell[]; trainees: Map<string | null, number> };

export type EnrollmentFigures = {
  district: ProfileFigures;
  industry: ProfileFigures;
  people: { trainees: number; guests: number; total: number };
};

const num = (value: unknown) => Number(value ?? 0);
const valueOf = (value: unknown) => (value === null || value === undefined ? null : String(value).trim() || null);
const attended = Prisma.sql`('present', 'late')`;

export type CountedCohorts = { whole: string[]; partial: string[] };

/**
 * The cohorts with a counted session (those the report holds): the ones whose every session
 * is counted, and the others. Read from the sessions alone (a few thousand rows), so the
 * report starts every other query at once instead of waiting for the counted sessions' list.
 */
export async function countedCohorts(scope: ReportScope): Promise<CountedCohorts> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT m."cohortId", COUNT(*) AS "total", SUM(CASE WHEN ${scope.sessions} THEN 1 ELSE 0 END) AS "counted"
    FROM "Session" s JOIN "Module" m ON m."id" = s."moduleId"
    WHERE ${scope.cohortsOf(Prisma.sql`m."cohortId"`)}
    GROUP BY m."cohortId"`);
  const whole: string[] = [];
  const partial: string[] = [];
  for (const row of rows) {
    if (num(row.counted) === 0) continue;
    (num(row.counted) === num(row.total) ? whole : partial).push(String(row.cohortId));
  }
  return { whole, partial };
}

export async function enrollmentFigures(scope: ReportScope, { whole, partial }: CountedCohorts, uncounted: Promise<Uncounted>): Promise<EnrollmentFigures> {
  const cohortIds = [...whole, ...partial];
  const guestKeys = Prisma.sql`
    SELECT DISTINCT COALESCE(g."matchedPersonId", 'guest:' || g."mobile") AS "k", g."matchedPersonId" AS "p"
    FROM "Session" s JOIN "Module" m ON m."id" = s."moduleId" JOIN "GuestAttendance" g ON g."sessionId" = s."id"
    WHERE ${scope.sessions} AND g."status" IN ${attended}`;
  const branches: Prisma.Sql[] = [];
  const enrollmentsOf = (ids: string[]) => Prisma.sql`SELECT e."id" FROM "Enrollment" e WHERE e."cohortId" IN (${Prisma.join(ids)}) AND e."status" IN ${countedEnrollments}`;
  if (whole.length)
    branches.push(Prisma.sql`
      SELECT a."enrollmentId" AS "enrollmentId", a."status" AS "status", COUNT(*) AS "n" FROM "Attendance" a
      WHERE a."enrollmentId" IN (${enrollmentsOf(whole)})
      GROUP BY a."enrollmentId", a."status"`);
  if (partial.length)
    branches.push(Prisma.sql`
      SELECT a."enrollmentId" AS "enrollmentId", a."status" AS "status", COUNT(*) AS "n" FROM "Attendance" a
      WHERE a."enrollmentId" IN (${enrollmentsOf(partial)})
        AND a."sessionId" IN (SELECT s."id" FROM "Session" s JOIN "Module" m ON m."id" = s."moduleId" WHERE ${scope.sessions} AND m."cohortId" IN (${Prisma.join(partial)}))
      GROUP BY a."enrollmentId", a."status"`);
  const records = branches.length
    ? Prisma.join(branches, " UNION ALL ")
    : Prisma.sql`SELECT a."enrollmentId" AS "enrollmentId", a."status" AS "status", COUNT(*) AS "n" FROM "Attendance" a WHERE 1 = 0 GROUP BY a."enrollmentId", a."status"`;
  // The profile bases are small queries of their own, run beside the one over the records.
  const bases = Promise.all([profileBase("district", cohortIds, uncounted), profileBase("industry", cohortIds, uncounted)]);
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    WITH x AS MATERIALIZED (
      SELECT e."cohortId" AS "cohortId", e."personId" AS "personId", tp."district" AS "district", tp."industry" AS "industry", r."status" AS "status", r."n" AS "n"
      FROM (${records}) r
      JOIN "Enrollment" e ON e."id" = r."enrollmentId"
      LEFT JOIN "TraineeProfile" tp ON tp."personId" = e."personId"
    ), g AS MATERIALIZED (${guestKeys})
    SELECT 'district' AS "part", "cohortId", "district" AS "value", "status", SUM("n") AS "n" FROM x GROUP BY "cohortId", "district", "status"
    UNION ALL SELECT 'industry', "cohortId", "industry", "status", SUM("n") FROM x GROUP BY "cohortId", "industry", "status"
    UNION ALL SELECT 'districtPeople', NULL, "district", NULL, COUNT(DISTINCT "personId") FROM x WHERE "status" IN ${attended} GROUP BY "district"
    UNION ALL SELECT 'industryPeople', NULL, "industry", NULL, COUNT(DISTINCT "personId") FROM x WHERE "status" IN ${attended} GROUP BY "industry"
    UNION ALL SELECT 'trainees', NULL, NULL, NULL, COUNT(DISTINCT "personId") FROM x WHERE "status" IN ${attended}
    UNION ALL SELECT 'guests', NULL, NULL, NULL, COUNT(*) FROM g
    UNION ALL SELECT 'overlap', NULL, NULL, NULL, COUNT(DISTINCT g."p") FROM g WHERE g."p" IN (SELECT "personId" FROM x WHERE "status" IN ${attended})`);
  const [districtBase, industryBase] = await bases;
  const figures = { district: districtBase, industry: industryBase };
  let trainees = 0;
  let guests = 0;
  let overlap = 0;
  for (const row of rows) {
    const part = String(row.part);
    if (part === "district" || part === "industry") {
      const cell = figures[part].cell(String(row.cohortId), valueOf(row.value));
      cell[String(row.status) as "present" | "late" | "excused" | "absent"] += num(row.n);
    } else if (part === "districtPeople" || part === "industryPeople") {
      const map = figures[part === "districtPeople" ? "district" : "industry"].trainees;
      const value = valueOf(row.value);
      map.set(value, (map.get(value) ?? 0) + num(row.n));
    } else if (part === "trainees") trainees = num(row.n);
    else if (part === "guests") guests = num(row.n);
    else if (part === "overlap") overlap = num(row.n);
  }
  return {
    district: { cells: [...districtBase.cells.values()], trainees: districtBase.trainees },
    industry: { cells: [...industryBase.cells.values()], trainees: industryBase.trainees },
    people: { trainees, guests, total: trainees + guests - overlap },
  };
}

/** Per cohort and value: the counted enrollments (a small, aggregated query), the approved leave without a record and the sessions before late joiners joined. */
async function profileBase(column: ProfileColumn, cohortIds: readonly string[], uncounted: Promise<Uncounted>) {
  const cells = new Map<string, ProfileCell>();
  const cell = (cohortId: string, value: string | null) => {
    const key = `${cohortId}\u0000${value ?? ""}`;
    let entry = cells.get(key);
    if (!entry) cells.set(key, (entry = { cohortId, value, present: 0, late: 0, excused: 0, absent: 0, enrolled: 0, leaves: 0, notJoined: 0 }));
    return entry;
  };
  const base = { cells, cell, trainees: new Map<string | null, number>() };
  if (cohortIds.length === 0) return base;
  const field = column === "district" ? Prisma.sql`tp."district"` : Prisma.sql`tp."industry"`;
  const [enrolled, { leave, notJoined }] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
      SELECT e."cohortId", ${field} AS "value", COUNT(*) AS "n"
      FROM "Enrollment" e LEFT JOIN "TraineeProfile" tp ON tp."personId" = e."personId"
      WHERE e."status" IN ${countedEnrollments} AND e."cohortId" IN (${Prisma.join(cohortIds)})
      GROUP BY e."cohortId", ${field}`),
    uncounted,
  ]);
  for (const row of enrolled) cell(String(row.cohortId), valueOf(row.value)).enrolled += num(row.n);
  for (const row of leave[column]) cell(row.cohortId, valueOf(row.value)).leaves += row.n;
  for (const row of notJoined[column]) cell(row.cohortId, valueOf(row.value)).notJoined += row.n;
  return base;
}
