// Scheduling sessions (课次): scheduling, rescheduling, cancelling and
// restoring, each change kept as a SessionChange so that trainees can see
// what moved and staff can see who moved it and why. Clashes are found in
// clashes.server.ts, input rules live in session-rules.server.ts.
import { db, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { findClashes, type Clash } from "./clashes.server.ts";
import type { Snapshot } from "./session-history.server.ts";
import { checkedReason, resolveInput, type Resolved, type ScheduleWarning, type SessionInput } from "./session-rules.server.ts";
import type { SessionChangeKind } from "./sessions.ts";

type Actor = { id: string };

export type ScheduleResult =
  | { status: "saved"; sessionId: string; changed: boolean }
  | { status: "clashes"; clashes: Clash[]; warnings: ScheduleWarning[] };

function fullSnapshot(s: Resolved): Snapshot {
  return {
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    venueName: s.venue?.name ?? null,
    kind: s.kind,
    lecturerNames: s.lecturers.map((l) => l.name),
    notes: s.notes,
    moduleTitle: s.moduleTitle,
  };
}

const sessionStateSelect = {
  id: true,
  status: true,
  sequence: true,
  startsAt: true,
  endsAt: true,
  venueId: true,
  kind: true,
  notes: true,
  moduleId: true,
  venue: { select: { name: true } },
  module: { select: { title: true } },
  lecturers: {
    select: { lecturerId: true, lecturer: { select: { name: true } } },
    orderBy: { lecturer: { name: "asc" } },
  },
} satisfies Prisma.SessionSelect;

type SessionState = Prisma.SessionGetPayload<{ select: typeof sessionStateSelect }>;

async function sessionOfCohort(cohortId: string, sessionId: string): Promise<SessionState> {
  const session = await db.session.findFirst({
    where: { id: sessionId, module: { cohortId } },
    select: sessionStateSelect,
  });
  if (!session) throw new DomainError("schedule.errors.sessionNotFound");
  return session;
}

const confirmationNeeded = (clashes: Clash[], warnings: ScheduleWarning[], confirmed: boolean | undefined) =>
  (clashes.length > 0 || warnings.length > 0) && !confirmed;

// ---------------------------------------------------------------------------
// Writing

/**
 * Schedules a session. Clashes and a date outside the cohort's dates are
 * returned for staff to confirm, and nothing is written, unless `confirmClashes`.
 */
export async function scheduleSession(
  input: SessionInput,
  options: { actor: Actor; now: Date; confirmClashes?: boolean },
): Promise<ScheduleResult> {
  const next = await resolveInput(input);
  const clashes = await findClashes({
    cohortId: input.cohortId,
    startsAt: next.startsAt,
    endsAt: next.endsAt,
    venueId: next.venue?.id,
    lecturerIds: next.lecturers.map((l) => l.id),
  });
  if (confirmationNeeded(clashes, next.warnings, options.confirmClashes)) {
    return { status: "clashes", clashes, warnings: next.warnings };
  }
  const session = await db.$transaction(async (tx) => {
    const created = await tx.session.create({
      data: {
        moduleId: next.moduleId,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        venueId: next.venue?.id ?? null,
        kind: next.kind,
        notes: next.notes,
        lecturers: { create: next.lecturers.map((l) => ({ lecturerId: l.id })) },
      },
      select: { id: true },
    });
    await tx.sessionChange.create({
      data: {
        sessionId: created.id,
        kind: "created",
        after: JSON.stringify(fullSnapshot(next)),
        actorId: options.actor.id,
        at: options.now,
      },
    });
    return created;
  });
  return { status: "saved", sessionId: session.id, changed: true };
}

/**
 * Changes a scheduled session. The history records what changed (rescheduled
 * when the time moved, moved when the venue did, updated otherwise) and the
 * sequence goes up, so calendars and trainees see the new version.
 */
export async function updateSession(
  sessionId: string,
  input: SessionInput,
  options: { actor: Actor; now: Date; confirmClashes?: boolean; reason?: string | null },
): Promise<ScheduleResult> {
  const current = await sessionOfCohort(input.cohortId, sessionId);
  if (current.status === "cancelled") throw new DomainError("schedule.errors.restoreFirst");
  const reason = checkedReason(options.reason, false);
  const next = await resolveInput(input);

  const currentLecturerIds = current.lecturers.map((l) => l.lecturerId).sort();
  const nextLecturerIds = next.lecturers.map((l) => l.id).sort();
  const changed = {
    time: current.startsAt.getTime() !== next.startsAt.getTime() || current.endsAt.getTime() !== next.endsAt.getTime(),
    venue: current.venueId !== (next.venue?.id ?? null),
    lecturers: currentLecturerIds.join() !== nextLecturerIds.join(),
    kind: current.kind !== next.kind,
    notes: (current.notes ?? null) !== next.notes,
    module: current.moduleId !== next.moduleId,
  };
  if (!Object.values(changed).some(Boolean)) return { status: "saved", sessionId, changed: false };

  // Only what can create a clash is checked again: a clash staff accepted earlier
  // does not ask again when they fix a typo in the notes.
  const clashes =
    changed.time || changed.venue || changed.lecturers
      ? await findClashes({
          cohortId: input.cohortId,
          startsAt: next.startsAt,
          endsAt: next.endsAt,
          venueId: next.venue?.id,
          lecturerIds: nextLecturerIds,
          excludeSessionId: sessionId,
        })
      : [];
  const warnings = changed.time ? next.warnings : [];
  if (confirmationNeeded(clashes, warnings, options.confirmClashes)) return { status: "clashes", clashes, warnings };

  const before: Snapshot = {};
  const after: Snapshot = {};
  if (changed.time) {
    Object.assign(before, { startsAt: current.startsAt.toISOString(), endsAt: current.endsAt.toISOString() });
    Object.assign(after, { startsAt: next.startsAt.toISOString(), endsAt: next.endsAt.toISOString() });
  }
  if (changed.venue) [before.venueName, after.venueName] = [current.venue?.name ?? null, next.venue?.name ?? null];
  if (changed.lecturers)
    [before.lecturerNames, after.lecturerNames] = [
      current.lecturers.map((l) => l.lecturer.name),
      next.lecturers.map((l) => l.name),
    ];
  if (changed.kind) [before.kind, after.kind] = [current.kind, next.kind];
  if (changed.notes) [before.notes, after.notes] = [current.notes, next.notes];
  if (changed.module) [before.moduleTitle, after.moduleTitle] = [current.module.title, next.moduleTitle];
  const kind: SessionChangeKind = changed.time ? "rescheduled" : changed.venue ? "moved" : "updated";

  await db.$transaction(async (tx) => {
    // Matched on the sequence read above: two people editing at once cannot overwrite each other unseen.
    const updated = await tx.session.updateMany({
      where: { id: sessionId, sequence: current.sequence, status: "scheduled" },
      data: {
        moduleId: next.moduleId,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        venueId: next.venue?.id ?? null,
        kind: next.kind,
        notes: next.notes,
        sequence: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new DomainError("schedule.errors.changedMeanwhile");
    if (changed.lecturers) {
      await tx.sessionLecturer.deleteMany({ where: { sessionId } });
      await tx.sessionLecturer.createMany({ data: nextLecturerIds.map((lecturerId) => ({ sessionId, lecturerId })) });
    }
    await tx.sessionChange.create({
      data: {
        sessionId,
        kind,
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        reason,
        actorId: options.actor.id,
        at: options.now,
      },
    });
  });
  return { status: "saved", sessionId, changed: true };
}

/**
 * Cancels or restores: the status moves only from `from` (a second click, or
 * someone else first, is refused), SEQUENCE goes up and the change is recorded.
 */
async function switchStatus(
  sessionId: string,
  change: {
    from: string;
    to: string;
    kind: "cancelled" | "restored";
    reason: string | null;
    actor: Actor;
    now: Date;
    refusal: string;
  },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.session.updateMany({
      where: { id: sessionId, status: change.from },
      data: { status: change.to, sequence: { increment: 1 } },
    });
    if (updated.count !== 1) throw new DomainError(change.refusal);
    await tx.sessionChange.create({
      data: {
        sessionId,
        kind: change.kind,
        before: JSON.stringify({ status: change.from } satisfies Snapshot),
        after: JSON.stringify({ status: change.to } satisfies Snapshot),
        reason: change.reason,
        actorId: change.actor.id,
        at: change.now,
      },
    });
  });
}

/** Cancels a session; the reason is required and shown to trainees. */
export async function cancelSession(
  sessionId: string,
  options: { cohortId: string; actor: Actor; now: Date; reason: string },
): Promise<void> {
  const reason = checkedReason(options.reason, true);
  const current = await sessionOfCohort(options.cohortId, sessionId);
  if (current.status === "cancelled") throw new DomainError("schedule.errors.alreadyCancelled");
  await switchStatus(sessionId, {
    from: "scheduled",
    to: "cancelled",
    kind: "cancelled",
    reason,
    actor: options.actor,
    now: options.now,
    refusal: "schedule.errors.alreadyCancelled",
  });
}

/** Puts a cancelled session back on the timetable, at its time; clashes are checked again. */
export async function restoreSession(
  sessionId: string,
  options: { cohortId: string; actor: Actor; now: Date; confirmClashes?: boolean; reason?: string | null },
): Promise<ScheduleResult> {
  const reason = checkedReason(options.reason, false);
  const current = await sessionOfCohort(options.cohortId, sessionId);
  if (current.status !== "cancelled") throw new DomainError("schedule.errors.notCancelled");
  const clashes = await findClashes({
    cohortId: options.cohortId,
    startsAt: current.startsAt,
    endsAt: current.endsAt,
    venueId: current.venueId,
    lecturerIds: current.lecturers.map((l) => l.lecturerId),
    excludeSessionId: sessionId,
  });
  if (confirmationNeeded(clashes, [], options.confirmClashes)) return { status: "clashes", clashes, warnings: [] };
  await switchStatus(sessionId, {
    from: "cancelled",
    to: "scheduled",
    kind: "restored",
    reason,
    actor: options.actor,
    now: options.now,
    refusal: "schedule.errors.notCancelled",
  });
  return { status: "saved", sessionId, changed: true };
}
