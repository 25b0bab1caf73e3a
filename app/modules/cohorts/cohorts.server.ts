import { db, type Prisma } from "~/utils/db.server.ts";
import { seatHoldingStatuses, type CohortStatus } from "./cohorts.ts";
import { personTextFilter } from "~/utils/text-search.server.ts";

const cohortListSelect = {
  id: true,
  code: true,
  title: true,
  status: true,
  startDate: true,
  endDate: true,
  capacity: true,
  venue: { select: { name: true } },
  _count: { select: { modules: true } },
} satisfies Prisma.CohortSelect;

export type CohortListItem = {
  id: string;
  code: string;
  title: string;
  status: CohortStatus;
  startDate: string;
  endDate: string;
  capacity: number;
  venueName: string | null;
  moduleCount: number;
  enrolled: number;
  waitlisted: number;
  applied: number;
};

/** The cohorts within `scope` (see cohortScope), with their enrolment counts; archived ones only when asked for. */
export async function listCohorts(scope: Prisma.CohortWhereInput, status?: CohortStatus): Promise<CohortListItem[]> {
  const cohorts = await db.cohort.findMany({
    where: { ...scope, status: status ?? { not: "archived" } },
    orderBy: [{ startDate: "desc" }, { title: "asc" }],
    select: cohortListSelect,
  });
  const counts = await db.enrollment.groupBy({
    by: ["cohortId", "status"],
    where: { cohortId: { in: cohorts.map((c) => c.id) } },
    _count: { _all: true },
  });
  const countOf = (cohortId: string, statuses: readonly string[]) =>
    counts
      .filter((row) => row.cohortId === cohortId && statuses.includes(row.status))
      .reduce((sum, row) => sum + row._count._all, 0);
  return cohorts.map((cohort) => ({
    id: cohort.id,
    code: cohort.code,
    title: cohort.title,
    status: cohort.status as CohortStatus,
    startDate: cohort.startDate,
    endDate: cohort.endDate,
    capacity: cohort.capacity,
    venueName: cohort.venue?.name ?? null,
    moduleCount: cohort._count.modules,
    enrolled: countOf(cohort.id, seatHoldingStatuses),
    waitlisted: countOf(cohort.id, ["waitlisted"]),
    applied: countOf(cohort.id, ["applied"]),
  }));
}

export async function getCohortOverview(cohortId: string) {
  const cohort = await db.cohort.findUniqueOrThrow({
    where: { id: cohortId },
    select: {
      id: true,
      code: true,
      title: true,
      description: true,
      startDate: true,
      endDate: true,
      capacity: true,
      status: true,
      venueId: true,
      certMinAttendancePercent: true,
      certRequireEveryTrack: true,
      certMinTrackPercent: true,
      certMinCreditHours: true,
      excusedLeaveDenominator: true,
      lateAfterMinutes: true,
      venue: { select: { name: true, address: true } },
      organisations: { orderBy: { position: "asc" }, select: { role: true, organisation: { select: { id: true, name: true, level: true } } } },
      statusChanges: { orderBy: { at: "desc" }, select: { id: true, fromStatus: true, toStatus: true, reason: true, at: true, actorId: true } },
    },
  });
  const counts = await db.enrollment.groupBy({ by: ["status"], where: { cohortId }, _count: { _all: true } });
  const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  const actorIds = [...new Set(cohort.statusChanges.map((c) => c.actorId).filter((id): id is string => Boolean(id)))];
  const actors = new Map((await db.person.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  return {
    ...cohort,
    status: cohort.status as CohortStatus,
    statusChanges: cohort.statusChanges.map((c) => ({ ...c, actorName: c.actorId ? (actors.get(c.actorId) ?? null) : null })),
    counts: {
      enrolled: count("enrolled") + count("completed"),
      applied: count("applied"),
      waitlisted: count("waitlisted"),
      withdrawn: count("withdrawn"),
      declined: count("declined"),
    },
  };
}

export type RosterFilter = { status?: string; search?: string };

export async function getRoster(cohortId: string, filter: RosterFilter) {
  const search = filter.search?.trim();
  const rows = await db.enrollment.findMany({
    where: {
      cohortId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(search ? { person: await personTextFilter(search, { company: true }) } : {}),
    },
    orderBy: [{ waitlistRank: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      source: true,
      reason: true,
      waitlistRank: true,
      appliedAt: true,
      enrolledAt: true,
      attendanceFrom: true,
      person: {
        select: {
          id: true,
          name: true,
          mobile: true,
          email: true,
          status: true,
          trainee: { select: { company: true, position: true, industry: true, district: true, creditCode: true } },
        },
      },
    },
  });
  return rows;
}

/** Other cohorts a trainee may be moved to from this one. */
export async function moveTargets(cohortId: string, scope: Prisma.CohortWhereInput) {
  return db.cohort.findMany({
    where: { AND: [scope, { id: { not: cohortId }, status: { in: ["draft", "enrolling", "running"] } }] },
    orderBy: { startDate: "desc" },
    select: { id: true, title: true },
  });
}
