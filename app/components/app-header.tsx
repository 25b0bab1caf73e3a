import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PreferenceControls } from "./preference-controls.tsx";

/**
 * Two rows that fit a 390-px phone: who and where on top, navigation and the
 * language / elder-mode switches below (scrolling sideways if they must).
 */
export function AppHeader({ title, homeHref, userName, children }: { title: string; homeHref: string; userName: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="sticky top-0 z-10 border-b border-line bg-surface/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-3 pt-1">
        <Link to={homeHref} className="mr-auto flex min-h-11 min-w-0 items-center font-bold text-brand-700">
          <span className="truncate">{title}</span>
        </Link>
        <Link
          to={homeHref === "/" ? "/account" : `${homeHref}/account`}
          className="flex min-h-11 max-w-32 items-center rounded-lg px-2 text-sm text-muted hover:bg-black/5"
          data-testid="current-user"
        >
          <span className="truncate">{userName}</span>
        </Link>
        <Form method="post" action="/logout">
          <button type="submit" className="min-h-11 whitespace-nowrap rounded-lg px-2 text-sm font-medium hover:bg-black/5">
            {t("nav.signOut")}
          </button>
        </Form>
      </div>
      <div className="mx-auto flex max-w-6xl items-center gap-1 overflow-x-auto px-3 pb-1">
        {children}
        <PreferenceControls className="ml-auto shrink-0" />
      </div>
    </header>
  );
}
