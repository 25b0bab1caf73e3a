import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SessionKind, TrackKey } from "~/modules/academy/tracks.ts";
import { TrackBadge } from "~/modules/academy/track-badge.tsx";

/** A session as the portal shows it: times already formatted in the academy's zone. */
export type SessionCardData = {
  id: string;
  day: string;
  /** The local date, YYYY-MM-DD, for grouping by day. */
  date: string;
  time: string;
  title: string;
  track: TrackKey;
  kind: SessionKind;
  cancelled: boolean;
  changed: boolean;
  venueName: string | null;
  venueAddress: string | null;
  lecturers: { name: string; title: string | null }[];
  notes: string | null;
};

/** `href` makes the title a link to the session's page (trainees: /sessions/:id). */
export function SessionCard({ session, showDay, href }: { session: SessionCardData; showDay: boolean; href?: string }) {
  const { t } = useTranslation();
  return (
    <article
      className={`flex flex-col gap-2 rounded-xl border border-line bg-surface p-4 shadow-sm ${session.cancelled ? "opacity-70" : ""}`}
      data-testid="session-card"
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold tabular-nums">
          {showDay ? `${session.day} ` : ""}
          {session.time}
        </span>
        <TrackBadge track={session.track} />
        <span className="rounded-full bg-canvas px-2 py-0.5 text-xs text-muted ring-1 ring-line">
          {t(`sessionKinds.${session.kind}`)}
        </span>
        {session.cancelled ? (
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">
            {t("portal.cancelled")}
          </span>
        ) : null}
        {session.changed ? (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("programme.changed")}</span>
        ) : null}
      </div>
      <h3 className={`text-lg font-semibold leading-snug ${session.cancelled ? "line-through" : ""}`}>
        {href ? (
          <Link to={href} className="underline-offset-4 hover:underline">
            {session.title}
          </Link>
        ) : (
          session.title
        )}
      </h3>
      {session.lecturers.length ? (
        <p className="text-sm text-muted">
          {t("portal.lecturer")}: {session.lecturers.map((l) => (l.title ? `${l.name} · ${l.title}` : l.name)).join(t("common.listSeparator"))}
        </p>
      ) : null}
      {session.venueName ? (
        <p className="text-sm">
          <span className="text-muted">{t("portal.venue")}: </span>
          {session.venueName}
          {session.venueAddress ? <span className="block text-muted">{session.venueAddress}</span> : null}
        </p>
      ) : null}
      {session.notes ? <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{session.notes}</p> : null}
    </article>
  );
}
