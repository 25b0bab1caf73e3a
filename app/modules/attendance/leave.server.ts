// Leave (请假): a trainee asks to be excused from a coming session, or one
// just missed (up to LEAVE_DAYS_AFTER days after it ended), with a reason;
// staff of the cohort approve or decline with a note; the trainee sees the
// outcome. Approved leave makes the session excused at read time (rules.ts).
// An existing record is never overwritten silently: see
// docs/decisions/0012-leave-and-absence.md.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { cohortScope, can } from "~/modules/accounts/authorization.server.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { LEAVE_TEXT_MAX } from "./forms.ts";
import { COUNTED_ENROLLMENT_STATUSES } from "./standing.server.ts";

type Actor = Pick<CurrentUser, "id" | "permissions"> & Partial<Pick<CurrentUser, "name" | "roles" | "authSessionId">>;

export const LEAVE_DAYS_AFTER = 3;
const DAY = 86_400_000;

export type LeaveStatus = "pending" | "approved" | "declined" | "withdrawn";

/** Whether a trainee may still ask for leave from this session at `now`. */
export function leaveOpen(session: { status: string; endsAt: Date }, now: Date): boolean {
  return session.status !== "cancelled" && now.getTime() <= session.endsAt.getTime() + LEAVE_DAYS_AFTER * DAY;
}

/**
 * Whether `personId` may ask to be excused from this session now: enrolled in its
 * cohort, leave still open, not checked in, and no request waiting or approved.
 */
export async function mayAskLeave(personId: string, sessionId: string, now: Date): Promise<boolean> {
  const session = await db.session.findUnique({ where: { id: sessionId }, select: { status: true, endsAt: true, module: { select: { cohortId: true } } } });
  if (!session || !leaveOpen(session, now)) return false;
  const enrollment = await db.enrollment.findFirst({
    where: { cohortId: session.module.cohortId, personId, status: { in: COUNTED_ENROLLMENT_STATUSES } },
    select: {
      attendances: { where: { sessionId, status: { in: ["present", "late"] } }, select: { id: true } },
      leaveRequests: { where: { sessionId, status: { in: ["pending", "approved"] } }, select: { id: true } },
    },
  });
  return Boolean(enrollment && enrollment.attendances.length === 0 && enrollment.leaveRequests.length === 0);
}

/** The trainee's own enrollment: refused (403) when it is someone else's, so nobody asks leave for another. */
async function ownEnrollment(actor: Actor, enrollmentId: string) {
  if (!can(actor, "create:leave", "own")) throw new Response("Forbidden", { status: 403 });
  const enrollment = await db.enrollment.findUnique({ where: { id: enrollmentId }, select: { id: true, personId: true, cohortId: true, status: true } });
  if (!enrollment || enrollment.personId !== actor.id) throw new Response("Forbidden", { status: 403 });
  if (!COUNTED_ENROLLMENT_STATUSES.includes(enrollment.status)) throw new DomainError("attendance.errors.notEnrolled");
  return enrollment;
}

export async function requestLeave(input: { actor: Actor; enrollmentId: string; sessionId: string; reason: string; now: Date }): Promise<string> {
  const enrollment = await ownEnrollment(input.actor, input.enrollmentId);
  const reason = input.reason.trim();
  if (!reason) throw new DomainError("attendance.errors.leaveReasonRequired", "reason");
  if (reason.length > LEAVE_TEXT_MAX) throw new DomainError("attendance.errors.leaveReasonTooLong", "reason");
  return db.$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { id: input.sessionId, module: { cohortId: enrollment.cohortId } },
      select: { id: true, status: true, endsAt: true },
    });
    if (!session) throw new DomainError("attendance.errors.sessionNotFound");
    if (!leaveOpen(session, input.now)) throw new DomainError(session.status === "cancelled" ? "attendance.errors.sessionCancelled" : "attendance.errors.leaveTooLate");
    const record = await tx.attendance.findUnique({
      where: { enrollmentId_sessionId: { enrollmentId: enrollment.id, sessionId: session.id } },
      select: { status: true },
    });
    if (record && (record.status === "present" || record.status === "late")) throw new DomainError("attendance.errors.alreadyAttended");
    const open = await tx.leaveRequest.findFirst({
      where: { enrollmentId: enrollment.id, sessionId: session.id, status: { in: ["pending", "approved"] } },
      select: { id: true },
    });
    if (open) throw new DomainError("attendance.errors.leaveExists");
    const created = await tx.leaveRequest.create({
      data: { enrollmentId: enrollment.id, sessionId: session.id, reason, createdAt: input.now },
      select: { id: true },
    });
    return created.id;
  });
}

/** The trainee takes back a request staff have not decided yet. */
export async function withdrawLeave(input: { actor: Actor; leaveId: string; now: Date }): Promise<void> {
  const leave = await db.leaveRequest.findUnique({ where: { id: input.leaveId }, select: { enrollmentId: true, status: true } });
  if (!leave) throw new Response("Not found", { status: 404 });
  await ownEnrollment(input.actor, leave.enrollmentId);
  const { count } = await db.leaveRequest.updateMany({
    where: { id: input.leaveId, status: "pending" },
    data: { status: "withdrawn", updatedAt: input.now },
  });
  if (count === 0) throw new DomainError("attendance.errors.leaveDecided");
}

/**
 * Staff approve or decline a pending request. Approval writes nothing when the
 * trainee has no record (the session reads as excused); a record that says
 * absent becomes excused as a change with the decision in its history; a
 * record that says present or late stays (they came after all).
 */
export async function decideLeave(input: {
  actor: Actor;
  leaveId: string;
  decision: "approved" | "declined";
  note: string | null;
  now: Date;
}): Promise<void> {
  const note = input.note?.trim() || null;
  if (note && note.length > LEAVE_TEXT_MAX) throw new DomainError("attendance.errors.leaveNoteTooLong", "note");
  if (input.decision === "declined" && !note) throw new DomainError("attendance.errors.declineNoteRequired", "note");
  const leave = await db.leaveRequest.findFirst({
    where: { id: input.leaveId, enrollment: { cohort: cohortScope(input.actor as CurrentUser, "update:leave") } },
    select: { id: true, enrollmentId: true, sessionId: true },
  });
  if (!leave) {
    const exists = await db.leaveRequest.findUnique({ where: { id: input.leaveId }, select: { id: true } });
    throw new Response(exists ? "Forbidden" : "Not found", { status: exists ? 403 : 404 });
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.leaveRequest.updateMany({
      where: { id: leave.id, status: "pending" },
      data: { status: input.decision, decidedById: input.actor.id, decidedAt: input.now, decisionNote: note, updatedAt: input.now },
    });
    if (count === 0) throw new DomainError("attendance.errors.leaveDecided");
    if (input.decision !== "approved") return;
    const record = await tx.attendance.findUnique({
      where: { enrollmentId_sessionId: { enrollmentId: leave.enrollmentId, sessionId: leave.sessionId } },
      select: { id: true, status: true },
    });
    if (record?.status === "absent") {
      await tx.attendance.update({
        where: { id: record.id },
        data: {
          status: "excused",
          method: "leave",
          recordedById: input.actor.id,
          recordedAt: input.now,
          changes: { create: { fromStatus: "absent", toStatus: "excused", method: "leave", actorId: input.actor.id, note, at: input.now } },
        },
      });
    }
  });
}

export type LeaveView = {
  id: string;
  status: LeaveStatus;
  reason: string;
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
  decidedByName: string | null;
  session: { id: string; startsAt: Date; endsAt: Date; moduleTitle: string; status: string };
  person: { name: string; company: string | null };
  cohort: { id: string; title: string };
  /** What the trainee's record says, if there is one (an approval does not overwrite present or late). */
  recorded: string | null;
};

const leaveSelect = {
  id: true,
  status: true,
  reason: true,
  createdAt: true,
  decidedAt: true,
  decisionNote: true,
  decidedById: true,
  enrollmentId: true,
  sessionId: true,
  session: { select: { id: true, startsAt: true, endsAt: true, status: true, module: { select: { title: true } } } },
  enrollment: {
    select: {
      cohort: { select: { id: true, title: true } },
      person: { select: { name: true, trainee: { select: { company: true } } } },
    },
  },
} as const;

async function present(rows: Awaited<ReturnType<typeof findLeaves>>): Promise<LeaveView[]> {
  const deciders = [...new Set(rows.map((r) => r.decidedById).filter(Boolean))] as string[];
  const [names, records] = await Promise.all([
    db.person.findMany({ where: { id: { in: deciders } }, select: { id: true, name: true } }),
    rows.length
      ? db.attendance.findMany({
          where: { sessionId: { in: [...new Set(rows.map((r) => r.sessionId))] }, enrollmentId: { in: [...new Set(rows.map((r) => r.enrollmentId))] } },
          select: { enrollmentId: true, sessionId: true, status: true },
        })
      : [],
  ]);
  const nameBy = new Map(names.map((p) => [p.id, p.name]));
  const recordBy = new Map(records.map((r) => [`${r.enrollmentId}|${r.sessionId}`, r.status]));
  return rows.map((r) => ({
    id: r.id,
    status: r.status as LeaveStatus,
    reason: r.reason,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    decidedByName: r.decidedById ? (nameBy.get(r.decidedById) ?? null) : null,
    session: { id: r.session.id, startsAt: r.session.startsAt, endsAt: r.session.endsAt, moduleTitle: r.session.module.title, status: r.session.status },
    person: { name: r.enrollment.person.name, company: r.enrollment.person.trainee?.company ?? null },
    cohort: r.enrollment.cohort,
    recorded: recordBy.get(`${r.enrollmentId}|${r.sessionId}`) ?? null,
  }));
}

function findLeaves(where: NonNullable<Parameters<typeof db.leaveRequest.findMany>[0]>["where"], take: number) {
  return db.leaveRequest.findMany({ where, select: leaveSelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take });
}

/** Requests waiting for a decision in the cohorts where `actor` decides leave, oldest first, and the latest decisions. */
export async function leaveForStaff(actor: CurrentUser): Promise<{ waiting: LeaveView[]; decided: LeaveView[] }> {
  const scope = { enrollment: { cohort: cohortScope(actor, "update:leave") } };
  const [waiting, decided] = await Promise.all([
    findLeaves({ ...scope, status: "pending" }, 500),
    findLeaves({ ...scope, status: { in: ["approved", "declined"] } }, 20),
  ]);
  return { waiting: (await present(waiting)).reverse(), decided: await present(decided) };
}

/** The trainee's own requests, newest first. */
export async function myLeaveRequests(actor: Actor): Promise<LeaveView[]> {
  return present(await findLeaves({ enrollment: { personId: actor.id } }, 200));
}

/** The leave form for one session: the trainee's enrollment in its cohort (404 when they have none) and whether leave is still open. */
export async function leaveFormFor(actor: Actor, sessionId: string, now: Date) {
  if (!can(actor, "create:leave", "own")) throw new Response("Forbidden", { status: 403 });
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { startsAt: true, endsAt: true, status: true, module: { select: { title: true, cohortId: true } } },
  });
  const enrollment = session
    ? await db.enrollment.findFirst({
        where: { cohortId: session.module.cohortId, personId: actor.id, status: { in: COUNTED_ENROLLMENT_STATUSES } },
        select: { id: true },
      })
    : null;
  if (!session || !enrollment) throw new Response("Not found", { status: 404 });
  return {
    enrollmentId: enrollment.id,
    open: leaveOpen(session, now),
    session: { moduleTitle: session.module.title, startsAt: session.startsAt, endsAt: session.endsAt },
  };
}
