// The attendance grid as an .xlsx: one row per trainee with their status at
// every session, their counts and rate, then a row of per-session rates; the
// cohort's rule for excused sessions is written above the table.
import type { Language } from "~/utils/i18n.ts";
import { getFixedT } from "~/utils/i18n.server.ts";
import { formatShortDate, formatTime, localDate } from "~/utils/time.ts";
import { newWorkbook, safeCell, styleHeaderRow, toBuffer } from "~/utils/workbook.server.ts";
import type { AttendanceGrid } from "./grid.server.ts";

const HEADER_ROW = 3;

export async function writeGridWorkbook(
  cohort: { title: string },
  grid: AttendanceGrid,
  timeZone: string,
  language: Language,
): Promise<Buffer> {
  const t = getFixedT(language);
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(t("attendance.grid.sheetName"), {
    views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  const title = sheet.addRow([safeCell(t("attendance.grid.exportHeading", { cohort: cohort.title }))]);
  title.font = { bold: true, size: 14 };
  sheet.addRow([t(grid.excusedLeaveDenominator ? "attendance.rule.excusedOut" : "attendance.rule.excusedIn")]);
  const sessionHeads = grid.sessions.map(
    (s) => `${formatShortDate(localDate(s.startsAt, timeZone), language)} ${formatTime(s.startsAt, timeZone)}`,
  );
  const countHeads = (["present", "late", "excused", "absent"] as const).map((k) => t(`attendance.status.${k}`));
  sheet.addRow([t("attendance.grid.name"), t("attendance.grid.company"), ...sessionHeads, ...countHeads, t("attendance.rate.label")]);
  styleHeaderRow(sheet, HEADER_ROW);
  const rate = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
  for (const row of grid.rows) {
    const line = sheet.addRow([
      safeCell(row.name),
      safeCell(row.company),
      ...row.cells.map((cell) => (cell === "before_joining" ? t("attendance.symbol.before_joining") : cell ? t(`attendance.status.${cell}`) : null)),
      row.standing.present,
      row.standing.late,
      row.standing.excused,
      row.standing.absent,
      rate(row.standing.rate),
    ]);
    line.getCell(line.cellCount).numFmt = "0.0%";
  }
  const footer = sheet.addRow([t("attendance.grid.sessionRate"), null, ...grid.sessions.map((s) => rate(s.standing.rate)), null, null, null, null, rate(grid.cohort.rate)]);
  footer.font = { bold: true };
  footer.eachCell((cell) => {
    if (typeof cell.value === "number") cell.numFmt = "0.0%";
  });
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = 28;
  for (let i = 0; i < grid.sessions.length; i++) sheet.getColumn(3 + i).width = 11;
  return toBuffer(workbook);
}
