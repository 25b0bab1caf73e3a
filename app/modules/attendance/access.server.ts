// Who may take a session's attendance: staff of its cohort (or an admin), and
// the session's own lecturer. An instructor assigned to the cohort who does
// not teach this session may read it but not mark it.
import { can, type PermissionNeed } from "~/modules/accounts/authorization.server.ts";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { db } from "~/utils/db.server.ts";

type Actor = Pick<CurrentUser, "id" | "permissions">;

/** The session's cohort when `actor` may mark its attendance; null when not (or no such session). */
export async function rollCallCohort(actor: Actor, sessionId: string): Promise<string | null> {
  const need: PermissionNeed = "update:attendance";
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      module: { select: { cohortId: true } },
      lecturers: { where: { lecturer: { personId: actor.id } }, select: { lecturerId: true } },
    },
  });
  if (!session) return null;
  const cohortId = session.module.cohortId;
  if (can(actor, need, "any")) return cohortId;
  if (!can(actor, need, "cohort")) return null;
  if (session.lecturers.length > 0) return cohortId;
  const staff = await db.cohortAssignment.findFirst({
    where: { cohortId, personId: actor.id, role: { not: "instructor" } },
    select: { role: true },
  });
  return staff ? cohortId : null;
}

/** For routes: the session must belong to the cohort in the address (404) and the actor may mark it (403). */
export async function requireRollCall(actor: Actor, cohortId: string, sessionId: string): Promise<void> {
  const inCohort = await db.session.findFirst({ where: { id: sessionId, module: { cohortId } }, select: { id: true } });
  if (!inCohort) throw new Response("Not found", { status: 404 });
  if ((await rollCallCohort(actor, sessionId)) !== cohortId) throw new Response("Forbidden", { status: 403 });
}
