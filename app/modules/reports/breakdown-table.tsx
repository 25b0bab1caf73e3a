// One breakdown as a table: a row per cohort, organiser, district… with its
// person-times, hours and rate, each number linking to the rows it counts.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/utils/i18n.ts";
import { formatNumber, formatRate, listHref, rowFilter, rowLabel } from "./present.ts";
import type { Breakdown, ReportRange } from "./report.ts";

export function BreakdownTable({
  breakdown,
  range,
  links = true,
}: {
  breakdown: Breakdown;
  range: ReportRange;
  links?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const n = (value: number) => formatNumber(value, language);
  const kind = breakdown.kind;
  const profile = kind === "district" || kind === "industry";
  const number = (value: number, href: string) =>
    links ? (
      <Link to={href} className="text-brand-700 hover:underline">
        {n(value)}
      </Link>
    ) : (
      n(value)
    );
  const cell = "py-2 pr-3 text-right tabular-nums whitespace-nowrap";
  return (
    <div className="flex flex-col gap-2">
      {breakdown.overlapping ? <p className="text-sm text-muted">{t("reports.breakdowns.overlapping")}</p> : null}
      {profile ? <p className="text-sm text-muted">{t("reports.breakdowns.profileNote")}</p> : null}
      {breakdown.rows.length === 0 ? (
        <p className="text-muted">{t("reports.breakdowns.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t(`reports.breakdowns.kinds.${kind}`)}</caption>
            <thead>
              <tr className="border-b border-line align-bottom">
                <th scope="col" className="min-w-[9em] py-2 pr-3">
                  {t(`reports.breakdowns.kinds.${kind}`)}
                </th>
                {profile ? null : (
                  <th scope="col" className={cell}>
                    {t("reports.breakdowns.columns.sessions")}
                  </th>
                )}
                <th scope="col" className={cell}>
                  {t("reports.breakdowns.columns.trainees")}
                </th>
                {profile ? (
                  <th scope="col" className={cell}>
                    {t("reports.breakdowns.columns.people")}
                  </th>
                ) : (
                  <>
                    <th scope="col" className={cell}>
                      {t("reports.breakdowns.columns.guests")}
                    </th>
                    <th scope="col" className={cell}>
                      {t("reports.breakdowns.columns.personTimes")}
                    </th>
                    <th scope="col" className={cell}>
                      {t("reports.breakdowns.columns.scheduledHours")}
                    </th>
                    <th scope="col" className={cell}>
                      {t("reports.breakdowns.columns.creditHours")}
                    </th>
                  </>
                )}
                <th scope="col" className={cell}>
                  {t("reports.breakdowns.columns.rate")}
                </th>
                {kind === "cohort" ? (
                  <th scope="col" className="py-2">
                    {t("reports.breakdowns.columns.rule")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {breakdown.rows.map((row) => {
                const filter = rowFilter(kind, row.key);
                return (
                  <tr key={row.key} className="border-b border-line">
                    <th scope="row" className="min-w-[9em] py-2 pr-3 font-medium">
                      {rowLabel(kind, row, t, language)}
                      {row.detail ? (
                        <span className="block text-xs font-normal text-muted">
                          {kind === "organiser" ? t(`organisationLevels.${row.detail}`) : row.detail}
                        </span>
                      ) : null}
                    </th>
                    {profile ? null : (
                      <td className={cell}>{number(row.sessions ?? 0, listHref("sessions", range, filter))}</td>
                    )}
                    <td className={cell}>
                      {number(row.personTimes.trainees, listHref("personTimes", range, { ...filter, who: "trainees" }))}
                    </td>
                    {profile ? (
                      <td className={cell}>{number(row.trainees ?? 0, listHref("people", range, filter))}</td>
                    ) : (
                      <>
                        <td className={cell}>
                          {number(row.personTimes.guests, listHref("personTimes", range, { ...filter, who: "guests" }))}
                        </td>
                        <td className={`${cell} font-semibold`}>
                          {number(row.personTimes.total, listHref("personTimes", range, filter))}
                        </td>
                        <td className={cell}>{n(row.hours?.scheduledHours ?? 0)}</td>
                        <td className={cell}>{n(row.hours?.creditHours ?? 0)}</td>
                      </>
                    )}
                    <td className={cell}>{formatRate(row.attendance.rate, language)}</td>
                    {kind === "cohort" ? (
                      <td className="py-2 text-muted">
                        {t(row.excusedLeaveDenominator ? "reports.breakdowns.ruleOut" : "reports.breakdowns.ruleIn")}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
