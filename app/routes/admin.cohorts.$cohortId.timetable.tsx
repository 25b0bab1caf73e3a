import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { canInCohorts, requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { defaultCohortWeek, getCohortWeek, parseWeek, weekData } from "~/modules/timetable/timetable.server.ts";
import { WeekGrid, WeekNavigation } from "~/modules/timetable/week-view.tsx";
import { getLanguage } from "~/utils/i18n.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:curriculum");
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  const tz = academy.timeZone;
  const now = new Date();
  const weekStart = parseWeek(new URL(request.url).searchParams.get("week")) ?? (await defaultCohortWeek(cohortId, now, tz));
  const sessions = await getCohortWeek(cohortId, weekStart, tz);
  return {
    cohortId,
    week: weekData(weekStart, sessions, now, tz, language),
    canEdit: canInCohorts(user, "update:curriculum"),
  };
}

export default function CohortTimetable() {
  const { t } = useTranslation();
  const { cohortId, week, canEdit } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <WeekNavigation week={week} />
        <div className="flex flex-wrap gap-2">
          {/* A file, not a page: a plain link, so the browser downloads it. */}
          <a href={`/admin/cohorts/${cohortId}/timetable.xlsx`} className={buttonClass("secondary")} download>
            {t("programme.download")}
          </a>
          {canEdit ? (
            <Link to={`/admin/cohorts/${cohortId}/sessions/new`} className={buttonClass("secondary")}>
              {t("programme.addSession")}
            </Link>
          ) : null}
        </div>
      </div>
      <WeekGrid week={week} sessionHref={(id) => `/admin/cohorts/${cohortId}/sessions/${id}`} />
    </div>
  );
}
