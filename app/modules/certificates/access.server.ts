// Who may issue, revoke and reissue a cohort's certificates: an admin, or staff
// assigned to the cohort (not as its instructor). Instructors and staff of other
// cohorts may not.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can, type PermissionNeed } from "~/modules/accounts/authorization.server.ts";
import { db } from "~/utils/db.server.ts";

export type Actor = Pick<CurrentUser, "id" | "permissions">;

export async function mayManageCertificates(actor: Actor, cohortId: string, need: PermissionNeed): Promise<boolean> {
  if (can(actor, need, "any")) return true;
  if (!can(actor, need, "cohort")) return false;
  const staff = await db.cohortAssignment.findFirst({
    where: { cohortId, personId: actor.id, role: { not: "instructor" } },
    select: { role: true },
  });
  return staff !== null;
}

export async function requireCertificateAccess(actor: Actor, cohortId: string, need: PermissionNeed): Promise<void> {
  if (!(await mayManageCertificates(actor, cohortId, need))) throw new Response("Forbidden", { status: 403 });
}
