import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import { canInCohorts, requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { cohortStatusTone } from "~/modules/cohorts/cohort-status.tsx";
import { db } from "~/utils/db.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { formatDateRange } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.cohort.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:cohort");
  const [cohort, language] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { id: true, title: true, code: true, status: true, startDate: true, endDate: true } }),
    getLanguage(request),
  ]);
  return {
    cohort: { ...cohort, dates: formatDateRange(cohort.startDate, cohort.endDate, language) },
    canManageRoster: canInCohorts(user, "update:enrollment"),
    canReadCurriculum: canInCohorts(user, "read:curriculum"),
    canReadAttendance: canInCohorts(user, "read:attendance"),
    canReadCertificates: canInCohorts(user, "read:certificate"),
  };
}

export default function CohortLayout() {
  const { t } = useTranslation();
  const { cohort, canManageRoster, canReadCurriculum, canReadAttendance, canReadCertificates } = useLoaderData<typeof loader>();
  const tab = ({ isActive }: { isActive: boolean }) =>
    `flex min-h-11 items-center whitespace-nowrap border-b-2 px-3 font-medium ${isActive ? "border-brand-700 text-brand-700" : "border-transparent text-muted hover:text-ink"}`;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Link to="/admin" className="text-sm text-muted hover:underline">
          ← {t("admin.cohortsTitle")}
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold">{cohort.title}</h1>
          <StatusPill tone={cohortStatusTone[cohort.status] ?? "neutral"}>{t(`cohortStatus.${cohort.status}`)}</StatusPill>
        </div>
        <p className="text-sm text-muted">
          {cohort.code} · {cohort.dates}
        </p>
      </div>
      <nav className="flex overflow-x-auto border-b border-line" aria-label={t("cohort.tabs")}>
        <NavLink to="." end className={tab}>
          {t("cohort.overview")}
        </NavLink>
        {canReadCurriculum ? (
          <>
            <NavLink to="programme" className={tab}>
              {t("programme.tabProgramme")}
            </NavLink>
            <NavLink to="timetable" className={tab}>
              {t("programme.tabTimetable")}
            </NavLink>
          </>
        ) : null}
        <NavLink to="roster" className={tab}>
          {t("cohort.roster")}
        </NavLink>
        {canReadAttendance ? (
          <NavLink to="attendance" className={tab}>
            {t("attendance.grid.title")}
          </NavLink>
        ) : null}
        {canReadCertificates ? (
          <NavLink to="certificates" className={tab}>
            {t("certificates.admin.title")}
          </NavLink>
        ) : null}
        {canManageRoster ? (
          <NavLink to="import" className={tab}>
            {t("cohort.import")}
          </NavLink>
        ) : null}
        {canReadCurriculum ? (
          <NavLink to="calendar" className={tab}>
            {t("programme.tabCalendar")}
          </NavLink>
        ) : null}
      </nav>
      <Outlet />
    </div>
  );
}
