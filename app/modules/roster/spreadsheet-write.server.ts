// Rosters written as .xlsx: the template to fill in, a cohort's roster
// export (importable again) and the activation-code list.
import { type Language, messages } from "~/utils/i18n.ts";
import { DEFAULT_TIME_ZONE, formatTime, localDate } from "~/utils/time.ts";
import { newWorkbook, safeCell, styleHeaderRow, toBuffer } from "~/utils/workbook.server.ts";
import { requiredColumns, type RosterColumn, rosterColumns, type RosterRow } from "./roster.ts";

/** Columns Excel must keep as text: it would turn 13800000001 into 1.38E+10 and drop an 18-digit code's last digits. */
const textColumns: ReadonlySet<RosterColumn> = new Set(["mobile", "creditCode"]);

const columnWidths: Record<RosterColumn, number> = {
  name: 12,
  mobile: 15,
  company: 36,
  position: 16,
  industry: 14,
  district: 14,
  creditCode: 24,
  email: 28,
};

function rosterText(language: Language) {
  return messages[language].roster;
}

/**
 * An empty roster to fill in: the header in the user's language with the
 * required columns marked "*", mobile and credit-code columns formatted as
 * text, and the instructions on a second sheet, so that the first holds
 * nothing the reader would have to skip.
 */
export async function rosterTemplate(language: Language): Promise<Buffer> {
  const text = rosterText(language);
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(text.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  const required = new Set<RosterColumn>(requiredColumns);
  sheet.columns = rosterColumns.map((column) => ({
    key: column,
    width: columnWidths[column],
    ...(textColumns.has(column) ? { style: { numFmt: "@" } } : {}),
  }));
  const header = sheet.getRow(1);
  rosterColumns.forEach((column, index) => {
    const label = text.columns[column];
    header.getCell(index + 1).value = required.has(column)
      ? { richText: [{ text: label }, { text: "*", font: { bold: true, color: { argb: "FFC00000" } } }] }
      : label;
  });
  styleHeaderRow(sheet);

  const instructions = workbook.addWorksheet(text.template.instructionsSheet);
  instructions.columns = [{ width: 22 }, { width: 12 }, { width: 70 }];
  instructions.addRow([text.template.intro]);
  instructions.addRow([text.template.textColumns]);
  instructions.addRow([]);
  instructions.addRow([text.template.columnHeader, text.template.requiredHeader, text.template.notesHeader]).font = {
    bold: true,
  };
  for (const column of rosterColumns) {
    instructions.addRow([
      text.columns[column],
      required.has(column) ? text.template.required : text.template.optional,
      text.template.notes[column],
    ]);
  }
  instructions.getColumn(3).alignment = { wrapText: true, vertical: "top" };
  return toBuffer(workbook);
}

export type RosterExportRow = Omit<RosterRow, "rowNumber"> & {
  /** An enrollment status key ("enrolled"), written by its name in `language`; other text as given. */
  status: string;
  /** Already formatted for the reader (in the academy's time zone). */
  enrolledAt?: string | null;
};

/**
 * A cohort's roster for staff to share or print. Its header uses the same
 * names as the template, so an exported roster can be imported again.
 */
export async function writeRosterWorkbook(rows: readonly RosterExportRow[], language: Language): Promise<Buffer> {
  const text = rosterText(language);
  const statusNames: Record<string, string> = messages[language].enrollmentStatus;
  const withDate = rows.some((row) => row.enrolledAt);
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(text.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    ...rosterColumns.map((column) => ({
      header: text.columns[column],
      key: column,
      width: columnWidths[column],
      ...(textColumns.has(column) ? { style: { numFmt: "@" } } : {}),
    })),
    { header: text.export.status, key: "status", width: 12 },
    ...(withDate ? [{ header: text.export.enrolledAt, key: "enrolledAt", width: 18 }] : []),
  ];
  for (const row of rows) {
    sheet.addRow({
      name: safeCell(row.name),
      mobile: safeCell(row.mobile),
      company: safeCell(row.company),
      position: safeCell(row.position),
      industry: safeCell(row.industry),
      district: safeCell(row.district),
      creditCode: safeCell(row.creditCode),
      email: safeCell(row.email),
      status: safeCell(Object.hasOwn(statusNames, row.status) ? statusNames[row.status] : row.status),
      ...(withDate ? { enrolledAt: safeCell(row.enrolledAt) } : {}),
    });
  }
  styleHeaderRow(sheet);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  return toBuffer(workbook);
}

export type ActivationCodeRow = {
  name: string;
  mobile: string;
  code: string;
  link: string;
  /** A Date is shown in the academy's time zone ("2025-03-10 18:00"); text is written as given. */
  expires: string | Date;
};

/** The list staff hand out (or mail-merge) so that imported trainees can activate their accounts. */
export async function writeActivationCodes(
  rows: readonly ActivationCodeRow[],
  language: Language,
  { timeZone = DEFAULT_TIME_ZONE }: { timeZone?: string } = {},
): Promise<Buffer> {
  const text = rosterText(language);
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(text.activation.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: text.columns.name, key: "name", width: columnWidths.name },
    { header: text.columns.mobile, key: "mobile", width: columnWidths.mobile, style: { numFmt: "@" } },
    { header: text.activation.code, key: "code", width: 14, style: { numFmt: "@" } },
    { header: text.activation.link, key: "link", width: 60 },
    { header: text.activation.expires, key: "expires", width: 18 },
  ];
  for (const row of rows) {
    const added = sheet.addRow({
      name: safeCell(row.name),
      mobile: safeCell(row.mobile),
      code: safeCell(row.code),
      link: safeCell(row.link),
      expires: safeCell(
        row.expires instanceof Date
          ? `${localDate(row.expires, timeZone)} ${formatTime(row.expires, timeZone)}`
          : row.expires,
      ),
    });
    // Only web links become clickable: a "javascript:" or file link from bad data stays inert text.
    if (/^https?:\/\//i.test(row.link)) {
      const cell = added.getCell("link");
      cell.value = { text: row.link, hyperlink: row.link };
      cell.font = { color: { argb: "FF0563C1" }, underline: true };
    }
  }
  styleHeaderRow(sheet);
  return toBuffer(workbook);
}
