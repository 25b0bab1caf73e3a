// Co-organising organisations' read-only accounts (查看账号). A viewer is a person
// with the `viewer` role linked to an organisation; they see the reports and the
// rosters (no contact details) of the cohorts their organisation organises or
// co-organises, and nothing else. Only admins make or remove them: whoever makes
// one is handed its activation code, and a viewer reads cohorts beyond any one
// staff member's own (see DESIGN, "Whose data is whose").
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db, isUniqueViolation, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { revokeAllSessions, type CurrentUser } from "./auth-session.server.ts";
import { can, forbidden } from "./authorization.server.ts";
import { issueInvitation, type IssuedInvitation } from "./invitations.server.ts";
import { viewerReachRoles, type ViewerCreateInput } from "./organisation-viewers.ts";

type Actor = Pick<CurrentUser, "id" | "permissions">;
type Context = { actor: Actor; request?: Request; now: Date };

function requireAdmin(actor: Pick<CurrentUser, "permissions">): void {
  if (!can(actor, "update:person", "any")) forbidden();
}

/** The links that count: the person still holds the viewer role and the account is not deactivated. */
const liveLinks = (personId: string): Prisma.OrganisationViewerWhereInput => ({
  personId,
  person: { status: { not: "deactivated" }, roles: { some: { role: { key: "viewer" } } } },
});

/** Cohorts that any of these organisations organises or co-organises. */
export function cohortsOfOrganisations(organisationIds: readonly string[]): Prisma.CohortWhereInput {
  return { organisations: { some: { organisationId: { in: [...organisationIds] }, role: { in: [...viewerReachRoles] } } } };
}

/** The organisations whose viewer the person is; [] when they are none's. */
export async function viewerOrganisationIds(personId: string): Promise<string[]> {
  const links = await db.organisationViewer.findMany({ where: liveLinks(personId), select: { organisationId: true } });
  return links.map((link) => link.organisationId);
}

/**
 * The cohorts an organisation viewer may see, or null when the person is no
 * organisation's viewer. requireReportAccess admits a viewer with this list.
 */
export async function organisationViewerCohortIds(personId: string): Promise<string[] | null> {
  const organisationIds = await viewerOrganisationIds(personId);
  if (organisationIds.length === 0) return null;
  const cohorts = await db.cohort.findMany({ where: cohortsOfOrganisations(organisationIds), select: { id: true }, orderBy: { startDate: "desc" } });
  return cohorts.map((cohort) => cohort.id);
}

export type OrganisationViewerRow = {
  personId: string;
  name: string;
  /** What the person signs in with: their mobile number, or an e-mail address (the demo's account). */
  login: string | null;
  status: string;
  lastSignInAt: Date | null;
  createdAt: Date;
};

export async function listOrganisationViewers(actor: Actor, organisationId: string): Promise<OrganisationViewerRow[]> {
  requireAdmin(actor);
  const links = await db.organisationViewer.findMany({
    where: { organisationId },
    orderBy: [{ createdAt: "asc" }, { personId: "asc" }],
    select: { createdAt: true, person: { select: { id: true, name: true, mobile: true, email: true, status: true, lastSignInAt: true } } },
  });
  return links.map(({ createdAt, person }) => ({
    personId: person.id,
    name: person.name,
    login: person.mobile ?? person.email,
    status: person.status,
    lastSignInAt: person.lastSignInAt,
    createdAt,
  }));
}

/**
 * Adds a viewer for the organisation: a new account that activates with a code
 * (returned once), or an earlier viewer account of the same number, which gets
 * a new code unless it is active. A number that belongs to any other account
 * is refused: a trainee's or staff member's account is not made a viewer.
 */
export async function addOrganisationViewer(
  input: ViewerCreateInput & { organisationId: string },
  context: Context,
): Promise<{ personId: string; invitation: IssuedInvitation | null }> {
  requireAdmin(context.actor);
  try {
    return await db.$transaction((tx) => addViewerIn(tx, input, context));
  } catch (error) {
    // Two admins adding the same number at once: the unique index stops the second.
    if (isUniqueViolation(error)) throw new DomainError("viewers.errors.mobileTaken", "mobile");
    throw error;
  }
}

async function addViewerIn(
  tx: Prisma.TransactionClient,
  input: ViewerCreateInput & { organisationId: string },
  { actor, request, now }: Context,
): Promise<{ personId: string; invitation: IssuedInvitation | null }> {
  const organisation = await tx.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true } });
  if (!organisation) throw new Response("Not found", { status: 404 });
  const audit = (personId: string, action: Parameters<typeof recordAudit>[0]["action"], detail?: Record<string, unknown>) =>
    recordAudit({ action, actorId: actor.id, targetType: "person", targetId: personId, request, at: now, detail }, tx);

  const existing = await tx.person.findUnique({
    where: { mobile: input.mobile },
    select: { id: true, status: true, roles: { select: { role: { select: { key: true } } } }, cohortAssignments: { select: { role: true }, take: 1 }, enrollments: { select: { id: true }, take: 1 } },
  });
  if (!existing) {
    const person = await tx.person.create({
      data: { name: input.name, mobile: input.mobile, status: "invited", createdAt: now, roles: { create: { role: { connect: { key: "viewer" } } } } },
      select: { id: true },
    });
    await tx.organisationViewer.create({ data: { personId: person.id, organisationId: organisation.id, createdById: actor.id, createdAt: now } });
    await audit(person.id, "person.created", { role: "viewer" });
    await audit(person.id, "role.granted", { role: "viewer" });
    await audit(person.id, "viewer.added", { organisationId: organisation.id });
    const invitation = await issueInvitation(tx, { personId: person.id, createdById: actor.id, now });
    await audit(person.id, "person.invited");
    return { personId: person.id, invitation };
  }

  // Only an account that was never anything but a viewer may be linked again: handing out a code to
  // any other account would be a way into it, and a trainee's roster entry would show as a viewer.
  const roles = existing.roles.map((r) => r.role.key);
  const viewerOnly = roles.every((role) => role === "viewer") && existing.cohortAssignments.length === 0 && existing.enrollments.length === 0;
  if (!viewerOnly) throw new DomainError("viewers.errors.mobileTaken", "mobile");
  const linked = await tx.organisationViewer.findUnique({
    where: { personId_organisationId: { personId: existing.id, organisationId: organisation.id } },
    select: { personId: true },
  });
  if (linked && existing.status !== "deactivated" && roles.includes("viewer")) throw new DomainError("viewers.errors.alreadyViewer", "mobile");
  if (!linked) await tx.organisationViewer.create({ data: { personId: existing.id, organisationId: organisation.id, createdById: actor.id, createdAt: now } });
  if (!roles.includes("viewer")) {
    await tx.personRole.create({ data: { person: { connect: { id: existing.id } }, role: { connect: { key: "viewer" } } } });
    await audit(existing.id, "role.granted", { role: "viewer" });
  }
  await audit(existing.id, "viewer.added", { organisationId: organisation.id });
  if (existing.status === "active") return { personId: existing.id, invitation: null };
  // A removed viewer comes back only through a new code: their old password stays void.
  await tx.person.update({ where: { id: existing.id }, data: { passwordHash: null, status: "invited" } });
  await revokeAllSessions(tx, existing.id, now);
  const invitation = await issueInvitation(tx, { personId: existing.id, createdById: actor.id, now });
  await audit(existing.id, "person.invited", { again: true });
  return { personId: existing.id, invitation };
}

/**
 * Takes the person's view of the organisation away and ends their sessions at
 * once. Without another organisation to view, the viewer role goes too, and an
 * account left with no role at all is deactivated (with any unused code).
 */
export async function removeOrganisationViewer(input: { organisationId: string; personId: string }, { actor, request, now }: Context): Promise<void> {
  requireAdmin(actor);
  await db.$transaction(async (tx) => {
    const { count } = await tx.organisationViewer.deleteMany({ where: input });
    if (count === 0) throw new DomainError("viewers.errors.notViewer");
    const remaining = await tx.organisationViewer.count({ where: { personId: input.personId } });
    if (remaining === 0) {
      const role = await tx.role.findUniqueOrThrow({ where: { key: "viewer" }, select: { id: true } });
      const { count: dropped } = await tx.personRole.deleteMany({ where: { personId: input.personId, roleId: role.id } });
      if (dropped) {
        await recordAudit({ action: "role.revoked", actorId: actor.id, targetType: "person", targetId: input.personId, request, at: now, detail: { role: "viewer" } }, tx);
      }
      if ((await tx.personRole.count({ where: { personId: input.personId } })) === 0) {
        await tx.person.update({ where: { id: input.personId }, data: { status: "deactivated" } });
        await tx.invitation.updateMany({ where: { personId: input.personId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
      }
    }
    const ended = await revokeAllSessions(tx, input.personId, now);
    await recordAudit(
      { action: "viewer.removed", actorId: actor.id, targetType: "person", targetId: input.personId, request, at: now, detail: { organisationId: input.organisationId, sessionsEnded: ended } },
      tx,
    );
  });
}

/**
 * The cohorts whose roster (names, companies, positions, attendance) the user
 * may read: every cohort, the cohorts they are assigned to, and the cohorts of
 * the organisations they view, as their roles grant `read:roster`.
 */
export async function rosterCohortScope(user: Pick<CurrentUser, "id" | "permissions">): Promise<Prisma.CohortWhereInput> {
  if (can(user, "read:roster", "any")) return {};
  const reach: Prisma.CohortWhereInput[] = [];
  if (can(user, "read:roster", "cohort")) reach.push({ assignments: { some: { personId: user.id } } });
  if (can(user, "read:roster", "organisation")) {
    const organisationIds = await viewerOrganisationIds(user.id);
    if (organisationIds.length) reach.push(cohortsOfOrganisations(organisationIds));
  }
  return reach.length ? { OR: reach } : { id: { in: [] } };
}

/** Whether the user is an organisation viewer and nothing more on the staff side (their admin area is the reports and rosters). */
export function isViewerOnly(user: Pick<CurrentUser, "roles">): boolean {
  return user.roles.includes("viewer") && !user.roles.some((role) => role === "admin" || role === "staff" || role === "instructor");
}
