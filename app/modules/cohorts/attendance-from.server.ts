// From when a trainee's attendance counts (Enrollment.attendanceFrom, decision
// 0018): a trainee who joins a cohort that has already begun is not absent from
// the sessions held before they joined. Set when the enrollment becomes
// "enrolled" in a running cohort, and changed afterwards by staff of the cohort.
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { can } from "~/modules/accounts/authorization.server.ts";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";

type Tx = Prisma.TransactionClient;

/** Sessions of the cohort that have started by `now` and were not cancelled: "本班已上过 N 次课". */
export async function sessionsStarted(cohortId: string, now: Date, tx: Tx = db): Promise<number> {
  return tx.session.count({ where: { module: { cohortId }, status: { not: "cancelled" }, startsAt: { lte: now } } });
}

/**
 * What a trainee who becomes "enrolled" now gets: `now` when the cohort has a
 * session that has already started (they were not there), else null (every
 * session counts). `fromStart` is staff's choice to count from the cohort's
 * start, for a sheet entered a day after the class began.
 */
export async function joiningAttendanceFrom(tx: Tx, cohortId: string, now: Date, fromStart = false): Promise<Date | null> {
  if (fromStart) return null;
  return (await sessionsStarted(cohortId, now, tx)) > 0 ? now : null;
}

type Actor = Pick<CurrentUser, "id" | "permissions">;

/** Staff of the cohort (assigned, with update:enrollment) and admins; instructors and other cohorts' staff are refused. */
async function assertManagesCohort(tx: Tx, actor: Actor, cohortId: string) {
  if (can(actor, "update:enrollment", "any")) return;
  if (can(actor, "update:enrollment", "cohort")) {
    const assigned = await tx.cohortAssignment.findFirst({ where: { cohortId, personId: actor.id }, select: { role: true } });
    if (assigned) return;
  }
  throw new Response("Forbidden", { status: 403 });
}

/**
 * Changes from when an enrolled (or completed) trainee's attendance counts:
 * null for the cohort's start, or an instant. Needs a reason; the old and new
 * values go to the audit log, in the same transaction.
 */
export async function changeAttendanceFrom(input: {
  actor: Actor;
  cohortId: string;
  enrollmentId: string;
  attendanceFrom: Date | null;
  reason: string;
  request?: Request;
  now: Date;
}): Promise<void> {
  const reason = input.reason.trim();
  if (!reason) throw new DomainError("enrollment.errors.reasonRequired", "reason");
  await db.$transaction(async (tx) => {
    await assertManagesCohort(tx, input.actor, input.cohortId);
    // Scoped by cohort: an enrollment id from another cohort is not found here.
    const enrollment = await tx.enrollment.findFirst({
      where: { id: input.enrollmentId, cohortId: input.cohortId, status: { in: ["enrolled", "completed"] } },
      select: { id: true, personId: true, attendanceFrom: true },
    });
    if (!enrollment) throw new DomainError("enrollment.errors.notFound");
    await tx.enrollment.update({ where: { id: enrollment.id }, data: { attendanceFrom: input.attendanceFrom } });
    await recordAudit(
      {
        action: "enrollment.attendance_from_changed",
        actorId: input.actor.id,
        targetType: "enrollment",
        targetId: enrollment.id,
        request: input.request,
        at: input.now,
        detail: {
          cohortId: input.cohortId,
          personId: enrollment.personId,
          from: enrollment.attendanceFrom?.toISOString() ?? null,
          to: input.attendanceFrom?.toISOString() ?? null,
          reason,
        },
      },
      tx,
    );
  });
}
