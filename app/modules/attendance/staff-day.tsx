import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button.tsx";
import { StatusPill, type Tone } from "~/components/ui/status-pill.tsx";
import { TrackBadge } from "~/modules/academy/track-badge.tsx";
import type { SessionPhase } from "./rules.ts";
import type { DaySession } from "./staff-day.server.ts";

const phaseTone: Record<SessionPhase, Tone> = { upcoming: "info", open: "success", held: "neutral", cancelled: "danger" };

/** Today's sessions, each with its check-in count and the way to the projector screen and the roll call. */
export function StaffDaySessions({ sessions }: { sessions: DaySession[] }) {
  const { t } = useTranslation();
  if (!sessions.length) return <p className="rounded-xl border border-dashed border-line p-4 text-muted">{t("attendanceViews.day.noSessions")}</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="day-sessions">
      {sessions.map((session) => {
        const base = `/admin/cohorts/${session.cohortId}/sessions/${session.id}`;
        return (
          <li key={session.id} className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-4 sm:flex-row sm:items-center sm:gap-4" data-testid="day-session">
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-semibold tabular-nums">{session.time}</span>
                <TrackBadge track={session.track} />
                <StatusPill tone={phaseTone[session.phase]}>{t(`attendanceViews.day.phase.${session.phase}`)}</StatusPill>
                {session.teaching ? <StatusPill tone="warning">{t("attendanceViews.day.teaching")}</StatusPill> : null}
              </div>
              <h3 className="font-semibold leading-snug">
                {session.mayOpen ? (
                  <Link to={base} className="text-brand-700 underline-offset-2 hover:underline">
                    {session.moduleTitle}
                  </Link>
                ) : (
                  session.moduleTitle
                )}
              </h3>
              <p className="text-sm text-muted">
                {session.cohortTitle}
                {session.venueName ? ` · ${session.venueName}` : ""}
              </p>
            </div>
            <p className="text-lg font-semibold tabular-nums" data-testid="day-session-count">
              {t("attendanceViews.day.checkedIn", { checkedIn: session.checkedIn, expected: session.expected })}
            </p>
            {session.mayRunCheckIn ? (
              <div className="flex flex-wrap gap-2">
                <Link to={`${base}/check-in`} className={buttonClass("primary")}>
                  {t("attendanceViews.day.checkInScreen")}
                </Link>
                <Link to={`${base}/roll-call`} className={buttonClass("secondary")}>
                  {t("attendanceViews.day.rollCall")}
                </Link>
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
