// Roll call and corrections: staff of the cohort and the session's lecturer
// mark trainees present, late, excused or absent, one at a time or many at
// once, and enter a paper sign-in sheet afterwards. Every change is kept as an
// AttendanceChange (who, when, from what, to what, why); changing a record
// that exists needs a reason. Writes are all or nothing.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { rollCallCohort } from "./access.server.ts";
import { isBeforeJoining, sessionPhase, type AttendanceStatus } from "./rules.ts";
import { COUNTED_ENROLLMENT_STATUSES, windowSelect } from "./standing.server.ts";

type Actor = Pick<CurrentUser, "id" | "permissions">;

/** One page of roll call holds the whole class; more in one request is not a class. */
export const MAX_MARKED_AT_ONCE = 1000;

const sessionSelect = { ...windowSelect, module: { select: { cohortId: true } } } as const;

async function sessionForMarking(actor: Actor, sessionId: string) {
  const cohortId = await rollCallCohort(actor, sessionId);
  if (!cohortId) throw new Response("Forbidden", { status: 403 });
  return db.session.findUniqueOrThrow({ where: { id: sessionId }, select: sessionSelect });
}

/** Present, late and absent only once check-in has opened; excused at any time; nothing on a cancelled session. */
function assertMarkable(session: Prisma.SessionGetPayload<{ select: typeof sessionSelect }>, status: AttendanceStatus, now: Date) {
  const phase = sessionPhase(session, now);
  if (phase === "cancelled") throw new DomainError("attendance.errors.sessionCancelled");
  if (phase === "upcoming" && status !== "excused") throw new DomainError("attendance.errors.notStarted");
}

type Mark = { enrollmentId: string; status: AttendanceStatus };

/**
 * Writes `marks` for one session in one transaction. A trainee whose record
 * already says the same is left alone; a record that changes needs `reason`.
 * Returns how many records were written.
 */
async function writeMarks(
  actor: Actor,
  sessionId: string,
  marks: readonly Mark[],
  options: { reason: string | null; method: "roll_call" | "import"; now: Date; keepExisting?: boolean },
): Promise<number> {
  const session = await sessionForMarking(actor, sessionId);
  if (marks.length === 0) throw new DomainError("attendance.errors.noneSelected");
  if (marks.length > MAX_MARKED_AT_ONCE) throw new DomainError("attendance.errors.tooMany");
  for (const status of new Set(marks.map((m) => m.status))) assertMarkable(session, status, options.now);
  const ids = [...new Set(marks.map((m) => m.enrollmentId))];
  return db.$transaction(async (tx) => {
    const enrollments = await tx.enrollment.findMany({
      where: { id: { in: ids }, cohortId: session.module.cohortId, status: { in: COUNTED_ENROLLMENT_STATUSES } },
      select: { id: true },
    });
    if (enrollments.length !== ids.length) throw new DomainError("attendance.errors.notInCohort");
    const existing = new Map(
      (
        await tx.attendance.findMany({
          where: { sessionId, enrollmentId: { in: ids } },
          select: { id: true, enrollmentId: true, status: true },
        })
      ).map((record) => [record.enrollmentId, record]),
    );
    let written = 0;
    for (const mark of marks) {
      const record = existing.get(mark.enrollmentId);
      if (record && (options.keepExisting || record.status === mark.status)) continue;
      if (record && !options.reason) throw new DomainError("attendance.errors.reasonRequired", "reason");
      const data = { status: mark.status, method: options.method, recordedById: actor.id, recordedAt: options.now };
      const change = { toStatus: mark.status, method: options.method, actorId: actor.id, note: options.reason, at: options.now };
      if (record) {
        await tx.attendance.update({
          where: { id: record.id },
          data: { ...data, changes: { create: { ...change, fromStatus: record.status } } },
        });
      } else {
        await tx.attendance.create({
          data: { ...data, enrollmentId: mark.enrollmentId, sessionId, changes: { create: { ...change, fromStatus: null } } },
        });
      }
      existing.set(mark.enrollmentId, { id: record?.id ?? "", enrollmentId: mark.enrollmentId, status: mark.status });
      written += 1;
    }
    return written;
  });
}

/** Marks one or many trainees of the session with one status. */
export function markAttendance(input: {
  actor: Actor;
  sessionId: string;
  enrollmentIds: readonly string[];
  status: AttendanceStatus;
  reason: string | null;
  now: Date;
}): Promise<number> {
  return writeMarks(
    input.actor,
    input.sessionId,
    input.enrollmentIds.map((enrollmentId) => ({ enrollmentId, status: input.status })),
    { reason: input.reason, method: "roll_call", now: input.now },
  );
}

/**
 * The paper sign-in sheet, entered afterwards: the ticked trainees present,
 * every other trainee of the class absent. Trainees who already have a record
 * (a check-in, an earlier roll call) keep it: correcting one of those is a
 * change with a reason, made one by one in roll call. A trainee who joined
 * after the session started is marked only when ticked (decision 0018).
 */
export async function enterSignInSheet(input: { actor: Actor; sessionId: string; presentIds: readonly string[]; now: Date }): Promise<number> {
  const session = await sessionForMarking(input.actor, input.sessionId);
  const present = new Set(input.presentIds);
  const roster = await db.enrollment.findMany({
    where: { cohortId: session.module.cohortId, status: { in: COUNTED_ENROLLMENT_STATUSES } },
    select: { id: true, attendanceFrom: true },
  });
  const known = new Set(roster.map((e) => e.id));
  if ([...present].some((id) => !known.has(id))) throw new DomainError("attendance.errors.notInCohort");
  return writeMarks(
    input.actor,
    input.sessionId,
    roster
      .filter((e) => present.has(e.id) || !isBeforeJoining(session, e.attendanceFrom))
      .map((e) => ({ enrollmentId: e.id, status: present.has(e.id) ? "present" : "absent" })),
    { reason: null, method: "import", now: input.now, keepExisting: true },
  );
}

export type RollCallRow = {
  enrollmentId: string;
  name: string;
  company: string | null;
  recorded: AttendanceStatus | null;
  method: string | null;
  flag: string | null;
  leave: string | null;
  /** The session started before the trainee joined: without a record it does not count for them. */
  beforeJoining: boolean;
  history: { at: Date; from: string | null; to: string; method: string; actorName: string | null; note: string | null }[];
};

/** The session's class in name order with each trainee's record, leave and the history of the record. */
export async function rollCallRows(actor: Actor, sessionId: string): Promise<RollCallRow[]> {
  const session = await sessionForMarking(actor, sessionId);
  const [enrollments, leaves] = await Promise.all([
    db.enrollment.findMany({
      where: { cohortId: session.module.cohortId, status: { in: COUNTED_ENROLLMENT_STATUSES } },
      select: {
        id: true,
        attendanceFrom: true,
        person: { select: { name: true, trainee: { select: { company: true } } } },
        attendances: {
          where: { sessionId },
          select: {
            status: true,
            method: true,
            flag: true,
            changes: { orderBy: { at: "asc" }, select: { at: true, fromStatus: true, toStatus: true, method: true, actorId: true, note: true } },
          },
        },
      },
      orderBy: [{ person: { name: "asc" } }, { id: "asc" }],
    }),
    db.leaveRequest.findMany({ where: { sessionId, status: { in: ["pending", "approved"] } }, select: { enrollmentId: true, status: true } }),
  ]);
  const actorIds = [...new Set(enrollments.flatMap((e) => e.attendances.flatMap((a) => a.changes.map((c) => c.actorId)).filter(Boolean)))] as string[];
  const actors = new Map((await db.person.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const leaveBy = new Map<string, string>();
  for (const leave of leaves) if (leaveBy.get(leave.enrollmentId) !== "approved") leaveBy.set(leave.enrollmentId, leave.status);
  return enrollments.map((e) => {
    const record = e.attendances[0];
    return {
      enrollmentId: e.id,
      name: e.person.name,
      company: e.person.trainee?.company ?? null,
      recorded: (record?.status as AttendanceStatus | undefined) ?? null,
      method: record?.method ?? null,
      flag: record?.flag ?? null,
      leave: leaveBy.get(e.id) ?? null,
      beforeJoining: isBeforeJoining(session, e.attendanceFrom),
      history: (record?.changes ?? []).map((c) => ({
        at: c.at,
        from: c.fromStatus,
        to: c.toStatus,
        method: c.method,
        actorName: c.actorId ? (actors.get(c.actorId) ?? null) : null,
        note: c.note,
      })),
    };
  });
}
