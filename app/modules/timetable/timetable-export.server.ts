// A cohort's timetable as an .xlsx to print or send to the class: a title row,
// then one row per session in time order, in the reader's language.
import type { Language } from "~/utils/i18n.ts";
import { getFixedT } from "~/utils/i18n.server.ts";
import { formatDay, formatTimeRange } from "~/utils/time.ts";
import { newWorkbook, safeCell, styleHeaderRow, toBuffer } from "~/utils/workbook.server.ts";
import type { TimetableSession } from "./timetable.server.ts";

const columns = [
  ["day", 16],
  ["time", 13],
  ["track", 12],
  ["module", 30],
  ["kind", 10],
  ["lecturers", 22],
  ["venue", 28],
  ["address", 36],
  ["notes", 40],
  ["status", 10],
] as const;

export async function writeTimetableWorkbook(
  cohort: { title: string; dates: string },
  sessions: readonly TimetableSession[],
  timeZone: string,
  language: Language,
): Promise<Buffer> {
  const t = getFixedT(language);
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(t("programme.export.sheetName"), {
    views: [{ state: "frozen", ySplit: 2 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  sheet.columns = columns.map(([key, width]) => ({ key, width }));
  const title = sheet.addRow([safeCell(t("programme.export.heading", { cohort: cohort.title, dates: cohort.dates }))]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.addRow(columns.map(([key]) => t(`programme.export.columns.${key}`)));
  styleHeaderRow(sheet, 2);
  for (const session of sessions) {
    const row = sheet.addRow({
      day: formatDay(session.startsAt, timeZone, language),
      time: formatTimeRange(session.startsAt, session.endsAt, timeZone),
      track: t(`tracks.${session.track}`),
      module: safeCell(session.moduleTitle),
      kind: t(`sessionKinds.${session.kind}`),
      lecturers: safeCell(session.lecturers.map((l) => l.name).join(t("common.listSeparator"))),
      venue: safeCell(session.venueName),
      address: safeCell(session.venueAddress),
      notes: safeCell(session.notes),
      status: session.cancelled ? t("portal.cancelled") : session.changed ? t("programme.changed") : null,
    });
    row.alignment = { vertical: "top", wrapText: true };
    if (session.cancelled) row.font = { strike: true, color: { argb: "FF888888" } };
  }
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  return toBuffer(workbook);
}
