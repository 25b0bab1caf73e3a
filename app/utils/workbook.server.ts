// What every .xlsx the app writes has in common: the creator, a shaded bold
// header row, and text that cannot turn into a formula in a copy.
import ExcelJS from "exceljs";

const headerFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };

export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Academy";
  return workbook;
}

export function styleHeaderRow(sheet: ExcelJS.Worksheet, rowNumber = 1): void {
  const header = sheet.getRow(rowNumber);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = headerFill;
    cell.alignment = { vertical: "middle" };
  });
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Text that a spreadsheet would run as a formula if it were retyped or
 * saved as CSV and opened again ("=HYPERLINK(…)", "+1", "-1", "@SUM(…)"),
 * prefixed with an apostrophe so it stays text (OWASP's advice on CSV
 * injection). exceljs already writes every string as a string cell, so in the
 * .xlsx itself nothing runs; this protects the copies people make of it.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** What a cell receives: neutralised text, or nothing at all for an empty value. */
export function safeCell(value: string | null | undefined): string | null {
  return value ? neutraliseCell(value) : null;
}
