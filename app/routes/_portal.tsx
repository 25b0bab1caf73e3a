import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
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
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader title={title} homeHref="/" userName={userName} />
      <main className="mx-auto w-full max-w-2xl flex-1 px-4 py-4">
        <Outlet />
      </main>
    </div>
  );
}
