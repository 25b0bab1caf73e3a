import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppHeader } from "~/components/app-header.tsx";
import { requireRole } from "~/modules/accounts/auth-session.server.ts";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";

// The staff area: desktop first, usable on a phone.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin", "staff", "instructor"]);
  const academy = await getAcademySettings();
  return { userName: user.name, roles: user.roles, academyName: academy.name, academyNameEn: academy.nameEn };
}

export default function AdminLayout() {
  const { t, i18n } = useTranslation();
  const { userName, roles, academyName, academyNameEn } = useLoaderData<typeof loader>();
  const title = `${(i18n.language === "en" ? academyNameEn : academyName) || t("app.name")} · ${t("admin.area")}`;
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader title={title} homeHref="/admin" userName={userName}>
        <nav aria-label={t("admin.navigation")} className="flex items-center gap-1 text-sm">
          <NavLink
            to="/admin"
            end
            className={({ isActive }) => `flex min-h-11 items-center rounded-lg px-3 font-medium ${isActive ? "bg-brand-50 text-brand-700" : "hover:bg-black/5"}`}
          >
            {t("admin.cohorts")}
          </NavLink>
        </nav>
        <span className="sr-only">{roles.map((role) => t(`roles.${role}`)).join(t("common.listSeparator"))}</span>
      </AppHeader>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
