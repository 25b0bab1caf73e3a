// The report as an .xlsx in the layout of a Chinese work summary: on each
// sheet a title row, the period and the units, a shaded header, the rows and
// a total row; every text cell neutralised so a copy cannot run a formula.
// The summary sheet comes first (what a CSV export of the file shows), with
// the sentences ready to paste beneath it.
import type ExcelJS from "exceljs";
import { getFixedT } from "~/utils/i18n.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatDateRange, formatDateTime } from "~/utils/time.ts";
import { newWorkbook, safeCell, styleHeaderRow, toBuffer } from "~/utils/workbook.server.ts";
import { reportSentences, rowLabel } from "./present.ts";
import { breakdownKinds, type Breakdown, type Report } from "./report.ts";

const PERCENT = "0.0%";
const rate = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

export async function writeReportWorkbook(report: Report, academyName: string, language: Language): Promise<Buffer> {
  const t = getFixedT(language);
  const workbook = newWorkbook();
  const period = formatDateRange(report.range.from, report.range.to, language);
  const heading = (sheet: ExcelJS.Worksheet, title: string, columns: number) => {
    const row = sheet.addRow([safeCell(`${t("reports.printTitle", { academy: academyName })} · ${title}`)]);
    row.font = { bold: true, size: 14 };
    sheet.mergeCells(row.number, 1, row.number, columns);
    sheet.addRow([safeCell(t("reports.workbook.unitNote", { range: period, at: formatDateTime(new Date(report.countedAt), report.timeZone, language) }))]);
    sheet.addRow([]);
  };

  const summary = workbook.addWorksheet(t("reports.workbook.sheetSummary"), { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  heading(summary, t("reports.figures.heading"), 3);
  summary.addRow([t("reports.workbook.figure"), t("reports.workbook.value"), t("reports.workbook.unit")]);
  styleHeaderRow(summary, summary.rowCount);
  const figure = (label: string, value: number | null, unit: string, numFmt?: string) => {
    const row = summary.addRow([safeCell(label), value, safeCell(unit)]);
    if (numFmt) row.getCell(2).numFmt = numFmt;
  };
  const sessionsUnit = t("reports.figures.sessionsUnit");
  const personTimesUnit = t("reports.figures.personTimesUnit");
  const hoursUnit = t("reports.figures.hoursUnit");
  figure(t("reports.figures.cohortsHeld"), report.cohortsHeld, t("reports.figures.cohortsUnit"));
  figure(t("reports.figures.sessionsHeld"), report.sessionsHeld, sessionsUnit);
  for (const [kind, count] of Object.entries(report.sessionsByKind)) figure(`  ${t(`sessionKinds.${kind}`)}`, count, sessionsUnit);
  figure(t("reports.figures.personTimes"), report.personTimes.total, personTimesUnit);
  figure(`  ${t("reports.figures.traineePersonTimes")}`, report.personTimes.trainees, personTimesUnit);
  figure(`  ${t("reports.figures.guestPersonTimes")}`, report.personTimes.guests, personTimesUnit);
  figure(t("reports.figures.people"), report.people.total, t("reports.figures.peopleUnit"));
  figure(`${t("reports.figures.hours")} · ${t("reports.figures.scheduledHours")}`, report.hours.scheduledHours, hoursUnit);
  for (const row of report.hours.byTrack) figure(`  ${t(`tracks.${row.track}`)}`, row.scheduledHours, hoursUnit);
  figure(t("reports.figures.creditHours"), report.hours.creditHours, hoursUnit);
  figure(t("reports.figures.attendanceRate"), rate(report.attendance.rate), "%", PERCENT);
  figure(t("reports.figures.certificates"), report.certificatesIssued, t("reports.figures.certificatesUnit"));
  figure(t("reports.figures.trips"), report.trips.length, sessionsUnit);
  summary.addRow([]);
  summary.addRow([safeCell(t("reports.figures.ruleNote", { out: report.attendance.cohortsExcusedOut, in: report.attendance.cohortsExcusedIn }))]);
  summary.addRow([safeCell(t("reports.figures.hoursNote"))]);
  summary.addRow([]);
  summary.addRow([t("reports.sentences.heading")]).font = { bold: true };
  for (const sentence of reportSentences(report, t, language)) summary.addRow([safeCell(sentence)]);
  summary.getColumn(1).width = 34;
  summary.getColumn(2).width = 14;
  summary.getColumn(3).width = 10;

  for (const kind of breakdownKinds) writeBreakdown(workbook, report.breakdowns[kind], t, language, heading);

  const trips = workbook.addWorksheet(t("reports.workbook.trips"), { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  heading(trips, t("reports.workbook.trips"), 7);
  trips.addRow([
    t("reports.workbook.date"),
    t("reports.list.columns.module"),
    t("reports.list.columns.cohort"),
    t("reports.workbook.venue"),
    t("reports.breakdowns.columns.trainees"),
    t("reports.breakdowns.columns.guests"),
    t("reports.breakdowns.columns.personTimes"),
  ]);
  styleHeaderRow(trips, trips.rowCount);
  for (const trip of report.trips) {
    trips.addRow([trip.date, safeCell(trip.moduleTitle), safeCell(trip.cohortTitle), safeCell(trip.venue), trip.personTimes.trainees, trip.personTimes.guests, trip.personTimes.total]);
  }
  const tripTotals = trips.addRow([
    t("reports.breakdowns.total"),
    null,
    null,
    null,
    ...(["trainees", "guests", "total"] as const).map((k) => report.trips.reduce((sum, trip) => sum + trip.personTimes[k], 0)),
  ]);
  tripTotals.font = { bold: true };
  [12, 30, 30, 20, 12, 12, 12].forEach((width, i) => (trips.getColumn(i + 1).width = width));
  return toBuffer(workbook);
}

function writeBreakdown(
  workbook: ExcelJS.Workbook,
  breakdown: Breakdown,
  t: ReturnType<typeof getFixedT>,
  language: Language,
  heading: (sheet: ExcelJS.Worksheet, title: string, columns: number) => void,
) {
  const title = t(`reports.breakdowns.kinds.${breakdown.kind}`);
  const profile = breakdown.kind === "district" || breakdown.kind === "industry";
  const sheet = workbook.addWorksheet(title.slice(0, 31), { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const c = (key: string) => t(`reports.breakdowns.columns.${key}`);
  const columns = profile
    ? [title, c("trainees"), c("people"), c("rate")]
    : [title, c("sessions"), c("trainees"), c("guests"), c("personTimes"), c("scheduledHours"), c("creditHours"), c("rate"), ...(breakdown.kind === "cohort" ? [c("rule")] : [])];
  heading(sheet, title, columns.length);
  if (breakdown.overlapping) sheet.addRow([safeCell(t("reports.breakdowns.overlapping"))]);
  if (profile) sheet.addRow([safeCell(t("reports.breakdowns.profileNote"))]);
  sheet.addRow(columns);
  styleHeaderRow(sheet, sheet.rowCount);
  const rateColumn = columns.length - (breakdown.kind === "cohort" ? 1 : 0);
  for (const row of breakdown.rows) {
    const label = rowLabel(breakdown.kind, row, t, language) + (row.detail && breakdown.kind === "cohort" ? ` (${row.detail})` : "");
    const values = profile
      ? [safeCell(label), row.personTimes.trainees, row.trainees ?? 0, rate(row.attendance.rate)]
      : [
          safeCell(label),
          row.sessions ?? 0,
          row.personTimes.trainees,
          row.personTimes.guests,
          row.personTimes.total,
          row.hours?.scheduledHours ?? 0,
          row.hours?.creditHours ?? 0,
          rate(row.attendance.rate),
          ...(breakdown.kind === "cohort" ? [t(row.excusedLeaveDenominator ? "reports.breakdowns.ruleOut" : "reports.breakdowns.ruleIn")] : []),
        ];
    sheet.addRow(values).getCell(rateColumn).numFmt = PERCENT;
  }
  // Rows that overlap (one class, several organisers) do not add up: no total row for them.
  if (!breakdown.overlapping) {
    const sum = (pick: (row: Breakdown["rows"][number]) => number) => breakdown.rows.reduce((total, row) => total + pick(row), 0);
    const attended = sum((row) => row.attendance.attended);
    const counted = sum((row) => row.attendance.counted);
    const totalRate = counted === 0 ? null : rate(attended / counted);
    const totals = profile
      ? [t("reports.breakdowns.total"), sum((r) => r.personTimes.trainees), sum((r) => r.trainees ?? 0), totalRate]
      : [
          t("reports.breakdowns.total"),
          sum((r) => r.sessions ?? 0),
          sum((r) => r.personTimes.trainees),
          sum((r) => r.personTimes.guests),
          sum((r) => r.personTimes.total),
          Math.round(sum((r) => r.hours?.scheduledHours ?? 0) * 100) / 100,
          breakdown.kind === "cohort" || breakdown.kind === "track" ? Math.round(sum((r) => r.hours?.creditHours ?? 0) * 100) / 100 : null,
          totalRate,
        ];
    const line = sheet.addRow(totals);
    line.font = { bold: true };
    line.getCell(rateColumn).numFmt = PERCENT;
  }
  sheet.getColumn(1).width = 36;
  for (let i = 2; i <= columns.length; i++) sheet.getColumn(i).width = 14;
}
