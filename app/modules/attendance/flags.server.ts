// Check-ins flagged for review (a shared phone, outside the venue, no
// position): staff confirm each, or change its status with a reason kept.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import type { AttendanceStatus } from "./rules.ts";

export async function listFlaggedCheckIns(sessionId: string) {
  const rows = await db.attendance.findMany({
    where: { sessionId, flag: { not: null } },
    orderBy: [{ flagReviewedAt: { sort: "asc", nulls: "first" } }, { checkedInAt: "asc" }],
    select: {
      id: true, status: true, flag: true, distanceMeters: true, checkedInAt: true, flagReviewedAt: true,
      enrollment: { select: { person: { select: { name: true } } } },
    },
  });
  return rows.map((r) => ({ id: r.id, name: r.enrollment.person.name, status: r.status, flag: r.flag!, distanceMeters: r.distanceMeters, checkedInAt: r.checkedInAt, reviewed: r.flagReviewedAt !== null }));
}

export const REVIEW_NOTE_MAX = 200;

/**
 * Confirms a flagged check-in as it stands, or changes its status; a change
 * keeps who, when, from what, to what and why. The caller has checked that
 * `actor` may change this session's attendance.
 */
export async function reviewFlaggedCheckIn(
  actor: CurrentUser,
  input: { sessionId: string; attendanceId: string; status: AttendanceStatus | null; note: string; now: Date; request?: Request },
): Promise<void> {
  const row = await db.attendance.findFirst({ where: { id: input.attendanceId, sessionId: input.sessionId, flag: { not: null } }, select: { id: true, status: true } });
  if (!row) throw new DomainError("checkin.flags.errors.notFound");
  const changing = input.status !== null && input.status !== row.status;
  if (changing && !input.note.trim()) throw new DomainError("checkin.flags.errors.noteRequired", "note");
  await db.$transaction(async (tx) => {
    await tx.attendance.update({
      where: { id: row.id },
      data: {
        flagReviewedById: actor.id,
        flagReviewedAt: input.now,
        ...(changing ? { status: input.status!, recordedById: actor.id, recordedAt: input.now, changes: { create: { fromStatus: row.status, toStatus: input.status!, method: "roll_call", actorId: actor.id, note: input.note.trim(), at: input.now } } } : {}),
      },
    });
    await recordAudit({ action: "checkin.flag_reviewed", actorId: actor.id, targetType: "attendance", targetId: row.id, request: input.request, detail: changing ? { from: row.status, to: input.status } : { confirmed: row.status }, at: input.now }, tx);
  });
}
