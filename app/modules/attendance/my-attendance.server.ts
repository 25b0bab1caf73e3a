// 我的出勤: a trainee's own standing in each cohort they are in, every session
// with its status and whether leave can still be asked, and their requests.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can } from "~/modules/accounts/authorization.server.ts";
import { db } from "~/utils/db.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatDay, formatTimeRange } from "~/utils/time.ts";
import { leaveOpen, myLeaveRequests } from "./leave.server.ts";
import { presentLeave } from "./leave-view.server.ts";
import { COUNTED_ENROLLMENT_STATUSES, personStanding } from "./standing.server.ts";

type Actor = Pick<CurrentUser, "id" | "permissions">;

export async function myAttendance(actor: Actor, now: Date, timeZone: string, language: Language) {
  if (!can(actor, "read:attendance", "own")) throw new Response("Forbidden", { status: 403 });
  const enrollments = await db.enrollment.findMany({
    where: { personId: actor.id, status: { in: COUNTED_ENROLLMENT_STATUSES } },
    select: { id: true, cohortId: true, cohort: { select: { title: true, startDate: true } } },
    orderBy: { cohort: { startDate: "desc" } },
  });
  const [standings, leaves] = await Promise.all([
    Promise.all(enrollments.map((e) => personStanding({ personId: actor.id, cohortId: e.cohortId, now }))),
    myLeaveRequests(actor),
  ]);
  return {
    cohorts: enrollments.flatMap((e, i) => {
      const standing = standings[i];
      if (!standing) return [];
      return [
        {
          enrollmentId: e.id,
          cohortId: e.cohortId,
          title: e.cohort.title,
          excusedLeaveDenominator: standing.excusedLeaveDenominator,
          overall: standing.overall,
          tracks: standing.tracks,
          sessions: standing.sessions.map((s) => ({
            id: s.sessionId,
            moduleTitle: s.moduleTitle,
            trackKey: s.trackKey,
            phase: s.phase,
            status: s.status,
            leave: s.leave,
            when: `${formatDay(s.startsAt, timeZone, language)} ${formatTimeRange(s.startsAt, s.endsAt, timeZone)}`,
            canAskLeave:
              leaveOpen({ status: s.phase === "cancelled" ? "cancelled" : "scheduled", endsAt: s.endsAt }, now) &&
              s.recorded !== "present" &&
              s.recorded !== "late" &&
              s.leave !== "pending" &&
              s.leave !== "approved",
          })),
        },
      ];
    }),
    leaves: leaves.map(presentLeave(timeZone, language)),
  };
}
