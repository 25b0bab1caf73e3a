import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TaughtSession } from "~/modules/faculty/lecturers.ts";
import { TrackBadge } from "~/modules/academy/track-badge.tsx";

/**
 * Sessions a lecturer teaches, each linking to the session's page in its cohort
 * when the reader may open that cohort (`linkableCohortIds`; all when absent).
 */
export function TaughtSessionList({
  sessions,
  showDay,
  emptyText,
  linkableCohortIds,
}: {
  sessions: TaughtSession[];
  showDay: boolean;
  emptyText?: string;
  linkableCohortIds?: readonly string[];
}) {
  const { t } = useTranslation();
  if (!sessions.length) return emptyText ? <p className="text-sm text-muted">{emptyText}</p> : null;
  return (
    <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface" data-testid="taught-sessions">
      {sessions.map((session) => (
        <li key={session.id}>
          <Row
            to={!linkableCohortIds || linkableCohortIds.includes(session.cohortId) ? `/admin/cohorts/${session.cohortId}/sessions/${session.id}` : null}
            className={`flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-start sm:gap-4 ${session.cancelled ? "opacity-70" : ""}`}
          >
            <span className={`shrink-0 font-semibold tabular-nums ${showDay ? "sm:w-40" : "sm:w-28"}`}>
              {showDay ? <span className="block text-sm font-normal text-muted">{session.day}</span> : null}
              {session.time}
            </span>
            <span className="flex min-w-0 flex-1 flex-col gap-1">
              <span className="flex flex-wrap items-center gap-2">
                <span className={`font-medium ${session.cancelled ? "line-through" : ""}`}>{session.moduleTitle}</span>
                <TrackBadge track={session.track} />
                <span className="rounded-full bg-canvas px-2 py-0.5 text-xs text-muted ring-1 ring-line">{t(`sessionKinds.${session.kind}`)}</span>
                {session.cancelled ? (
                  <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">{t("portal.cancelled")}</span>
                ) : null}
              </span>
              <span className="text-sm text-muted">
                {session.cohortTitle}
                {session.venueName ? ` · ${session.venueName}` : ""}
              </span>
            </span>
          </Row>
        </li>
      ))}
    </ul>
  );
}

function Row({ to, className, children }: { to: string | null; className: string; children: ReactNode }) {
  return to ? (
    <Link to={to} className={`${className} hover:bg-canvas`}>
      {children}
    </Link>
  ) : (
    <div className={className}>{children}</div>
  );
}
