import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SessionCardData } from "./session-card.tsx";
import { TrackBadge } from "~/modules/academy/track-badge.tsx";

export type WeekDay = { date: string; label: string; isToday: boolean; sessions: SessionCardData[] };
export type WeekData = { weekStart: string; label: string; previous: string; next: string; thisWeek: string; days: WeekDay[] };

/** Previous / this / next week links; `?week=` keeps the rest of the address. */
export function WeekNavigation({ week }: { week: WeekData }) {
  const { t } = useTranslation();
  const link = "flex min-h-11 shrink-0 items-center rounded-lg px-2 hover:bg-black/5";
  return (
    <nav className="flex w-full flex-wrap items-center gap-x-1 sm:w-auto" aria-label={t("programme.weekNavigation")}>
      <div className="flex w-full items-center justify-between gap-1 sm:w-auto">
        <Link to={`?week=${week.previous}`} className={link} rel="prev" aria-label={t("programme.previousWeek")}>
          ←<span className="max-sm:sr-only">&nbsp;{t("programme.previousWeek")}</span>
        </Link>
        <span className="px-2 text-center font-semibold tabular-nums" aria-live="polite">
          {week.label}
        </span>
        <Link to={`?week=${week.next}`} className={link} rel="next" aria-label={t("programme.nextWeek")}>
          <span className="max-sm:sr-only">{t("programme.nextWeek")}&nbsp;</span>→
        </Link>
      </div>
      {week.weekStart !== week.thisWeek ? (
        <Link to={`?week=${week.thisWeek}`} className={`${link} text-brand-700`}>
          {t("programme.thisWeek")}
        </Link>
      ) : null}
    </nav>
  );
}

/** A week as seven days side by side on wide screens and one under another on a phone; empty days fold away on a phone. */
export function WeekGrid({ week, sessionHref }: { week: WeekData; sessionHref: (sessionId: string) => string }) {
  const { t } = useTranslation();
  return (
    <ol className="grid gap-2 lg:grid-cols-7">
      {week.days.map((day) => (
        <li
          key={day.date}
          className={`flex flex-col gap-2 rounded-xl border p-2 ${day.isToday ? "border-brand-700" : "border-line"} ${day.sessions.length ? "" : "max-lg:hidden"}`}
          data-testid="week-day"
        >
          <h3 className={`text-sm font-semibold ${day.isToday ? "text-brand-700" : "text-muted"}`}>{day.label}</h3>
          {day.sessions.map((session) => (
            <Link
              key={session.id}
              to={sessionHref(session.id)}
              className={`flex flex-col gap-1 rounded-lg bg-surface p-2 text-sm shadow-sm ring-1 ring-line hover:ring-brand-700 ${session.cancelled ? "opacity-70" : ""}`}
              data-testid="week-session"
            >
              <span className="font-semibold tabular-nums">{session.time}</span>
              <span className={`font-medium leading-snug ${session.cancelled ? "line-through" : ""}`}>{session.title}</span>
              <span className="flex flex-wrap gap-1">
                <TrackBadge track={session.track} />
                {session.kind !== "lecture" ? (
                  <span className="rounded-full bg-canvas px-2 py-0.5 text-xs text-muted ring-1 ring-line">{t(`sessionKinds.${session.kind}`)}</span>
                ) : null}
                {session.cancelled ? <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">{t("portal.cancelled")}</span> : null}
                {session.changed ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("programme.changed")}</span> : null}
              </span>
              {session.venueName ? <span className="text-muted">{session.venueName}</span> : null}
              {session.lecturers.length ? <span className="text-muted">{session.lecturers.map((l) => l.name).join(t("common.listSeparator"))}</span> : null}
            </Link>
          ))}
        </li>
      ))}
      {week.days.every((day) => !day.sessions.length) ? (
        <li className="rounded-xl border border-dashed border-line p-4 text-muted lg:col-span-7">{t("programme.emptyWeek")}</li>
      ) : null}
    </ol>
  );
}
