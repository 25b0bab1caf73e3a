// The rows behind each figure, so that a number reported upward can be
// checked: the cohorts, sessions, person-times, people and certificates it
// counts, narrowed like the breakdown row it came from. A page at a time.
import { sessionCounts } from "~/modules/attendance/standing.server.ts";
import { db, Prisma } from "~/utils/db.server.ts";
import { monthWithin } from "./range.ts";
import { NOT_GIVEN, type ListFigure, type ListFilter, type ListRow, type ReportList, type ReportRange } from "./report.ts";
import { countedEnrollments, reportScope, type ReportScope } from "./scope.server.ts";

export const LIST_PAGE_SIZE = 50;
/** Pages beyond this are not served: a list of 500,000 rows is read in the workbook, not here. */
export const LIST_MAX_PAGE = 2000;

const num = (value: unknown) => Number(value ?? 0);
const str = (value: unknown) => (value === null || value === undefined ? null : String(value));
const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());

const blank = (): ListRow => ({
  id: "",
  cohortTitle: "",
  cohortCode: null,
  at: null,
  moduleTitle: null,
  kind: null,
  track: null,
  hours: null,
  creditHours: null,
  name: null,
  company: null,
  status: null,
  guest: false,
  count: null,
  trainees: null,
  guests: null,
});

/** Conditions on s, m and c for the session-level parts of a filter. */
function sessionFilter(filter: ListFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.cohortId) parts.push(Prisma.sql`m."cohortId" = ${filter.cohortId}`);
  if (filter.kind) parts.push(Prisma.sql`s."kind" = ${filter.kind}`);
  if (filter.track) parts.push(Prisma.sql`m."trackId" IN (SELECT "id" FROM "Track" WHERE "key" = ${filter.track})`);
  if (filter.organisationId)
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "CohortOrganisation" co WHERE co."cohortId" = m."cohortId" AND co."organisationId" = ${filter.organisationId})`);
  if (filter.level)
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "CohortOrganisation" co JOIN "Organisation" o ON o."id" = co."organisationId" WHERE co."cohortId" = m."cohortId" AND o."level" = ${filter.level})`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`1 = 1`;
}

/** Conditions on tp (TraineeProfile) for district and industry; "not given" is an empty or missing value. */
function profileFilter(filter: ListFilter): Prisma.Sql | null {
  const parts: Prisma.Sql[] = [];
  for (const [column, value] of [["district", filter.district], ["industry", filter.industry]] as const) {
    if (value === undefined) continue;
    const field = column === "district" ? Prisma.sql`tp."district"` : Prisma.sql`tp."industry"`;
    parts.push(value === NOT_GIVEN ? Prisma.sql`(${field} IS NULL OR TRIM(${field}) = '')` : Prisma.sql`TRIM(${field}) = ${value}`);
  }
  return parts.length ? Prisma.join(parts, " AND ") : null;
}

export async function loadList(input: {
  figure: ListFigure;
  range: ReportRange;
  cohortIds: readonly string[] | null;
  filter: ListFilter;
  page: number;
  timeZone: string;
  now?: Date;
}): Promise<ReportList> {
  const now = input.now ?? new Date();
  const range = input.filter.month ? monthWithin(input.filter.month, input.range) : input.range;
  const page = Math.min(Math.max(1, Math.floor(input.page) || 1), LIST_MAX_PAGE);
  const empty = { figure: input.figure, total: 0, page, pages: 1, rows: [] };
  if (!range) return empty;
  const scope = await reportScope({ range, cohortIds: input.cohortIds, timeZone: input.timeZone, now });
  const offset = (page - 1) * LIST_PAGE_SIZE;
  const { total, rows } = await listers[input.figure](scope, input.filter, offset, now);
  return { figure: input.figure, total, page, pages: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)), rows };
}

type Lister = (scope: ReportScope, filter: ListFilter, offset: number, now: Date) => Promise<{ total: number; rows: ListRow[] }>;

const base = Prisma.sql`"Session" s JOIN "Module" m ON m."id" = s."moduleId" JOIN "Cohort" c ON c."id" = m."cohortId"`;

const listers: Record<ListFigure, Lister> = {
  async cohorts(scope, filter, offset) {
    const where = Prisma.sql`${scope.sessions} AND ${sessionFilter(filter)}`;
    const [count, rows] = await Promise.all([
      db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT COUNT(DISTINCT m."cohortId") AS "n" FROM ${base} WHERE ${where}`),
      db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
        SELECT c."id", c."code", c."title", COUNT(*) AS "n" FROM ${base} WHERE ${where}
        GROUP BY c."id", c."code", c."title" ORDER BY c."code" LIMIT ${LIST_PAGE_SIZE} OFFSET ${offset}`),
    ]);
    return { total: num(count[0]?.n), rows: rows.map((r) => ({ ...blank(), id: String(r.id), cohortTitle: String(r.title), cohortCode: String(r.code), count: num(r.n) })) };
  },

  async sessions(scope, filter, offset, now) {
    const where = Prisma.sql`${scope.sessions} AND ${sessionFilter(filter)}`;
    const [count, rows] = await Promise.all([
      db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM ${base} WHERE ${where}`),
      db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
        SELECT s."id", s."startsAt", s."endsAt", s."kind", t."key" AS "track", m."title" AS "moduleTitle", m."creditHours", c."title" AS "cohortTitle", c."code"
        FROM ${base} JOIN "Track" t ON t."id" = m."trackId" WHERE ${where}
        ORDER BY s."startsAt", s."id" LIMIT ${LIST_PAGE_SIZE} OFFSET ${offset}`),
    ]);
    // The page's head-counts as the attendance pages count them (the same derived absence).
    const counts = new Map((await sessionCounts({ sessionIds: rows.map((r) => String(r.id)), now })).map((c) => [c.sessionId, c]));
    return {
      total: num(count[0]?.n),
      rows: rows.map((r) => {
        const c = counts.get(String(r.id));
        return {
          ...blank(),
          id: String(r.id),
          at: iso(r.startsAt),
          cohortTitle: String(r.cohortTitle),
          cohortCode: String(r.code),
          moduleTitle: String(r.moduleTitle),
          kind: String(r.kind),
          track: String(r.track),
          hours: Math.round(((new Date(r.endsAt as string).getTime() - new Date(r.startsAt as string).getTime()) / 3_600_000) * 100) / 100,
          creditHours: num(r.creditHours),
          trainees: c ? c.present + c.late : 0,
          guests: c?.guests ?? 0,
        };
      }),
    };
  },

  async personTimes(scope, filter, offset) {
    const union = personTimeRows(scope, filter);
    const [count, rows] = await Promise.all([
      db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM (${union}) u`),
      db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT * FROM (${union}) u ORDER BY u."startsAt", u."name", u."id" LIMIT ${LIST_PAGE_SIZE} OFFSET ${offset}`),
    ]);
    return {
      total: num(count[0]?.n),
      rows: rows.map((r) => ({
        ...blank(),
        id: String(r.id),
        at: iso(r.startsAt),
        cohortTitle: String(r.cohortTitle),
        moduleTitle: String(r.moduleTitle),
        name: str(r.name),
        company: str(r.company),
        status: str(r.status),
        guest: num(r.guest) === 1,
      })),
    };
  },

  async people(scope, filter, offset) {
    const union = personTimeRows(scope, filter);
    const grouped = Prisma.sql`SELECT u."person" AS "person", MAX(u."name") AS "name", MAX(u."company") AS "company", MIN(u."guest") AS "guest", COUNT(*) AS "n" FROM (${union}) u GROUP BY u."person"`;
    const [count, rows] = await Promise.all([
      db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM (${grouped}) g`),
      db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT * FROM (${grouped}) g ORDER BY g."name", g."person" LIMIT ${LIST_PAGE_SIZE} OFFSET ${offset}`),
    ]);
    return {
      total: num(count[0]?.n),
      // The row's place, not its grouping key: an unmatched guest's key holds their mobile number, which the page
      // (and a co-organiser reading it) must not receive.
      rows: rows.map((r, i) => ({ ...blank(), id: String(offset + i), cohortTitle: "", name: str(r.name), company: str(r.company), guest: num(r.guest) === 1, count: num(r.n) })),
    };
  },

  async certificates(scope, filter, offset) {
    const where = {
      issuedAt: { gte: scope.start, lt: scope.end },
      revokedAt: null,
      supersededById: null,
      enrollment: {
        cohort: {
          ...(filter.cohortId ? { id: filter.cohortId } : {}),
          ...(filter.organisationId ? { organisations: { some: { organisationId: filter.organisationId } } } : {}),
          ...(filter.level ? { organisations: { some: { organisation: { level: filter.level } } } } : {}),
        },
      },
    };
    const scoped = scope.cohortIds;
    const withScope = scoped === null ? where : { ...where, enrollment: { ...where.enrollment, cohortId: { in: [...scoped] } } };
    const [total, rows] = await Promise.all([
      db.certificate.count({ where: withScope }),
      db.certificate.findMany({
        where: withScope,
        select: { id: true, serial: true, issuedAt: true, enrollment: { select: { person: { select: { name: true } }, cohort: { select: { title: true, code: true } } } } },
        orderBy: [{ issuedAt: "asc" }, { serial: "asc" }],
        take: LIST_PAGE_SIZE,
        skip: offset,
      }),
    ]);
    return {
      total,
      rows: rows.map((r) => ({ ...blank(), id: r.serial, at: r.issuedAt.toISOString(), cohortTitle: r.enrollment.cohort.title, cohortCode: r.enrollment.cohort.code, name: r.enrollment.person.name })),
    };
  },
};

/** Trainees' attendances (present or late, counted enrollments) and guests who came, as one row set; guests drop out when a profile filter is set. */
function personTimeRows(scope: ReportScope, filter: ListFilter): Prisma.Sql {
  const where = Prisma.sql`${scope.sessions} AND ${sessionFilter(filter)}`;
  const profile = profileFilter(filter);
  const trainees = Prisma.sql`
    SELECT a."id" AS "id", s."startsAt" AS "startsAt", c."title" AS "cohortTitle", m."title" AS "moduleTitle", p."name" AS "name",
      tp."company" AS "company", a."status" AS "status", 0 AS "guest", e."personId" AS "person"
    FROM ${base} JOIN "Attendance" a ON a."sessionId" = s."id" JOIN "Enrollment" e ON e."id" = a."enrollmentId"
    JOIN "Person" p ON p."id" = e."personId" LEFT JOIN "TraineeProfile" tp ON tp."personId" = e."personId"
    WHERE ${where} AND a."status" IN ('present', 'late') AND e."status" IN ${countedEnrollments}${profile ? Prisma.sql` AND ${profile}` : Prisma.empty}`;
  const guests = Prisma.sql`
    SELECT g."id" AS "id", s."startsAt" AS "startsAt", c."title" AS "cohortTitle", m."title" AS "moduleTitle", g."name" AS "name",
      g."company" AS "company", g."status" AS "status", 1 AS "guest", COALESCE(g."matchedPersonId", 'guest:' || g."mobile") AS "person"
    FROM ${base} JOIN "GuestAttendance" g ON g."sessionId" = s."id"
    WHERE ${where} AND g."status" IN ('present', 'late')`;
  if (profile || filter.who === "trainees") return trainees;
  if (filter.who === "guests") return guests;
  return Prisma.sql`${trainees} UNION ALL ${guests}`;
}
