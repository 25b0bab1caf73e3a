// Who holds a seat in a cohort: applications, decisions, the waitlist and
// withdrawals. Every change writes an EnrollmentChange; every change that can
// hand out a seat takes the cohort's seat lock first, so capacity holds even
// when two staff act at the same moment.
import { db, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { messageWithValues } from "~/utils/messages.ts";
import { joiningAttendanceFrom } from "./attendance-from.server.ts";
import { seatHoldingStatuses, type EnrollmentStatus } from "./cohorts.ts";
import { lockCohortSeats } from "./seats.server.ts";

type Tx = Prisma.TransactionClient;
type Actor = { actorId: string | null; now: Date };

export async function seatsTaken(tx: Tx, cohortId: string): Promise<number> {
  return tx.enrollment.count({ where: { cohortId, status: { in: [...seatHoldingStatuses] } } });
}

/**
 * Every status change of an enrollment goes through here. Becoming "enrolled"
 * (an accepted application, a seat freed from the waitlist, a withdrawn trainee
 * taken back) in a cohort that has begun counts attendance from now
 * (decision 0018): the sessions before were held without them.
 */
export async function changeEnrollmentStatus(
  tx: Tx,
  enrollment: { id: string; status: string },
  to: EnrollmentStatus,
  { actorId, now, reason }: Actor & { reason?: string | null },
): Promise<void> {
  const joining =
    to === "enrolled"
      ? {
          enrolledAt: now,
          attendanceFrom: await joiningAttendanceFrom(
            tx,
            (await tx.enrollment.findUniqueOrThrow({ where: { id: enrollment.id }, select: { cohortId: true } })).cohortId,
            now,
          ),
        }
      : {};
  await tx.enrollment.update({
    where: { id: enrollment.id },
    data: {
      status: to,
      reason: reason ?? null,
      waitlistRank: to === "waitlisted" ? undefined : null,
      ...joining,
    },
  });
  await tx.enrollmentChange.create({
    data: { enrollmentId: enrollment.id, fromStatus: enrollment.status, toStatus: to, reason: reason ?? null, actorId, at: now },
  });
}

/** Puts an enrollment at the end of the cohort's waitlist. */
async function appendToWaitlist(tx: Tx, cohortId: string, enrollmentId: string) {
  const last = await tx.enrollment.aggregate({ where: { cohortId, status: "waitlisted" }, _max: { waitlistRank: true } });
  await tx.enrollment.update({ where: { id: enrollmentId }, data: { waitlistRank: (last._max.waitlistRank ?? 0) + 1 } });
}

/**
 * Fills free seats from the waitlist, first come first served. Runs inside the
 * transaction that freed the seats (after lockCohortSeats). Returns who got one.
 */
export async function promoteFromWaitlist(tx: Tx, cohortId: string, { actorId, now }: Actor): Promise<string[]> {
  const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { capacity: true } });
  const free = cohort.capacity - (await seatsTaken(tx, cohortId));
  if (free <= 0) return [];
  const next = await tx.enrollment.findMany({
    where: { cohortId, status: "waitlisted" },
    orderBy: [{ waitlistRank: "asc" }, { createdAt: "asc" }],
    take: free,
    select: { id: true, status: true, personId: true },
  });
  for (const enrollment of next) {
    await changeEnrollmentStatus(tx, enrollment, "enrolled", { actorId, now, reason: "enrollment.reasons.seatFreed" });
  }
  return next.map((e) => e.personId);
}

export type Decision = "approve" | "waitlist" | "decline";

const decidable: Record<Decision, readonly EnrollmentStatus[]> = {
  approve: ["applied", "waitlisted"],
  waitlist: ["applied"],
  decline: ["applied", "waitlisted"],
};

/** Staff decide on an application (or on someone waiting). Declining needs a reason. */
export async function decideEnrollment(input: {
  cohortId: string;
  enrollmentId: string;
  decision: Decision;
  reason?: string | null;
  actorId: string;
  now: Date;
}): Promise<void> {
  if (input.decision === "decline" && !input.reason?.trim()) throw new DomainError("enrollment.errors.reasonRequired", "reason");
  await db.$transaction(async (tx) => {
    await lockCohortSeats(tx, input.cohortId, input.now);
    // Scoped by cohort: an enrollment id from another cohort is not found here.
    const enrollment = await tx.enrollment.findFirst({
      where: { id: input.enrollmentId, cohortId: input.cohortId },
      select: { id: true, status: true, personId: true },
    });
    if (!enrollment) throw new DomainError("enrollment.errors.notFound");
    if (!decidable[input.decision].includes(enrollment.status as EnrollmentStatus)) {
      throw new DomainError("enrollment.errors.alreadyDecided");
    }
    const actor = { actorId: input.actorId, now: input.now };
    // Staff accepting an application (a seat or the waitlist) vouch for its maker: an account made by applying is theirs from now on.
    if (input.decision !== "decline") {
      await tx.person.updateMany({ where: { id: enrollment.personId, unverified: true }, data: { unverified: false } });
    }
    if (input.decision === "approve") {
      const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: input.cohortId }, select: { capacity: true } });
      if ((await seatsTaken(tx, input.cohortId)) >= cohort.capacity) throw new DomainError("enrollment.errors.full");
      await changeEnrollmentStatus(tx, enrollment, "enrolled", actor);
    } else if (input.decision === "waitlist") {
      await changeEnrollmentStatus(tx, enrollment, "waitlisted", actor);
      await appendToWaitlist(tx, input.cohortId, enrollment.id);
    } else {
      await changeEnrollmentStatus(tx, enrollment, "declined", { ...actor, reason: input.reason!.trim() });
    }
  });
}

/** A trainee leaves the cohort (history kept); the first on the waitlist takes the seat. */
export async function withdrawEnrollment(input: {
  cohortId: string;
  enrollmentId: string;
  reason: string;
  actorId: string;
  now: Date;
}): Promise<{ promoted: string[] }> {
  if (!input.reason.trim()) throw new DomainError("enrollment.errors.reasonRequired", "reason");
  return db.$transaction(async (tx) => {
    await lockCohortSeats(tx, input.cohortId, input.now);
    const enrollment = await tx.enrollment.findFirst({
      where: { id: input.enrollmentId, cohortId: input.cohortId, status: { in: ["enrolled", "applied", "waitlisted"] } },
      select: { id: true, status: true },
    });
    if (!enrollment) throw new DomainError("enrollment.errors.notFound");
    const actor = { actorId: input.actorId, now: input.now };
    await changeEnrollmentStatus(tx, enrollment, "withdrawn", { ...actor, reason: input.reason.trim() });
    return { promoted: await promoteFromWaitlist(tx, input.cohortId, actor) };
  });
}

/**
 * Moves an enrolled trainee to another cohort that has a seat, freeing theirs
 * for the waitlist. Their attendance in the new cohort counts from the move.
 */
export async function moveEnrollment(input: {
  cohortId: string;
  enrollmentId: string;
  toCohortId: string;
  actorId: string;
  now: Date;
}): Promise<void> {
  if (input.toCohortId === input.cohortId) throw new DomainError("enrollment.errors.sameCohort", "toCohortId");
  await db.$transaction(async (tx) => {
    // Both cohorts' seats change: lock in a fixed order so two opposite moves cannot deadlock.
    for (const id of [input.cohortId, input.toCohortId].sort()) await lockCohortSeats(tx, id, input.now);
    const enrollment = await tx.enrollment.findFirst({
      where: { id: input.enrollmentId, cohortId: input.cohortId, status: "enrolled" },
      select: { id: true, status: true, personId: true },
    });
    if (!enrollment) throw new DomainError("enrollment.errors.notFound");
    const target = await tx.cohort.findUnique({ where: { id: input.toCohortId }, select: { capacity: true, status: true, title: true } });
    if (!target || target.status === "completed" || target.status === "archived") throw new DomainError("enrollment.errors.targetClosed", "toCohortId");
    if ((await seatsTaken(tx, input.toCohortId)) >= target.capacity) throw new DomainError("enrollment.errors.targetFull", "toCohortId");
    const existing = await tx.enrollment.findUnique({
      where: { cohortId_personId: { cohortId: input.toCohortId, personId: enrollment.personId } },
      select: { id: true, status: true },
    });
    if (existing && seatHoldingStatuses.includes(existing.status as EnrollmentStatus)) throw new DomainError("enrollment.errors.alreadyInTarget", "toCohortId");
    const actor = { actorId: input.actorId, now: input.now };
    await changeEnrollmentStatus(tx, enrollment, "withdrawn", { ...actor, reason: messageWithValues("enrollment.reasons.movedTo", { title: target.title }) });
    if (existing) {
      await changeEnrollmentStatus(tx, existing, "enrolled", actor);
      await tx.enrollment.update({ where: { id: existing.id }, data: { attendanceFrom: input.now } });
    } else {
      const created = await tx.enrollment.create({
        data: { cohortId: input.toCohortId, personId: enrollment.personId, status: "enrolled", source: "staff", enrolledAt: input.now, attendanceFrom: input.now },
        select: { id: true },
      });
      await tx.enrollmentChange.create({ data: { enrollmentId: created.id, toStatus: "enrolled", reason: "enrollment.reasons.movedIn", actorId: input.actorId, at: input.now } });
    }
    await promoteFromWaitlist(tx, input.cohortId, actor);
  });
}
