// A leave request as pages show it: dates in the academy's time zone.
import type { Language } from "~/utils/i18n.ts";
import { formatDateTime, formatDay, formatTimeRange } from "~/utils/time.ts";
import type { LeaveView } from "./leave.server.ts";

export function presentLeave(timeZone: string, language: Language) {
  return (leave: LeaveView) => ({
    id: leave.id,
    status: leave.status,
    reason: leave.reason,
    decisionNote: leave.decisionNote,
    decidedByName: leave.decidedByName,
    recorded: leave.recorded,
    createdAt: formatDateTime(leave.createdAt, timeZone, language),
    decidedAt: leave.decidedAt ? formatDateTime(leave.decidedAt, timeZone, language) : null,
    session: {
      id: leave.session.id,
      moduleTitle: leave.session.moduleTitle,
      when: `${formatDay(leave.session.startsAt, timeZone, language)} ${formatTimeRange(leave.session.startsAt, leave.session.endsAt, timeZone)}`,
    },
    person: leave.person,
    cohort: leave.cohort,
  });
}

export type LeaveCardData = ReturnType<ReturnType<typeof presentLeave>>;
