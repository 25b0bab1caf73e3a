// Creating and editing cohorts and moving them through their states.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can } from "~/modules/accounts/authorization.server.ts";
import { db, isUniqueViolation, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { messageWithValues } from "~/utils/messages.ts";
import type { CohortFormInput } from "./cohort-form.ts";
import { canMove, transitionsNeedingReason, type CohortStatus } from "./cohorts.ts";
import { promoteFromWaitlist, seatsTaken } from "./enrollment.server.ts";
import { lockCohortSeats } from "./seats.server.ts";

type Tx = Prisma.TransactionClient;

async function writeOrganisations(tx: Tx, cohortId: string, input: CohortFormInput) {
  await tx.cohortOrganisation.deleteMany({ where: { cohortId } });
  const coOrganisers = input.coOrganiserIds.filter((id) => id !== input.organiserId);
  const rows = [
    ...(input.organiserId ? [{ organisationId: input.organiserId, role: "organiser" }] : []),
    ...coOrganisers.map((organisationId) => ({ organisationId, role: "co_organiser" })),
    ...(input.partnerId ? [{ organisationId: input.partnerId, role: "teaching_partner" }] : []),
  ].map((row, position) => ({ ...row, cohortId, position }));
  const known = await tx.organisation.count({ where: { id: { in: rows.map((r) => r.organisationId) } } });
  if (known !== new Set(rows.map((r) => r.organisationId)).size) throw new DomainError("cohort.errors.organisationUnknown", "organiserId");
  if (rows.length) await tx.cohortOrganisation.createMany({ data: rows });
}

const cohortData = (input: CohortFormInput) => ({
  title: input.title,
  code: input.code,
  description: input.description,
  startDate: input.startDate,
  endDate: input.endDate,
  capacity: input.capacity,
  venueId: input.venueId,
  certMinAttendancePercent: input.certMinAttendancePercent,
  certRequireEveryTrack: input.certRequireEveryTrack,
  certMinTrackPercent: input.certMinTrackPercent,
  certMinCreditHours: input.certMinCreditHours,
  excusedLeaveDenominator: input.excusedLeaveDenominator,
  lateAfterMinutes: input.lateAfterMinutes,
});

function codeTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new DomainError("cohort.errors.codeTaken", "code");
  throw error;
}

/** Admins create cohorts (in draft); the creator is assigned to it as staff. */
export async function createCohort(input: CohortFormInput, actor: Pick<CurrentUser, "id" | "permissions">, now: Date): Promise<string> {
  if (!can(actor, "create:cohort", "any")) throw new Response("Forbidden", { status: 403 });
  try {
    return await db.$transaction(async (tx) => {
      const academy = await tx.academy.findFirstOrThrow({ orderBy: { createdAt: "asc" }, select: { id: true } });
      const cohort = await tx.cohort.create({ data: { ...cohortData(input), academyId: academy.id, status: "draft", createdAt: now }, select: { id: true } });
      await writeOrganisations(tx, cohort.id, input);
      await tx.cohortStatusChange.create({ data: { cohortId: cohort.id, toStatus: "draft", actorId: actor.id, at: now } });
      await tx.cohortAssignment.create({ data: { cohortId: cohort.id, personId: actor.id, role: "staff", createdAt: now } });
      return cohort.id;
    });
  } catch (error) {
    return codeTaken(error);
  }
}

/** Capacity never drops below the seats already taken; a larger capacity seats the waitlist. */
export async function updateCohort(cohortId: string, input: CohortFormInput, actorId: string, now: Date): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      await lockCohortSeats(tx, cohortId, now);
      const taken = await seatsTaken(tx, cohortId);
      if (input.capacity < taken) throw new DomainError(messageWithValues("cohort.errors.capacityBelowEnrolled", { count: taken }), "capacity");
      await tx.cohort.update({ where: { id: cohortId }, data: cohortData(input) });
      await writeOrganisations(tx, cohortId, input);
      await promoteFromWaitlist(tx, cohortId, { actorId, now });
    });
  } catch (error) {
    codeTaken(error);
  }
}

export async function changeCohortStatus(input: { cohortId: string; to: CohortStatus; reason: string | null; actorId: string; now: Date }): Promise<void> {
  await db.$transaction(async (tx) => {
    const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: input.cohortId }, select: { status: true } });
    const from = cohort.status as CohortStatus;
    if (!canMove(from, input.to)) throw new DomainError("cohort.errors.moveNotAllowed");
    if (transitionsNeedingReason.includes(`${from}>${input.to}`) && !input.reason) throw new DomainError("cohort.errors.reasonRequired", "reason");
    // Conditional on the status just read, so two staff moving it at once cannot both succeed.
    const { count } = await tx.cohort.updateMany({ where: { id: input.cohortId, status: from }, data: { status: input.to } });
    if (count !== 1) throw new DomainError("cohort.errors.changedMeanwhile");
    await tx.cohortStatusChange.create({ data: { cohortId: input.cohortId, fromStatus: from, toStatus: input.to, reason: input.reason, actorId: input.actorId, at: input.now } });
  });
}
