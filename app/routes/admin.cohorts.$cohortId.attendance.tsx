import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { AttendanceGridTable } from "~/modules/attendance/attendance-grid.tsx";
import { presentGrid } from "~/modules/attendance/grid-view.server.ts";
import { cohortGrid } from "~/modules/attendance/grid.server.ts";
import { RateRule, RateText, StatusLegend } from "~/modules/attendance/status-mark.tsx";
import { getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction = () => [];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  await requireCohortPermission(request, cohortId, "read:attendance");
  const [academy, language, grid] = await Promise.all([getAcademySettings(), getLanguage(request), cohortGrid({ cohortId, now: new Date() })]);
  return { grid: presentGrid(grid, academy.timeZone, language) };
}

export default function CohortAttendance() {
  const { t } = useTranslation();
  const { grid } = useLoaderData<typeof loader>();
  const { cohortId } = useParams();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-xl font-semibold">{t("attendance.grid.title")}</h2>
        <a href={`/admin/cohorts/${cohortId}/attendance.xlsx`} className={buttonClass("secondary")} download>
          {t("attendance.grid.export")}
        </a>
      </div>
      <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-4" aria-labelledby="rates-heading">
        <h3 id="rates-heading" className="font-semibold">
          {t("attendance.grid.rates")}
        </h3>
        <RateRule excusedLeaveDenominator={grid.excusedLeaveDenominator} />
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="text-muted">{t("attendance.grid.cohortRate")}</dt>
          <dd data-testid="cohort-rate">
            <RateText {...grid.cohort} /> <span className="text-sm text-muted">{t("attendance.grid.counts", grid.cohort)}</span>
          </dd>
          {grid.tracks.map((track) => (
            <div key={track.trackKey} className="contents">
              <dt className="text-muted">{t(`tracks.${track.trackKey}`)}</dt>
              <dd>
                <RateText {...track.standing} />
              </dd>
            </div>
          ))}
        </dl>
        <details>
          <summary className="cursor-pointer font-medium">{t("attendance.grid.byModule")}</summary>
          <ul className="mt-2 flex flex-col gap-1">
            {grid.modules.map((m) => (
              <li key={m.id} className="flex flex-wrap justify-between gap-2">
                <span>
                  {m.title} <span className="text-sm text-muted">{t(`tracks.${m.trackKey}`)}</span>
                </span>
                <RateText {...m.standing} />
              </li>
            ))}
          </ul>
        </details>
      </section>
      <StatusLegend />
      {grid.rows.length === 0 || grid.sessions.length === 0 ? (
        <p className="text-muted">{t("attendance.grid.empty")}</p>
      ) : (
        <AttendanceGridTable grid={grid} cohortId={cohortId ?? ""} />
      )}
    </div>
  );
}
