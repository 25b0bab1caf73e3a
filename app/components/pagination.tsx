import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "./ui/button.tsx";

/** Previous / next links that keep the page's other search parameters (filters). */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  if (pages <= 1) return null;
  const pageLink = (to: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(to));
    return `?${next}`;
  };
  return (
    <nav className="flex items-center justify-center gap-3" aria-label={t("people.pagination")}>
      {page > 1 ? (
        <Link to={pageLink(page - 1)} className={buttonClass("secondary")}>
          {t("people.previous")}
        </Link>
      ) : null}
      <span className="text-sm text-muted">{t("people.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={pageLink(page + 1)} className={buttonClass("secondary")}>
          {t("people.next")}
        </Link>
      ) : null}
    </nav>
  );
}
