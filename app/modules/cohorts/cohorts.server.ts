import { db, type Prisma } from "~/utils/db.server.ts";
import { seatHoldingStatuses, type CohortStatus } from "./cohorts.ts";

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

/** The cohorts within `scope` (see cohortScope), with their enrolment counts. */
export async function listCohorts(scope: Prisma.CohortWhereInput): Promise<CohortListItem[]> {
  const cohorts = await db.cohort.findMany({
    where: { ...scope, status: { not: "archived" } },
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
