import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PreferenceControls } from "./preference-controls.tsx";

export function AppHeader({ title, homeHref, userName, children }: { title: string; homeHref: string; userName: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="sticky top-0 z-10 border-b border-line bg-surface/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5">
        <Link to={homeHref} className="mr-auto flex min-h-11 items-center font-bold text-brand-700">
          {title}
        </Link>
        {children}
        <PreferenceControls />
        <Form method="post" action="/logout" className="flex items-center gap-2">
          <span className="hidden text-sm text-muted sm:inline" data-testid="current-user">
            {userName}
          </span>
          <button type="submit" className="min-h-11 rounded-lg px-3 text-sm font-medium hover:bg-black/5">
            {t("nav.signOut")}
          </button>
        </Form>
      </div>
    </header>
  );
}
