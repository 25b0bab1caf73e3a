// The projector screen and those who may run it: staff of the session's
// cohort, the session's own lecturer, and admins.
import { requireUser, type CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can, canInCohorts, forbidden, type PermissionNeed } from "~/modules/accounts/authorization.server.ts";
import { db } from "~/utils/db.server.ts";
import { codesForSlot, slotAt, slotInWindow } from "./check-in-codes.ts";
import { getCheckInSession, sessionKey, type CheckInSession } from "./check-in.server.ts";
import { sessionPhase } from "./rules.ts";

/** May `user` do `need` for this session's attendance: any cohort, assigned to its cohort, or its lecturer. */
export async function mayRunCheckIn(user: CurrentUser, session: Pick<CheckInSession, "id" | "module">, need: PermissionNeed): Promise<boolean> {
  if (can(user, need, "any")) return true;
  if (!can(user, need, "cohort")) return false;
  const [assigned, lecturer] = await Promise.all([
    db.cohortAssignment.findFirst({ where: { cohortId: session.module.cohortId, personId: user.id }, select: { personId: true } }),
    db.sessionLecturer.findFirst({ where: { sessionId: session.id, lecturer: { personId: user.id } }, select: { sessionId: true } }),
  ]);
  return Boolean(assigned || lecturer);
}

export async function requireCheckInStaff(request: Request, sessionId: string, need: PermissionNeed = "create:attendance") {
  const user = await requireUser(request);
  const session = await getCheckInSession(sessionId);
  if (!session) throw new Response("Not found", { status: canInCohorts(user, need) ? 404 : 403 });
  if (!(await mayRunCheckIn(user, session, need))) forbidden();
  return { user, session };
}

const RECENT_NAMES = 12;

/** What the screen counts: trainees checked in (present or late) of those enrolled, guests apart, the latest names. */
export async function checkInCounts(sessionId: string, cohortId: string) {
  const [checkedIn, expected, guests, recent] = await Promise.all([
    db.attendance.count({ where: { sessionId, status: { in: ["present", "late"] } } }),
    db.enrollment.count({ where: { cohortId, status: "enrolled" } }),
    db.guestAttendance.count({ where: { sessionId } }),
    db.attendance.findMany({
      where: { sessionId, status: { in: ["present", "late"] }, checkedInAt: { not: null } },
      orderBy: { checkedInAt: "desc" },
      take: RECENT_NAMES,
      select: { id: true, status: true, enrollment: { select: { person: { select: { name: true } } } } },
    }),
  ]);
  return {
    checkedIn,
    expected,
    guests,
    recent: recent.map((r) => ({ id: r.id, name: r.enrollment.person.name, late: r.status === "late" })),
  };
}

/** Everything the projector needs: the window's key (never the server secret), the window and the counts. */
export async function projectorState(session: CheckInSession, now: Date) {
  const { keyHex, window } = sessionKey(session);
  return {
    sessionId: session.id,
    keyHex,
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
    phase: sessionPhase(session, now),
    serverTime: now.toISOString(),
    ...(await checkInCounts(session.id, session.module.cohortId)),
  };
}
export type ProjectorState = Awaited<ReturnType<typeof projectorState>>;

/** The codes on screen right now, for the first render before the browser takes over. */
export function currentCodes(state: Pick<ProjectorState, "keyHex" | "sessionId" | "opensAt" | "closesAt">, now: Date) {
  const slot = slotAt(now);
  const window = { opensAt: new Date(state.opensAt), closesAt: new Date(state.closesAt) };
  return slotInWindow(slot, window) && now >= window.opensAt ? codesForSlot(state.keyHex, state.sessionId, slot) : null;
}
