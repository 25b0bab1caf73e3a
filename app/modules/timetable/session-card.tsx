import { Link } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { StatusPill, type Tone } from "~/components/ui/status-pill.tsx";
import type { SessionKind, TrackKey } from "~/modules/academy/tracks.ts";
import { TrackBadge } from "~/modules/academy/track-badge.tsx";
import type { SessionState } from "./session-state.ts";

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
  state: SessionState;
};

const stateTone: Record<SessionState, Tone> = { upcoming: "info", in_progress: "success", ended: "neutral", cancelled: "danger" };

/**
 * `status` (the reader's own attendance, say) stands beside the session's state.
 * With `href`, the whole card is one link to the session's page (trainees:
 * /sessions/:id), named by its title, time and state. `children` (a form, say)
 * sit inside the card's frame but outside the link, so nothing interactive nests in it.
 */
export function SessionCard({
  session,
  showDay,
  href,
  status,
  children,
}: {
  session: SessionCardData;
  showDay: boolean;
  href?: string;
  status?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const body = (
    <>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold tabular-nums" id={`${id}-time`}>
          {showDay ? `${session.day} ` : ""}
          {session.time}
        </span>
        <TrackBadge track={session.track} />
        <span className="rounded-full bg-canvas px-2 py-0.5 text-xs text-muted ring-1 ring-line">{t(`sessionKinds.${session.kind}`)}</span>
        {session.changed ? (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("programme.changed")}</span>
        ) : null}
      </div>
      <h3 className={`text-lg font-semibold leading-snug ${session.cancelled ? "line-through" : ""}`} id={`${id}-title`}>
        {session.title}
      </h3>
      <p className="flex flex-wrap items-center gap-2 text-sm" id={`${id}-state`} data-testid="session-state">
        <StatusPill tone={stateTone[session.state]}>{t(`attendanceViews.sessionState.${session.state}`)}</StatusPill>
        {status}
      </p>
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
    </>
  );
  const inner = "flex flex-col gap-2 p-4";
  return (
    <article
      className={`overflow-hidden rounded-xl border bg-surface shadow-sm ${session.state === "in_progress" ? "border-emerald-700" : "border-line"} ${session.cancelled ? "opacity-70" : ""}`}
      data-testid="session-card"
      data-state={session.state}
    >
      {href ? (
        <Link to={href} className={`${inner} hover:bg-canvas`} aria-labelledby={`${id}-title ${id}-time ${id}-state`}>
          {body}
        </Link>
      ) : (
        <div className={inner}>{body}</div>
      )}
      {children ? <div className="border-t border-line px-4 py-3">{children}</div> : null}
    </article>
  );
}
