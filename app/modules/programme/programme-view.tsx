import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrackBalance } from "~/modules/cohorts/cohort-card.tsx";
import type { ProgrammeView } from "./programme.server.ts";
import { trackBarClass } from "~/modules/academy/track-badge.tsx";

/**
 * A cohort's programme by track: the balance across the three tracks on top,
 * then each track's modules with hours, lecturers and sessions. Staff get
 * links to each module, trainees to each session.
 */
export function ProgrammeByTrack({
  programme,
  moduleHref,
  sessionHref,
}: {
  programme: ProgrammeView;
  moduleHref?: (moduleId: string) => string;
  sessionHref?: (sessionId: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="balance-heading" className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-4">
        <h2 id="balance-heading" className="font-semibold">
          {t("programme.balance", { hours: t("common.hours", { count: programme.totalHours }) })}
        </h2>
        {programme.totalHours ? <TrackBalance hoursByTrack={programme.hoursByTrack} /> : <p className="text-sm text-muted">{t("programme.empty")}</p>}
      </section>
      {programme.tracks.map((track) => (
        <section key={track.key} aria-labelledby={`track-${track.key}`} className="flex flex-col gap-2" data-testid={`track-${track.key}`}>
          <h2 id={`track-${track.key}`} className="flex items-center gap-2 text-lg font-semibold">
            <span className={`inline-block size-3 rounded-full ${trackBarClass[track.key]}`} aria-hidden />
            {t(`tracks.${track.key}`)}
            <span className="text-sm font-normal text-muted">
              {t("programme.trackSummary", { count: track.modules.length, hours: t("common.hours", { count: track.hours }) })}
            </span>
          </h2>
          {track.modules.length ? (
            <ul className="flex flex-col gap-2">
              {track.modules.map((module) => (
                <li key={module.id} className="flex flex-col gap-1 rounded-xl border border-line bg-surface p-3" data-testid="programme-module">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <h3 className="font-semibold">
                      {moduleHref ? (
                        <Link to={moduleHref(module.id)} className="text-brand-700 underline-offset-4 hover:underline">
                          {module.title}
                        </Link>
                      ) : (
                        module.title
                      )}
                    </h3>
                    <span className="text-sm tabular-nums text-muted">{t("common.hours", { count: module.creditHours })}</span>
                  </div>
                  {module.lecturers.length ? (
                    <p className="text-sm text-muted">
                      {t("portal.lecturer")}: {module.lecturers.join(t("common.listSeparator"))}
                    </p>
                  ) : null}
                  {module.sessions.length ? (
                    <ul className="flex flex-col text-sm">
                      {module.sessions.map((session) => (
                        <li key={session.id} className={session.cancelled ? "text-muted line-through" : ""}>
                          {sessionHref && !session.cancelled ? (
                            <Link to={sessionHref(session.id)} className="inline-flex min-h-9 items-center underline-offset-4 hover:underline">
                              {session.day} {session.time}
                            </Link>
                          ) : (
                            <span className="inline-flex min-h-9 items-center">
                              {session.day} {session.time}
                            </span>
                          )}
                          {session.cancelled ? <span className="ml-2 no-underline">{t("portal.cancelled")}</span> : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-sm text-muted">{t("programme.notScheduled")}</p>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="rounded-xl border border-dashed border-line p-3 text-sm text-muted">{t("programme.noModulesInTrack")}</p>
          )}
        </section>
      ))}
    </div>
  );
}
