// The attendance part of the staff session page: where the session stands and
// the way to roll call, the printable sign-in sheet and entering it afterwards.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button.tsx";
import type { SessionCount } from "./standing.server.ts";

export function SessionAttendanceLinks({
  cohortId,
  sessionId,
  counts,
  canMark,
}: {
  cohortId: string;
  sessionId: string;
  counts: SessionCount | null;
  canMark: boolean;
}) {
  const { t } = useTranslation();
  const base = `/admin/cohorts/${cohortId}/sessions/${sessionId}`;
  return (
    <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading" className="text-lg font-semibold">
        {t("attendance.links.title")}
      </h2>
      {counts ? (
        <p className="text-sm tabular-nums" data-testid="session-attendance-counts">
          {t("attendance.links.counts", counts)}
          {counts.guests ? ` · ${t("attendance.links.guests", { count: counts.guests })}` : null}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {canMark ? (
          <>
            <Link to={`${base}/roll-call`} className={buttonClass("primary")}>
              {t("attendance.links.rollCall")}
            </Link>
            <a href={`${base}/sign-in-sheet`} className={buttonClass("secondary")}>
              {t("attendance.links.sheet")}
            </a>
            <Link to={`${base}/paper-entry`} className={buttonClass("secondary")}>
              {t("attendance.links.paperEntry")}
            </Link>
          </>
        ) : null}
        <Link to={`/admin/cohorts/${cohortId}/attendance`} className={buttonClass("ghost")}>
          {t("attendance.links.grid")}
        </Link>
      </div>
    </section>
  );
}
