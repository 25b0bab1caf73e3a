import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppHeader } from "~/components/app-header.tsx";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { homePathFor } from "~/modules/accounts/roles.ts";
import { academyName, getAcademySettings } from "~/modules/academy/academy.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";

// The trainee portal: phone-first. Staff-side accounts without a trainee role go to /admin.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!user.roles.includes("trainee")) throw redirect(homePathFor(user.roles));
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  return { userName: user.name, academyName: academyName(academy, language) };
}

export default function PortalLayout() {
  const { t } = useTranslation();
  const { userName, academyName } = useLoaderData<typeof loader>();
  const title = academyName || t("app.name");
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `flex min-h-11 items-center whitespace-nowrap rounded-lg px-3 font-medium ${isActive ? "bg-brand-50 text-brand-700" : "hover:bg-black/5"}`;
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader title={title} homeHref="/" userName={userName}>
        <nav aria-label={t("programme.portalNavigation")} className="flex min-w-0 flex-wrap items-center gap-1 text-sm">
          <NavLink to="/" end className={linkClass}>
            {t("programme.navToday")}
          </NavLink>
          <NavLink to="/timetable" className={linkClass}>
            {t("programme.navTimetable")}
          </NavLink>
          <NavLink to="/attendance" className={linkClass}>
            {t("attendance.mine.nav")}
          </NavLink>
          <NavLink to="/calendar" className={linkClass}>
            {t("programme.navCalendar")}
          </NavLink>
        </nav>
      </AppHeader>
      <main className="mx-auto w-full max-w-2xl flex-1 px-4 py-4">
        <Outlet />
      </main>
    </div>
  );
}
