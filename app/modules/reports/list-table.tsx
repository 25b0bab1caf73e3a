// A figure's rows as a table, with what it is narrowed to and paging links.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/utils/i18n.ts";
import { formatDateRange, formatDateTime } from "~/utils/time.ts";
import { formatNumber, listHref, rowLabel } from "./present.ts";
import type { ListFigure, ListFilter, ReportList, ReportRange } from "./report.ts";

export function ListTable({
  figure,
  filter,
  list,
  names,
  range,
  timeZone,
}: {
  figure: ListFigure;
  filter: ListFilter;
  list: ReportList;
  names: { cohort?: string | null; organisation?: string | null };
  range: ReportRange;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const described = [
    filter.cohortId ? (names.cohort ?? filter.cohortId) : null,
    filter.organisationId ? (names.organisation ?? filter.organisationId) : null,
    filter.level ? t(`organisationLevels.${filter.level}`) : null,
    filter.district
      ? rowLabel(
          "district",
          { key: filter.district, label: filter.district === "-" ? null : filter.district },
          t,
          language,
        )
      : null,
    filter.industry
      ? rowLabel(
          "industry",
          { key: filter.industry, label: filter.industry === "-" ? null : filter.industry },
          t,
          language,
        )
      : null,
    filter.track ? t(`tracks.${filter.track}`) : null,
    filter.month ? rowLabel("month", { key: filter.month, label: null }, t, language) : null,
    filter.kind ? t(`sessionKinds.${filter.kind}`) : null,
    filter.who
      ? t(filter.who === "guests" ? "reports.figures.guestPersonTimes" : "reports.figures.traineePersonTimes")
      : null,
  ].filter(Boolean);
  const when = (at: string | null) => (at ? formatDateTime(new Date(at), timeZone, language) : "");
  const th = "min-w-[6em] py-2 pr-3";
  const num = "py-2 pr-3 text-right tabular-nums";
  const columns: Record<ListFigure, string[]> = {
    cohorts: ["code", "cohort", "sessions"],
    sessions: ["date", "cohort", "module", "kind", "track", "hours", "creditHours", "trainees", "guests"],
    personTimes: ["date", "cohort", "module", "name", "company", "status"],
    people: ["name", "company", "personTimes"],
    certificates: ["serial", "date", "name", "cohort"],
  };
  const numeric = new Set(["sessions", "hours", "creditHours", "trainees", "guests", "personTimes"]);
  const value = (row: ReportList["rows"][number], column: string) => {
    switch (column) {
      case "code":
        return row.cohortCode;
      case "cohort":
        return row.cohortTitle;
      case "sessions":
      case "personTimes":
        return formatNumber(row.count ?? 0, language);
      case "date":
        return when(row.at);
      case "module":
        return row.moduleTitle;
      case "kind":
        return row.kind ? t(`sessionKinds.${row.kind}`) : "";
      case "track":
        return row.track ? t(`tracks.${row.track}`) : "";
      case "hours":
        return formatNumber(row.hours ?? 0, language);
      case "creditHours":
        return formatNumber(row.creditHours ?? 0, language);
      case "trainees":
        return formatNumber(row.trainees ?? 0, language);
      case "guests":
        return formatNumber(row.guests ?? 0, language);
      case "name":
        return row.guest ? `${row.name ?? ""}（${t("reports.list.guest")}）` : row.name;
      case "company":
        return row.company;
      case "status":
        return row.status ? t(`attendance.status.${row.status}`) : "";
      case "serial":
        return row.id;
      default:
        return "";
    }
  };
  const pageHref = (page: number) => `${listHref(figure, range, filter)}&page=${page}`;
  return (
    <section className="flex flex-col gap-3" aria-labelledby="list-heading">
      <h1 id="list-heading" className="text-2xl font-bold">
        {t("reports.list.title", { figure: t(`reports.list.figures.${figure}`) })}
      </h1>
      <p className="text-muted">{formatDateRange(range.from, range.to, language)}</p>
      {described.length ? (
        <p>{t("reports.list.filtered", { filter: described.join(t("common.listSeparator")) })}</p>
      ) : null}
      <p aria-live="polite">
        {t("reports.list.count", { count: list.total })} ·{" "}
        {t("reports.list.page", { page: list.page, pages: list.pages })}
      </p>
      {list.rows.length === 0 ? (
        <p className="text-muted">{t("reports.list.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-line">
                {columns[figure].map((column) => (
                  <th key={column} scope="col" className={numeric.has(column) ? num : th}>
                    {t(`reports.list.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id} className="border-b border-line">
                  {columns[figure].map((column) => (
                    <td key={column} className={numeric.has(column) ? num : th}>
                      {value(row, column)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex gap-3" aria-label={t("reports.list.page", { page: list.page, pages: list.pages })}>
        {list.page > 1 ? (
          <Link to={pageHref(list.page - 1)} className="min-h-11 content-center text-brand-700 hover:underline">
            ← {t("reports.list.previous")}
          </Link>
        ) : null}
        {list.page < list.pages ? (
          <Link to={pageHref(list.page + 1)} className="min-h-11 content-center text-brand-700 hover:underline">
            {t("reports.list.next")} →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
