// Adding people and running their accounts: invitations, deactivation, roles
// and cohort assignments. Every change is one transaction with its audit events.
import { forbidden, can } from "~/modules/accounts/authorization.server.ts";
import { revokeAllSessions } from "~/modules/accounts/auth-session.server.ts";
import { issueInvitation, type IssuedInvitation } from "~/modules/accounts/invitations.server.ts";
import type { RoleKey } from "~/modules/accounts/roles.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { seatHoldingStatuses } from "~/modules/cohorts/cohorts.ts";
import { joiningAttendanceFrom } from "~/modules/cohorts/attendance-from.server.ts";
import { lockCohortSeats } from "~/modules/cohorts/seats.server.ts";
import { db, isUniqueViolation, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import type { AssignmentRole, PersonCreateInput } from "./people.ts";
import { personTextFilter } from "~/utils/text-search.server.ts";
import type { TraineeProfileInput } from "./profile.ts";
import { codeRecipients, managesEveryone, traineesWithinReach, type Actor } from "./reach.server.ts";

type Context = { actor: Actor; request: Request; now: Date };

/** Staff may add trainees and instructors to their own cohorts; admins anybody anywhere. */
async function checkCohortReach(tx: Prisma.TransactionClient, actor: Actor, cohortId: string | undefined) {
  if (can(actor, "create:person", "any") && can(actor, "update:enrollment", "any")) return;
  if (!cohortId) throw new DomainError("people.errors.cohortRequired", "cohortId");
  const assigned = await tx.cohortAssignment.findFirst({ where: { cohortId, personId: actor.id }, select: { role: true } });
  if (!assigned) throw new DomainError("people.errors.cohortNotYours", "cohortId");
}

// Staff would hold the new account's activation code: only a trainee account may be made that way.
function checkRoleReach(actor: Actor, role: RoleKey) {
  if (role !== "trainee" && !can(actor, "update:person", "any")) {
    throw new DomainError("people.errors.roleNotAllowed", "role");
  }
}

async function assertUnique(tx: Prisma.TransactionClient, input: { mobile?: string; email?: string }, exceptId?: string) {
  if (input.mobile) {
    const taken = await tx.person.findFirst({ where: { mobile: input.mobile, id: { not: exceptId } }, select: { id: true } });
    if (taken) throw new DomainError("people.errors.mobileTaken", "mobile");
  }
  if (input.email) {
    const taken = await tx.person.findFirst({ where: { email: input.email, id: { not: exceptId } }, select: { id: true } });
    if (taken) throw new DomainError("people.errors.emailTaken", "email");
  }
}

export async function addPerson(
  input: PersonCreateInput,
  context: Context,
): Promise<{ personId: string; invitation: IssuedInvitation }> {
  try {
    return await addPersonOnce(input, context);
  } catch (error) {
    // Two staff (or a double click) adding the same number at once: the unique
    // index stops the second; say why, as the check before it would have.
    if (isUniqueViolation(error)) await assertUnique(db, input);
    throw error;
  }
}

async function addPersonOnce(
  input: PersonCreateInput,
  { actor, request, now }: Context,
): Promise<{ personId: string; invitation: IssuedInvitation }> {
  if (!can(actor, "create:person", "any")) forbidden();
  checkRoleReach(actor, input.role);
  return db.$transaction(async (tx) => {
    await checkCohortReach(tx, actor, input.cohortId);
    await assertUnique(tx, input);
    const cohort = input.cohortId
      ? await tx.cohort.findUnique({ where: { id: input.cohortId }, select: { id: true, capacity: true } })
      : null;
    if (input.cohortId && !cohort) throw new DomainError("people.errors.cohortRequired", "cohortId");

    const person = await tx.person.create({
      data: {
        name: input.name,
        mobile: input.mobile ?? null,
        email: input.email ?? null,
        status: "invited",
        createdAt: now,
        roles: { create: { role: { connect: { key: input.role } } } },
        trainee:
          input.role === "trainee"
            ? { create: { company: input.company ?? "", position: input.position ?? null } }
            : undefined,
      },
      select: { id: true },
    });
    const audit = (action: Parameters<typeof recordAudit>[0]["action"], detail?: Record<string, unknown>) =>
      recordAudit({ action, actorId: actor.id, targetType: "person", targetId: person.id, request, at: now, detail }, tx);
    await audit("person.created", { role: input.role });
    await audit("role.granted", { role: input.role });

    if (cohort && input.role === "trainee") {
      await lockCohortSeats(tx, cohort.id, now);
      const seated = await tx.enrollment.count({ where: { cohortId: cohort.id, status: { in: [...seatHoldingStatuses] } } });
      if (seated >= cohort.capacity) throw new DomainError("people.errors.cohortFull", "cohortId");
      const attendanceFrom = await joiningAttendanceFrom(tx, cohort.id, now, input.countFromStart === true);
      const enrollment = await tx.enrollment.create({
        data: { cohortId: cohort.id, personId: person.id, status: "enrolled", source: "staff", enrolledAt: now, attendanceFrom },
        select: { id: true },
      });
      await tx.enrollmentChange.create({ data: { enrollmentId: enrollment.id, toStatus: "enrolled", actorId: actor.id, at: now } });
    } else if (cohort) {
      const role = input.role === "instructor" ? "instructor" : "staff";
      await tx.cohortAssignment.create({ data: { cohortId: cohort.id, personId: person.id, role } });
      await audit("assignment.added", { cohortId: cohort.id, role });
    }

    const invitation = await issueInvitation(tx, { personId: person.id, createdById: actor.id, now });
    await audit("person.invited");
    return { personId: person.id, invitation };
  });
}

/**
 * Whoever re-invites an account receives its activation code, so re-inviting
 * is taking the account over; changing a person's details changes who they
 * are. Staff may do either only to trainees wholly within their own cohorts
 * (see reach.server.ts), never to an account with any other role: those are
 * managed by admins.
 */
async function assertCanManage(tx: Prisma.TransactionClient, actor: Actor, personId: string) {
  if (managesEveryone(actor)) return;
  const within = await tx.person.count({ where: { AND: [{ id: personId }, traineesWithinReach(actor)] } });
  if (within === 0) forbidden();
}

/** What the person's page may offer the actor: changing details and deactivating, and re-inviting. */
export async function managementReach(actor: Actor, personId: string): Promise<{ manage: boolean; reinvite: boolean }> {
  if (managesEveryone(actor)) return { manage: true, reinvite: true };
  const [manage, reinvite] = await Promise.all([
    db.person.count({ where: { AND: [{ id: personId }, traineesWithinReach(actor)] } }),
    db.person.count({ where: { AND: [{ id: personId }, codeRecipients(actor)] } }),
  ]);
  return { manage: manage > 0, reinvite: reinvite > 0 };
}

/**
 * A new invitation; the old one and any password stop working, and so do open
 * sessions. Staff may re-invite only someone who has never activated: a
 * password the trainee set is theirs, and only an admin resets it.
 */
export async function reinvitePerson(personId: string, { actor, request, now }: Context): Promise<IssuedInvitation> {
  return db.$transaction(async (tx) => {
    await assertCanManage(tx, actor, personId);
    const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { status: true } });
    if (person.status === "deactivated") throw new DomainError("people.errors.deactivated");
    if (!managesEveryone(actor) && (await tx.person.count({ where: { AND: [{ id: personId }, codeRecipients(actor)] } })) === 0) {
      throw new DomainError("people.errors.reinviteActivated");
    }
    await tx.person.update({ where: { id: personId }, data: { passwordHash: null, status: "invited" } });
    await revokeAllSessions(tx, personId, now);
    const invitation = await issueInvitation(tx, { personId, createdById: actor.id, now });
    await recordAudit({ action: "person.invited", actorId: actor.id, targetType: "person", targetId: personId, request, at: now, detail: { again: true } }, tx);
    return invitation;
  });
}

export async function deactivatePerson(personId: string, { actor, request, now }: Context): Promise<void> {
  if (personId === actor.id) throw new DomainError("people.errors.cannotDeactivateSelf");
  await db.$transaction(async (tx) => {
    await assertCanManage(tx, actor, personId);
    await tx.person.update({ where: { id: personId }, data: { status: "deactivated" } });
    await tx.invitation.updateMany({ where: { personId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const ended = await revokeAllSessions(tx, personId, now);
    await recordAudit({ action: "person.deactivated", actorId: actor.id, targetType: "person", targetId: personId, request, at: now, detail: { sessionsEnded: ended } }, tx);
  });
}

/** Back to active if the person had set a password; otherwise they need a new invitation. */
export async function reactivatePerson(personId: string, { actor, request, now }: Context): Promise<void> {
  await db.$transaction(async (tx) => {
    await assertCanManage(tx, actor, personId);
    const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { passwordHash: true } });
    await tx.person.update({ where: { id: personId }, data: { status: person.passwordHash ? "active" : "invited" } });
    await recordAudit({ action: "person.reactivated", actorId: actor.id, targetType: "person", targetId: personId, request, at: now }, tx);
  });
}

/** Admins grant and take away roles. Nobody takes the admin role away from themselves. */
export async function setRoles(personId: string, roles: RoleKey[], { actor, request, now }: Context): Promise<void> {
  if (!can(actor, "update:person", "any")) forbidden();
  if (personId === actor.id && !roles.includes("admin")) throw new DomainError("people.errors.cannotDropOwnAdmin", "roles");
  if (!roles.length) throw new DomainError("people.errors.roleRequired", "roles");
  await db.$transaction(async (tx) => {
    const current = await tx.personRole.findMany({ where: { personId }, select: { role: { select: { key: true, id: true } } } });
    const currentKeys = current.map((r) => r.role.key as RoleKey);
    const added = roles.filter((role) => !currentKeys.includes(role));
    const removed = current.filter((r) => !roles.includes(r.role.key as RoleKey));
    for (const role of added) {
      await tx.personRole.create({ data: { person: { connect: { id: personId } }, role: { connect: { key: role } } } });
      await recordAudit({ action: "role.granted", actorId: actor.id, targetType: "person", targetId: personId, request, at: now, detail: { role } }, tx);
    }
    for (const { role } of removed) {
      await tx.personRole.delete({ where: { personId_roleId: { personId, roleId: role.id } } });
      await recordAudit({ action: "role.revoked", actorId: actor.id, targetType: "person", targetId: personId, request, at: now, detail: { role: role.key } }, tx);
    }
    if (added.length || removed.length) await revokeAllSessions(tx, personId, now, {});
  });
}

export async function assignToCohort(
  input: { personId: string; cohortId: string; role: AssignmentRole },
  { actor, request, now }: Context,
): Promise<void> {
  if (!can(actor, "update:cohort", "any")) forbidden();
  await db.$transaction(async (tx) => {
    const exists = await tx.cohortAssignment.findUnique({
      where: { cohortId_personId_role: { cohortId: input.cohortId, personId: input.personId, role: input.role } },
      select: { role: true },
    });
    if (exists) return;
    await tx.cohortAssignment.create({ data: { ...input, createdAt: now } });
    await recordAudit({ action: "assignment.added", actorId: actor.id, targetType: "person", targetId: input.personId, request, at: now, detail: { cohortId: input.cohortId, role: input.role } }, tx);
  });
}

export async function unassignFromCohort(
  input: { personId: string; cohortId: string; role: AssignmentRole },
  { actor, request, now }: Context,
): Promise<void> {
  if (!can(actor, "update:cohort", "any")) forbidden();
  await db.$transaction(async (tx) => {
    const { count } = await tx.cohortAssignment.deleteMany({ where: input });
    if (count) {
      await recordAudit({ action: "assignment.removed", actorId: actor.id, targetType: "person", targetId: input.personId, request, at: now, detail: { cohortId: input.cohortId, role: input.role } }, tx);
    }
  });
}

export const PEOPLE_PAGE_SIZE = 50;

export type PeopleFilter = { search?: string; role?: RoleKey; status?: string; page: number };

export async function listPeople(scope: Prisma.PersonWhereInput, filter: PeopleFilter) {
  const search = filter.search?.trim();
  const where: Prisma.PersonWhereInput = {
    AND: [
      scope,
      search ? await personTextFilter(search, { company: true }) : {},
      filter.role ? { roles: { some: { role: { key: filter.role } } } } : {},
      filter.status ? { status: filter.status } : {},
    ],
  };
  const [total, people] = await Promise.all([
    db.person.count({ where }),
    db.person.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (filter.page - 1) * PEOPLE_PAGE_SIZE,
      take: PEOPLE_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        mobile: true,
        email: true,
        status: true,
        lastSignInAt: true,
        roles: { select: { role: { select: { key: true } } } },
        trainee: { select: { company: true, position: true } },
      },
    }),
  ]);
  return {
    total,
    people: people.map((p) => ({ ...p, roles: p.roles.map((r) => r.role.key as RoleKey) })),
  };
}

export async function getPersonDetail(personId: string, now: Date) {
  const person = await db.person.findUniqueOrThrow({
    where: { id: personId },
    select: {
      id: true,
      name: true,
      mobile: true,
      email: true,
      status: true,
      createdAt: true,
      lastSignInAt: true,
      roles: { select: { role: { select: { key: true } } } },
      trainee: { select: { company: true, position: true, industry: true, district: true, creditCode: true } },
      enrollments: { select: { status: true, cohort: { select: { id: true, title: true } } } },
      cohortAssignments: { select: { role: true, cohort: { select: { id: true, title: true } } } },
      invitations: {
        where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { expiresAt: true, createdAt: true },
      },
      _count: { select: { authSessions: { where: { revokedAt: null, expiresAt: { gt: now } } } } },
    },
  });
  return {
    ...person,
    roles: person.roles.map((r) => r.role.key as RoleKey),
    pendingInvitation: person.invitations[0] ?? null,
    activeSessions: person._count.authSessions,
  };
}

/** Staff correct a trainee's details (a typo in the company, a new mobile number). */
export async function updateTraineeDetails(personId: string, input: TraineeProfileInput, context: Context): Promise<void> {
  const { actor, request, now } = context;
  try {
    await db.$transaction(async (tx) => {
      await assertCanManage(tx, actor, personId);
      await assertUnique(tx, { mobile: input.mobile, email: input.email ?? undefined }, personId);
      const before = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true, mobile: true, email: true } });
      await tx.person.update({ where: { id: personId }, data: { name: input.name, mobile: input.mobile, email: input.email } });
      const profile = { company: input.company, position: input.position, industry: input.industry, district: input.district, creditCode: input.creditCode };
      await tx.traineeProfile.upsert({ where: { personId }, update: profile, create: { personId, ...profile } });
      await recordAudit({ action: "person.updated", actorId: actor.id, targetType: "person", targetId: personId, request, at: now, detail: { before } }, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) await assertUnique(db, { mobile: input.mobile, email: input.email ?? undefined }, personId);
    throw error;
  }
}
