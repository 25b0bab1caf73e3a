import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppHeader } from "~/components/app-header.tsx";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { homePathFor } from "~/modules/accounts/roles.ts";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";

// The trainee portal: phone-first. Staff-side accounts without a trainee role go to /admin.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!user.roles.includes("trainee")) throw redirect(homePathFor(user.roles));
  const academy = await getAcademySettings();
  return { userName: user.name, academyName: academy.name, academyNameEn: academy.nameEn };
}

export default function PortalLayout() {
  const { t, i18n } = useTranslation();
  const { userName, academyName, academyNameEn } = useLoaderData<typeof loader>();
  const title = (i18n.language === "en" ? academyNameEn : academyName) || t("app.name");
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader title={title} homeHref="/" userName={userName} />
      <main className="mx-auto w-full max-w-2xl flex-1 px-4 py-4">
        <Outlet />
      </main>
    </div>
  );
}
