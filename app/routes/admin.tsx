import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppHeader } from "~/components/app-header.tsx";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { can, canInCohorts, forbidden } from "~/modules/accounts/authorization.server.ts";
import { isViewerOnly } from "~/modules/accounts/organisation-viewers.server.ts";
import { VIEWER_HOME } from "~/modules/accounts/roles.ts";
import { academyName, getAcademySettings } from "~/modules/academy/academy.server.ts";
import { db } from "~/utils/db.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";

// The staff area: desktop first, usable on a phone. Organisation viewers get a minimal version of it:
// the reports and their cohorts' read-only rosters, whose own routes admit them; every other page refuses them.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const viewer = isViewerOnly(user);
  if (!canInCohorts(user, "read:cohort") && !viewer) forbidden();
  const [academy, language, lecturer] = await Promise.all([
    getAcademySettings(),
    getLanguage(request),
    db.lecturer.findUnique({ where: { personId: user.id }, select: { id: true } }),
  ]);
  return {
    userName: user.name,
    academyName: academyName(academy, language),
    homeHref: viewer ? VIEWER_HOME : "/admin",
    viewer,
    nav: {
      people: canInCohorts(user, "read:person"),
      audit: can(user, "read:audit", "any"),
      faculty: canInCohorts(user, "read:curriculum"),
      teaching: lecturer !== null,
      settings: can(user, "update:cohort", "any"),
      leave: canInCohorts(user, "update:leave"),
      reports: canInCohorts(user, "read:report"),
    },
  };
}

export default function AdminLayout() {
  const { t } = useTranslation();
  const { userName, academyName, nav, viewer, homeHref } = useLoaderData<typeof loader>();
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `flex min-h-11 items-center whitespace-nowrap rounded-lg px-3 font-medium ${isActive ? "bg-brand-50 text-brand-700" : "hover:bg-black/5"}`;
  const title = `${academyName || t("app.name")} · ${t("admin.area")}`;
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader title={title} homeHref={homeHref} accountHref="/admin/account" userName={userName}>
        {viewer ? (
          <nav aria-label={t("admin.navigation")} className="flex min-w-0 flex-wrap items-center gap-1 text-sm">
            <NavLink to={VIEWER_HOME} end className={linkClass}>
              {t("reports.nav")}
            </NavLink>
            <NavLink to="/admin/reports/cohorts" className={linkClass}>
              {t("viewerArea.nav.rosters")}
            </NavLink>
          </nav>
        ) : (
        <nav aria-label={t("admin.navigation")} className="flex min-w-0 flex-wrap items-center gap-1 text-sm">
          <NavLink to="/admin" end className={linkClass}>
            {t("admin.cohorts")}
          </NavLink>
          {nav.teaching ? (
            <NavLink to="/admin/teaching" className={linkClass}>
              {t("programme.navTeaching")}
            </NavLink>
          ) : null}
          {nav.faculty ? (
            <>
              <NavLink to="/admin/lecturers" className={linkClass}>
                {t("programme.navLecturers")}
              </NavLink>
              <NavLink to="/admin/venues" className={linkClass}>
                {t("programme.navVenues")}
              </NavLink>
            </>
          ) : null}
          {nav.leave ? (
            <NavLink to="/admin/leave" className={linkClass}>
              {t("attendance.leave.title")}
            </NavLink>
          ) : null}
          {nav.reports ? (
            <NavLink to="/admin/reports" className={linkClass}>
              {t("reports.nav")}
            </NavLink>
          ) : null}
          {nav.people ? (
            <NavLink to="/admin/people" className={linkClass}>
              {t("admin.people")}
            </NavLink>
          ) : null}
          {nav.audit ? (
            <NavLink to="/admin/audit" className={linkClass}>
              {t("admin.audit")}
            </NavLink>
          ) : null}
          {nav.settings ? (
            <>
              <NavLink to="/admin/organisations" className={linkClass}>
                {t("organisations.nav")}
              </NavLink>
              <NavLink to="/admin/api-tokens" className={linkClass}>
                {t("reportTokens.nav")}
              </NavLink>
              <NavLink to="/admin/settings" className={linkClass}>
                {t("programme.navSettings")}
              </NavLink>
            </>
          ) : null}
        </nav>
        )}
      </AppHeader>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
