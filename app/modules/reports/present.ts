// How report figures are written: numbers, rates, periods, the sentences
// ready to paste into a summary, and the links from a figure to its rows.
// Shared by the page, the print view and the workbook.
import type { TFunction } from "i18next";
import type { Language } from "~/utils/i18n.ts";
import { formatDate } from "~/utils/time.ts";
import { rangeQuery } from "./range.ts";
import type { BreakdownKind, ListFigure, ListFilter, Report, ReportRange } from "./report.ts";

export function formatNumber(value: number, language: Language): string {
  return value.toLocaleString(language === "en" ? "en-GB" : "zh-CN", { maximumFractionDigits: 2 });
}

export function formatRate(rate: number | null, language: Language): string {
  if (rate === null) return "—";
  return (rate * 100).toLocaleString(language === "en" ? "en-GB" : "zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + "%";
}

/** "2026年度" for a whole calendar year, else "2026年3月1日至2026年5月31日". */
export function formatPeriod(range: ReportRange, t: TFunction, language: Language): string {
  const year = range.from.slice(0, 4);
  if (range.from === `${year}-01-01` && range.to === `${year}-12-31`) return t("reports.sentences.periodYear", { year });
  return t("reports.sentences.periodRange", { from: formatDate(range.from, language), to: formatDate(range.to, language) });
}

/** One sentence per headline figure, in the order a work summary gives them. */
export function reportSentences(report: Report, t: TFunction, language: Language): string[] {
  const n = (value: number) => formatNumber(value, language);
  const tracks = report.hours.byTrack
    .map((row) => t("reports.sentences.trackPart", { track: t(`tracks.${row.track}`), hours: n(row.scheduledHours) }))
    .join(t("reports.sentences.separator"));
  const tripsTotal = report.trips.reduce((sum, trip) => sum + trip.personTimes.total, 0);
  return [
    t("reports.sentences.cohorts", { period: formatPeriod(report.range, t, language), n: n(report.cohortsHeld) }),
    t("reports.sentences.sessions", {
      total: n(report.sessionsHeld),
      lecture: n(report.sessionsByKind.lecture),
      workshop: n(report.sessionsByKind.workshop),
      site_visit: n(report.sessionsByKind.site_visit),
      exchange: n(report.sessionsByKind.exchange),
    }),
    t("reports.sentences.personTimes", { total: n(report.personTimes.total), trainees: n(report.personTimes.trainees), guests: n(report.personTimes.guests) }),
    t("reports.sentences.people", { total: n(report.people.total), trainees: n(report.people.trainees) }),
    t("reports.sentences.hours", { scheduled: n(report.hours.scheduledHours), credit: n(report.hours.creditHours), tracks }),
    report.attendance.rate === null
      ? t("reports.sentences.attendanceNone")
      : t("reports.sentences.attendance", { rate: formatRate(report.attendance.rate, language) }),
    t("reports.sentences.certificates", { n: n(report.certificatesIssued) }),
    t("reports.sentences.trips", { n: n(report.trips.length), total: n(tripsTotal) }),
  ];
}

/** The filter a breakdown row stands for in its lists. */
export function rowFilter(kind: BreakdownKind, key: string): ListFilter {
  switch (kind) {
    case "cohort":
      return { cohortId: key };
    case "organiser":
      return { organisationId: key };
    case "level":
      return { level: key };
    case "district":
      return { district: key };
    case "industry":
      return { industry: key };
    case "track":
      return { track: key };
    case "month":
      return { month: key };
  }
}

export const filterKeys = ["cohortId", "organisationId", "level", "district", "industry", "track", "month", "kind", "who"] as const;

export function listHref(figure: ListFigure, range: ReportRange, filter: ListFilter = {}): string {
  const params = new URLSearchParams(rangeQuery(range));
  params.set("figure", figure);
  for (const key of filterKeys) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return `/admin/reports/list?${params}`;
}

/** How a row is named on the page: its own label, or the translation of its key. */
export function rowLabel(kind: BreakdownKind, row: { key: string; label: string | null }, t: TFunction, language: Language): string {
  if (row.label !== null) return row.label;
  if (kind === "track") return t(`tracks.${row.key}`);
  if (kind === "level") return t(`organisationLevels.${row.key}`);
  if (kind === "month") {
    const [y, m] = row.key.split("-").map(Number) as [number, number];
    return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(language === "en" ? "en-GB" : "zh-CN", { year: "numeric", month: "long", timeZone: "UTC" });
  }
  return t("reports.breakdowns.notGiven");
}
