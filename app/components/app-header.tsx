import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PreferenceControls } from "./preference-controls.tsx";

/**
 * Who and where on top; navigation and the language / elder-mode switches
 * below, wrapping onto another line rather than off the screen, so that at
 * 360 px, in English and in elder mode, every control stays in view at its
 * full label and touch size. Sticky only where there is room for it.
 */
export function AppHeader({
  title,
  homeHref,
  userName,
  accountHref = homeHref === "/" ? "/account" : `${homeHref}/account`,
  children,
}: {
  title: string;
  homeHref: string;
  userName: string;
  accountHref?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <header className="z-10 border-b border-line bg-surface/95 backdrop-blur sm:sticky sm:top-0" data-testid="app-header">
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-3 pt-1">
        <Link to={homeHref} className="mr-auto flex min-h-11 min-w-0 items-center font-bold text-brand-700">
          <span className="truncate">{title}</span>
        </Link>
        <Link
          to={accountHref}
          className="flex min-h-11 max-w-[40%] shrink-0 items-center rounded-lg px-2 text-sm text-muted hover:bg-black/5 sm:max-w-48"
          data-testid="current-user"
        >
          <span className="truncate">{userName}</span>
        </Link>
        <Form method="post" action="/logout" className="shrink-0">
          <button type="submit" className="min-h-11 whitespace-nowrap rounded-lg px-2 text-sm font-medium hover:bg-black/5">
            {t("nav.signOut")}
          </button>
        </Form>
      </div>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-1 px-3 pb-1">
        {children}
        <PreferenceControls className="ml-auto" />
      </div>
    </header>
  );
}
