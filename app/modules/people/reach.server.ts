// How far a staff member's hand reaches over a person's identity: their
// details, their account and its credentials. Reading a person (personScope in
// authorization.server.ts) reaches anyone who is in one of the actor's cohorts;
// changing who they are, or being handed a code to their account, reaches
// only trainees who are wholly in the actor's cohorts. Admins reach everybody,
// except that a cohort's bulk code list is for trainees only, for them too.
import { can, forbidden } from "~/modules/accounts/authorization.server.ts";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import type { EnrollmentStatus } from "~/modules/cohorts/cohorts.ts";
import type { Prisma } from "~/utils/db.server.ts";

export type Actor = Pick<CurrentUser, "id" | "permissions">;

/** Admins: people are theirs to manage anywhere. */
export const managesEveryone = (actor: Actor) => can(actor, "update:person", "any");

/** An enrollment that still ties a person to a cohort: declined applications and withdrawals do not. */
const closedEnrollments: EnrollmentStatus[] = ["declined", "withdrawn"];

/** Holds the trainee role and no other (no staff, admin or instructor powers). */
export const traineeOnly: Prisma.PersonWhereInput = {
  roles: { some: { role: { key: "trainee" } }, every: { role: { key: "trainee" } } },
  cohortAssignments: { none: {} },
};

/**
 * Trainees wholly within the actor's cohorts: no other role, enrolled (or
 * applying) in at least one of the actor's cohorts and in none of anybody
 * else's. For admins: trainees only, anywhere.
 */
export function traineesWithinReach(actor: Actor): Prisma.PersonWhereInput {
  if (managesEveryone(actor)) return traineeOnly;
  // Without the grant (instructors, trainees) the reach is nobody, whatever they are assigned to.
  if (!can(actor, "update:person", "cohort")) return { id: { in: [] } };
  const mine: Prisma.CohortWhereInput = { assignments: { some: { personId: actor.id } } };
  const open = { status: { notIn: closedEnrollments } };
  return {
    AND: [
      traineeOnly,
      { enrollments: { some: { cohort: mine } } },
      { enrollments: { none: { ...open, cohort: { assignments: { none: { personId: actor.id } } } } } },
    ],
  };
}

/**
 * People to whom the actor may be handed an activation code: never activated
 * (invited, no password), trainee only, within reach. Whoever holds a code
 * owns the account, so a code for anyone else would be a way into it.
 */
export function codeRecipients(actor: Actor): Prisma.PersonWhereInput {
  return { AND: [{ status: "invited", passwordHash: null }, traineesWithinReach(actor)] };
}

/**
 * Roster work (imports, the code list) on a cohort: admins anywhere, staff in
 * the cohorts they are assigned to, nobody else. The routes check it first;
 * the domain functions check it again, as they are the ones that write.
 */
export async function assertRunsCohort(tx: Pick<Prisma.TransactionClient, "cohortAssignment">, actor: Actor, cohortId: string): Promise<void> {
  if (can(actor, "update:enrollment", "any")) return;
  if (can(actor, "update:enrollment", "cohort")) {
    const assigned = await tx.cohortAssignment.findFirst({ where: { cohortId, personId: actor.id }, select: { role: true } });
    if (assigned) return;
  }
  forbidden();
}
