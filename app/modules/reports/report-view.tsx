// The report's headline figures, charts and sentences, as the page and the
// print view show them. Every number links to the rows it counts.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { sessionKinds } from "~/modules/academy/tracks.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatShortDate } from "~/utils/time.ts";
import { BarChart } from "./charts.tsx";
import { formatNumber, formatRate, listHref, reportSentences, rowLabel } from "./present.ts";
import type { Report } from "./report.ts";

function Figure({
  label,
  value,
  unit,
  href,
  children,
}: {
  label: string;
  value: string;
  unit?: string;
  href: string;
  children?: ReactNode;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1 rounded-xl border border-line bg-surface p-4 break-inside-avoid">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="flex flex-col gap-1">
        <span>
          <Link to={href} className="text-3xl font-bold tabular-nums text-brand-700 hover:underline">
            {value}
          </Link>
          {unit ? <span className="ml-1 text-muted">{unit}</span> : null}
        </span>
        {children}
      </dd>
    </div>
  );
}

export function HeadlineFigures({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const n = (value: number) => formatNumber(value, language);
  const range = report.range;
  return (
    <section aria-labelledby="figures-heading" className="flex flex-col gap-3">
      <h2 id="figures-heading" className="text-lg font-semibold">
        {t("reports.figures.heading")}
      </h2>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure
          label={t("reports.figures.cohortsHeld")}
          value={n(report.cohortsHeld)}
          unit={t("reports.figures.cohortsUnit")}
          href={listHref("cohorts", range)}
        />
        <Figure
          label={t("reports.figures.sessionsHeld")}
          value={n(report.sessionsHeld)}
          unit={t("reports.figures.sessionsUnit")}
          href={listHref("sessions", range)}
        >
          <ul className="flex flex-wrap gap-x-3 text-sm">
            {sessionKinds.map((kind) => (
              <li key={kind}>
                {t(`sessionKinds.${kind}`)}{" "}
                <Link
                  to={listHref("sessions", range, { kind })}
                  className="font-semibold tabular-nums text-brand-700 hover:underline"
                >
                  {n(report.sessionsByKind[kind])}
                </Link>
              </li>
            ))}
          </ul>
        </Figure>
        <Figure
          label={t("reports.figures.personTimes")}
          value={n(report.personTimes.total)}
          unit={t("reports.figures.personTimesUnit")}
          href={listHref("personTimes", range)}
        >
          <p className="flex flex-wrap gap-x-3 text-sm">
            <span>
              {t("reports.figures.traineePersonTimes")}{" "}
              <Link
                to={listHref("personTimes", range, { who: "trainees" })}
                className="font-semibold tabular-nums text-brand-700 hover:underline"
              >
                {n(report.personTimes.trainees)}
              </Link>
            </span>
            <span>
              {t("reports.figures.guestPersonTimes")}{" "}
              <Link
                to={listHref("personTimes", range, { who: "guests" })}
                className="font-semibold tabular-nums text-brand-700 hover:underline"
              >
                {n(report.personTimes.guests)}
              </Link>
            </span>
          </p>
        </Figure>
        <Figure
          label={t("reports.figures.people")}
          value={n(report.people.total)}
          unit={t("reports.figures.peopleUnit")}
          href={listHref("people", range)}
        >
          <p className="text-sm">
            {t("reports.figures.traineePersonTimes")} {n(report.people.trainees)} ·{" "}
            {t("reports.figures.guestPersonTimes")} {n(report.people.guests)}
          </p>
        </Figure>
        <Figure
          label={`${t("reports.figures.hours")} · ${t("reports.figures.scheduledHours")}`}
          value={n(report.hours.scheduledHours)}
          unit={t("reports.figures.hoursUnit")}
          href={listHref("sessions", range)}
        >
          <p className="text-sm">
            {t("reports.figures.creditHours")} {n(report.hours.creditHours)}
          </p>
        </Figure>
        <Figure
          label={t("reports.figures.attendanceRate")}
          value={formatRate(report.attendance.rate, language)}
          href={listHref("sessions", range)}
        >
          <p className="text-sm">
            {t("reports.figures.attendanceDetail", {
              attended: n(report.attendance.attended),
              counted: n(report.attendance.counted),
            })}
          </p>
          <p className="text-sm text-muted">
            {t("reports.figures.ruleNote", {
              out: report.attendance.cohortsExcusedOut,
              in: report.attendance.cohortsExcusedIn,
            })}
          </p>
        </Figure>
        <Figure
          label={t("reports.figures.certificates")}
          value={n(report.certificatesIssued)}
          unit={t("reports.figures.certificatesUnit")}
          href={listHref("certificates", range)}
        />
        <Figure
          label={t("reports.figures.trips")}
          value={n(report.trips.length)}
          unit={t("reports.figures.sessionsUnit")}
          href={listHref("sessions", range, { kind: "site_visit" })}
        >
          <p className="text-sm">
            {t("reports.figures.personTimes")} {n(report.trips.reduce((sum, trip) => sum + trip.personTimes.total, 0))}
          </p>
        </Figure>
      </dl>
      <p className="text-sm text-muted">{t("reports.figures.hoursNote")}</p>
      <p className="text-sm text-muted">{t("reports.figures.definitions")}</p>
    </section>
  );
}

export function TripsTable({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <section aria-labelledby="trips-heading" className="flex flex-col gap-2 break-inside-avoid">
      <h2 id="trips-heading" className="text-lg font-semibold">
        {t("reports.figures.trips")}
      </h2>
      {report.trips.length === 0 ? (
        <p className="text-muted">{t("reports.figures.tripsEmpty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-line">
                <th className="py-2 pr-3">{t("reports.workbook.date")}</th>
                <th className="min-w-[8em] py-2 pr-3">{t("reports.list.columns.module")}</th>
                <th className="min-w-[8em] py-2 pr-3">{t("reports.list.columns.cohort")}</th>
                <th className="py-2 pr-3 text-right">{t("reports.breakdowns.columns.trainees")}</th>
                <th className="py-2 pr-3 text-right">{t("reports.breakdowns.columns.guests")}</th>
                <th className="py-2 text-right">{t("reports.breakdowns.columns.personTimes")}</th>
              </tr>
            </thead>
            <tbody>
              {report.trips.map((trip) => (
                <tr key={trip.sessionId} className="border-b border-line">
                  <td className="py-2 pr-3 whitespace-nowrap">{formatShortDate(trip.date, language)}</td>
                  <td className="py-2 pr-3">
                    {trip.moduleTitle}
                    {trip.venue ? <span className="block text-muted">{trip.venue}</span> : null}
                  </td>
                  <td className="py-2 pr-3">{trip.cohortTitle}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{trip.personTimes.trainees}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{trip.personTimes.guests}</td>
                  <td className="py-2 text-right font-semibold tabular-nums">{trip.personTimes.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const trackColors: Record<string, string> = {
  policy: "var(--color-track-policy)",
  technology: "var(--color-track-technology)",
  management: "var(--color-track-management)",
};

export function ReportCharts({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const n = (value: number) => formatNumber(value, language);
  return (
    <section aria-labelledby="charts-heading" className="flex flex-col gap-3">
      <h2 id="charts-heading" className="text-lg font-semibold">
        {t("reports.charts.heading")}
      </h2>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-3">
        <BarChart
          id="chart-months"
          title={t("reports.charts.personTimesByMonth")}
          bars={report.breakdowns.month.rows.map((row) => ({
            label: rowLabel("month", row, t, language),
            value: row.personTimes.total,
            display: n(row.personTimes.total),
          }))}
        />
        <BarChart
          id="chart-tracks"
          title={t("reports.charts.hoursByTrack")}
          bars={report.hours.byTrack.map((row) => ({
            label: t(`tracks.${row.track}`),
            value: row.scheduledHours,
            display: n(row.scheduledHours),
            color: trackColors[row.track],
          }))}
        />
        <BarChart
          id="chart-rates"
          title={t("reports.charts.rateByCohort")}
          max={1}
          bars={report.breakdowns.cohort.rows.map((row) => ({
            label: row.label ?? row.key,
            value: row.attendance.rate ?? 0,
            display: formatRate(row.attendance.rate, language),
          }))}
        />
      </div>
    </section>
  );
}

export function ReportSentences({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const sentences = reportSentences(report, t, i18n.language as Language);
  return (
    <section aria-labelledby="sentences-heading" className="flex flex-col gap-2 break-inside-avoid">
      <h2 id="sentences-heading" className="text-lg font-semibold">
        {t("reports.sentences.heading")}
      </h2>
      <p className="text-sm text-muted">{t("reports.sentences.hint")}</p>
      <ol className="flex list-decimal flex-col gap-1 rounded-xl border border-line bg-surface p-4 pl-8 select-all">
        {sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ol>
    </section>
  );
}
