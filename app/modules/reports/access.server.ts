// Who may read reports, and over which cohorts. Every report route (the page,
// its lists, the workbook, the print view) asks here first; the figures are
// then counted for the cohorts returned, so the scope is decided once.
import { can, forbidden } from "~/modules/accounts/authorization.server.ts";
import { requireUser, type CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { organisationViewerCohortIds } from "~/modules/accounts/organisation-viewers.server.ts";
import { db } from "~/utils/db.server.ts";

export type ReportAccess = { actor: CurrentUser; cohortIds: string[] | null };

/** Admins (and anyone with read:report:any) see the whole academy (null); staff with read:report:cohort their assigned cohorts. */
export async function requireReportAccess(request: Request): Promise<ReportAccess> {
  const actor = await requireUser(request);
  if (can(actor, "read:report", "any")) return { actor, cohortIds: null };
  if (can(actor, "read:report", "cohort")) return { actor, cohortIds: await assignedCohorts(actor.id) };
  // An organisation's viewer: the cohorts their organisation organises or co-organises (null: no organisation's viewer).
  if (can(actor, "read:report", "organisation")) {
    const cohortIds = await organisationViewerCohortIds(actor.id);
    if (cohortIds !== null) return { actor, cohortIds };
  }
  forbidden();
}

async function assignedCohorts(personId: string): Promise<string[]> {
  const rows = await db.cohortAssignment.findMany({ where: { personId }, select: { cohortId: true }, distinct: ["cohortId"], orderBy: { cohortId: "asc" } });
  return rows.map((row) => row.cohortId);
}
