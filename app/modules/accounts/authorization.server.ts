// Every loader and action asks here before it reads or changes anything.
// Permissions are "action:entity:access" strings (roles.ts); the access part
// says how far a grant reaches: any record, the cohorts a person is assigned
// to, or the person's own records.
import { db, type Prisma } from "~/utils/db.server.ts";
import { requireUser, type CurrentUser } from "./auth-session.server.ts";
import type { accesses, actions, entities, PermissionString } from "./roles.ts";

type Action = (typeof actions)[number];
type Entity = (typeof entities)[number];
export type PermissionNeed = `${Action}:${Entity}`;

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function can(user: Pick<CurrentUser, "permissions">, need: PermissionNeed, access: (typeof accesses)[number]): boolean {
  return user.permissions.includes(`${need}:${access}` as PermissionString);
}

/** `need` beyond one's own records: in any cohort, or in the cohorts one is assigned to. */
export function canInCohorts(user: Pick<CurrentUser, "permissions">, need: PermissionNeed): boolean {
  return can(user, need, "any") || can(user, need, "cohort");
}

/** Signed in with the permission at some reach beyond one's own records (staff-side pages). */
export async function requireStaffPermission(request: Request, need: PermissionNeed): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!canInCohorts(user, need)) forbidden();
  return user;
}

/** The cohorts in which `user` may do `need`: all of them, or those they are assigned to. */
export function cohortScope(user: CurrentUser, need: PermissionNeed): Prisma.CohortWhereInput {
  if (can(user, need, "any")) return {};
  if (can(user, need, "cohort")) return { assignments: { some: { personId: user.id } } };
  return { id: { in: [] } };
}

/** `need` in this cohort: granted for any cohort, or for assigned cohorts and assigned to this one. */
export async function requireCohortPermission(
  request: Request,
  cohortId: string,
  need: PermissionNeed,
): Promise<CurrentUser> {
  const user = await requireUser(request);
  const exists = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true } });
  if (!exists) throw new Response("Not found", { status: canInCohorts(user, need) ? 404 : 403 });
  if (can(user, need, "any")) return user;
  if (can(user, need, "cohort")) {
    const assigned = await db.cohortAssignment.findFirst({ where: { cohortId, personId: user.id }, select: { role: true } });
    if (assigned) return user;
  }
  forbidden();
}

/**
 * People whom `user` may `need`: anybody, or people in the cohorts they are
 * assigned to (enrolled there or assigned there), or only themselves.
 */
export function personScope(user: CurrentUser, need: PermissionNeed): Prisma.PersonWhereInput {
  if (can(user, need, "any")) return {};
  const reach: Prisma.PersonWhereInput[] = [];
  if (can(user, need, "cohort")) {
    const mine: Prisma.CohortWhereInput = { assignments: { some: { personId: user.id } } };
    reach.push({ enrollments: { some: { cohort: mine } } }, { cohortAssignments: { some: { cohort: mine } } });
  }
  if (can(user, need, "own")) reach.push({ id: user.id });
  return reach.length ? { OR: reach } : { id: { in: [] } };
}

export async function requirePersonPermission(
  request: Request,
  personId: string,
  need: PermissionNeed,
): Promise<CurrentUser> {
  const user = await requireUser(request);
  const found = await db.person.findFirst({ where: { AND: [{ id: personId }, personScope(user, need)] }, select: { id: true } });
  if (!found) forbidden();
  return user;
}
