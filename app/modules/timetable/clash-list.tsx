// The warning staff see before saving a session that double-books a venue, a
// lecturer or the cohort, or falls outside the cohort's dates.
import { Link } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ClashView, DateWarningView } from "./sessions.ts";

function ClashText({ clash }: { clash: ClashView }) {
  const { t } = useTranslation();
  const values = {
    day: clash.day,
    time: clash.time,
    module: clash.moduleTitle,
    cohort: clash.cohortTitle,
    venue: clash.venueName ?? "",
    lecturer: clash.lecturerName ?? "",
  };
  if (clash.kind === "venue") return <>{t(clash.sameCohort ? "schedule.clash.venueSameCohort" : "schedule.clash.venue", values)}</>;
  if (clash.kind === "lecturer") return <>{t(clash.sameCohort ? "schedule.clash.lecturerSameCohort" : "schedule.clash.lecturer", values)}</>;
  return <>{t("schedule.clash.cohort", values)}</>;
}

export function ClashList({
  clashes,
  warnings,
  cohortId,
  children,
}: {
  clashes: ClashView[];
  warnings: DateWarningView[];
  /** Sessions of this cohort link to their page. */
  cohortId: string;
  /** The buttons: "save anyway" and "change time". */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  // The warning answers a submission made at the bottom of a long form: bring it into view.
  useEffect(() => box.current?.scrollIntoView({ block: "start", behavior: "smooth" }), [clashes, warnings]);
  if (!clashes.length && !warnings.length) return null;
  return (
    <div ref={box} role="alert" className="flex scroll-mt-28 flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="clash-warning">
      <div>
        <h2 className="font-semibold">{clashes.length ? t("schedule.clash.title", { count: clashes.length }) : t("schedule.clash.datesTitle")}</h2>
        <p className="text-sm">{t("schedule.clash.intro")}</p>
      </div>
      <ul className="flex flex-col gap-2">
        {clashes.map((clash, index) => (
          <li key={`${clash.kind}-${clash.sessionId}-${index}`} className="flex flex-col gap-0.5 border-l-4 border-amber-400 pl-3" data-testid="clash">
            <span>
              <ClashText clash={clash} />
            </span>
            {clash.sameCohort ? (
              <Link to={`/admin/cohorts/${cohortId}/sessions/${clash.sessionId}`} className="self-start text-sm underline">
                {t("schedule.clash.open")}
              </Link>
            ) : null}
          </li>
        ))}
        {warnings.map((warning) => (
          <li key={warning.cohortDates} className="flex flex-col gap-0.5 border-l-4 border-amber-400 pl-3" data-testid="date-warning">
            <span>{t("schedule.clash.outsideDates", { dates: warning.cohortDates })}</span>
          </li>
        ))}
      </ul>
      {children ? <div className="flex flex-wrap gap-2">{children}</div> : null}
    </div>
  );
}
