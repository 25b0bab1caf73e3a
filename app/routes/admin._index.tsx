import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can, canInCohorts, cohortScope, requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { isViewerOnly } from "~/modules/accounts/organisation-viewers.server.ts";
import { VIEWER_HOME } from "~/modules/accounts/roles.ts";
import { StaffDaySessions } from "~/modules/attendance/staff-day.tsx";
import { getStaffDay } from "~/modules/attendance/staff-day.server.ts";
import { cohortStatuses } from "~/modules/cohorts/cohorts.ts";
import { listCohorts } from "~/modules/cohorts/cohorts.server.ts";
import { getLanguage, getFixedT } from "~/utils/i18n.server.ts";
import { db } from "~/utils/db.server.ts";
import { formatDateRange, formatDay } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // An organisation viewer's home in the admin area is the reports.
  const viewer = await getCurrentUser(request);
  if (viewer && isViewerOnly(viewer)) throw redirect(VIEWER_HOME);
  const user = await requireStaffPermission(request, "read:cohort");
  const [language, academy] = await Promise.all([getLanguage(request), getAcademySettings()]);
  const status = cohortStatuses.find((s) => s === new URL(request.url).searchParams.get("status"));
  const now = new Date();
  const [cohorts, day, lecturer] = await Promise.all([
    listCohorts(cohortScope(user, "read:cohort"), status),
    getStaffDay({ user, now, timeZone: academy.timeZone }),
    db.lecturer.findUnique({ where: { personId: user.id }, select: { id: true } }),
  ]);
  const reviewsApplications = canInCohorts(user, "update:enrollment");
  return {
    title: getFixedT(language)("attendanceViews.day.title"),
    today: formatDay(now, academy.timeZone, language),
    day,
    teaches: lecturer !== null,
    // The cohort list's "to review" column, for the cohorts that have any.
    applications: reviewsApplications ? cohorts.filter((c) => c.applied > 0).map((c) => ({ id: c.id, title: c.title, count: c.applied })) : [],
    canCreate: can(user, "create:cohort", "any"),
    cohorts: cohorts.map((c) => ({ ...c, dates: formatDateRange(c.startDate, c.endDate, language) })),
  };
}

const statusClass: Record<string, string> = {
  draft: "bg-gray-100 text-gray-700",
  enrolling: "bg-blue-50 text-blue-800",
  running: "bg-emerald-50 text-emerald-800",
  completed: "bg-amber-50 text-amber-900",
  archived: "bg-gray-100 text-gray-500",
};

export default function AdminCohorts() {
  const { t } = useTranslation();
  const { cohorts, canCreate, today, day, teaches, applications } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const current = params.get("status") ?? "";
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("attendanceViews.day.heading", { date: today })}</h1>
      <section aria-labelledby="day-sessions-heading" className="flex flex-col gap-3">
        <h2 id="day-sessions-heading" className="text-lg font-semibold">
          {t("attendanceViews.day.sessions")}
        </h2>
        <StaffDaySessions sessions={day.sessions} />
        {teaches ? (
          <Link to="/admin/teaching" className="self-start text-brand-700 underline-offset-2 hover:underline">
            {t("attendanceViews.day.allTeaching")} →
          </Link>
        ) : null}
      </section>
      {day.pendingLeave !== null || applications.length ? (
        <section aria-labelledby="day-waiting-heading" className="flex flex-col gap-2">
          <h2 id="day-waiting-heading" className="text-lg font-semibold">
            {t("attendanceViews.day.waiting")}
          </h2>
          <ul className="flex flex-col gap-1" data-testid="day-waiting">
            {day.pendingLeave !== null ? (
              <li>
                {day.pendingLeave > 0 ? (
                  <Link to="/admin/leave" className="flex min-h-11 items-center font-medium text-brand-700 underline-offset-2 hover:underline">
                    {t("attendanceViews.day.leaveWaiting", { count: day.pendingLeave })}
                  </Link>
                ) : (
                  <span className="flex min-h-11 items-center text-muted">{t("attendanceViews.day.noLeaveWaiting")}</span>
                )}
              </li>
            ) : null}
            {applications.map((cohort) => (
              <li key={cohort.id} className="flex min-h-11 flex-wrap items-center gap-x-2">
                <span>{cohort.title}</span>
                <Link to={`/admin/cohorts/${cohort.id}/roster?status=applied`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {t("attendanceViews.day.applicationsWaiting", { count: cohort.count })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="mr-auto text-xl font-bold">{t("admin.cohortsTitle")}</h2>
        {canCreate ? (
          <Link to="/admin/cohorts/new" className={buttonClass("primary")}>
            {t("cohort.newTitle")}
          </Link>
        ) : null}
      </div>
      <nav className="flex flex-wrap gap-1" aria-label={t("cohort.statusFilter")}>
        {["", ...cohortStatuses].map((status) => (
          <Link
            key={status || "current"}
            to={status ? `?status=${status}` : "?"}
            className={`flex min-h-11 items-center rounded-lg px-3 text-sm ${current === status ? "bg-brand-50 font-semibold text-brand-700" : "hover:bg-black/5"}`}
          >
            {status ? t(`cohortStatus.${status}`) : t("cohort.current")}
          </Link>
        ))}
      </nav>
      {cohorts.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line p-6 text-muted">{t("admin.noCohorts")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-line bg-surface">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="bg-canvas text-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">{t("admin.columns.cohort")}</th>
                <th scope="col" className="px-4 py-3 font-medium">{t("admin.columns.status")}</th>
                <th scope="col" className="px-4 py-3 font-medium">{t("admin.columns.dates")}</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">{t("admin.columns.enrolled")}</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">{t("admin.columns.waitlisted")}</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">{t("admin.columns.applied")}</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">{t("admin.columns.modules")}</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((cohort) => (
                <tr key={cohort.id} className="border-t border-line" data-testid="cohort-row">
                  <th scope="row" className="px-4 py-3 font-medium">
                    <Link to={`/admin/cohorts/${cohort.id}`} className="block text-brand-700 underline-offset-2 hover:underline">
                      {cohort.title}
                    </Link>
                    <span className="block text-xs font-normal text-muted">
                      {cohort.code}
                      {cohort.venueName ? ` · ${cohort.venueName}` : ""}
                    </span>
                  </th>
                  <td className="px-4 py-3">
                    <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${statusClass[cohort.status] ?? ""}`}>
                      {t(`cohortStatus.${cohort.status}`)}
                    </span>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">{cohort.dates}</td>
                  <td className="px-4 py-3 text-right tabular-nums">
                    {t("admin.enrolledOfCapacity", { enrolled: cohort.enrolled, capacity: cohort.capacity })}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{cohort.waitlisted}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{cohort.applied}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{cohort.moduleCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
