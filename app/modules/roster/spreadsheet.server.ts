// Reading the .xlsx and .csv roster sheets that district offices send. Every
// file is bounded before it is parsed (spreadsheet-bounds.server.ts); the
// header and columns are found in roster-header.ts and the rows checked in
// roster-rows.server.ts.
import chardet from "chardet";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { maxRosterFileBytes, maxRosterRows } from "./roster.ts";
import { cleanCell, fileIssue, type GridRow, HEADER_SEARCH_ROWS, rosterFromGrid, type RosterReadResult } from "./roster-header.ts";
import { checkWorkbookBounds } from "./spreadsheet-bounds.server.ts";

export type { RawRosterRow } from "./roster.ts";
export type { RosterReadResult } from "./roster-header.ts";

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: old .xls, and also any password-protected .xlsx (Office encrypts into one). */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Reads a roster sheet, by extension: .xlsx or .csv. Bad input of any kind
 * comes back as a file-level issue, never as an exception.
 */
export async function readRosterFile({
  fileName,
  bytes,
}: {
  fileName: string;
  bytes: Uint8Array | ArrayBuffer;
}): Promise<RosterReadResult> {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? "";
  if (extension === "xls") return fileIssue("roster.errors.file.xlsNotSupported");
  if (extension !== "xlsx" && extension !== "csv") {
    return fileIssue("roster.errors.file.unsupportedType", extension ? `.${extension}` : fileName);
  }
  if (data.byteLength > maxRosterFileBytes) return fileIssue("roster.errors.file.tooLarge");
  if (data.byteLength === 0) return fileIssue("roster.errors.file.empty");
  try {
    return extension === "xlsx" ? await readXlsx(data, fileName) : readCsv(data, fileName);
  } catch {
    // Every expected failure is handled above; this catches the parsers' own surprises.
    return fileIssue(
      extension === "xlsx" ? "roster.errors.file.unreadable" : "roster.errors.file.csvMalformed",
      extension === "xlsx" ? undefined : "1",
    );
  }
}

/** What exceljs may skip: nothing the roster needs, and data validations and columns expand to one object per cell. */
const ignoredSheetParts = ["dataValidations", "cols", "conditionalFormatting", "extLst"];

async function readXlsx(data: Uint8Array, fileName: string): Promise<RosterReadResult> {
  if (startsWith(data, OLE_SIGNATURE)) return fileIssue("roster.errors.file.protectedOrLegacy");
  if (!startsWith(data, ZIP_SIGNATURE)) return fileIssue("roster.errors.file.unreadable");
  const refusal = await checkWorkbookBounds(data, maxRosterRows);
  if (refusal?.reason === "unreadable") return fileIssue("roster.errors.file.unreadable");
  if (refusal?.reason === "rows") return fileIssue("roster.errors.file.tooManyRows", fileName, refusal.limit);
  if (refusal?.reason === "cells") return fileIssue("roster.errors.file.tooManyCells", fileName, refusal.limit);
  if (refusal) return fileIssue("roster.errors.file.tooLargeUnpacked", fileName, refusal.limitBytes / (1024 * 1024));
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer type and lack `ignoreNodes`; both are what it reads at run time.
    const options = { ignoreNodes: ignoredSheetParts } as unknown as Partial<ExcelJS.XlsxReadOptions>;
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer, options);
  } catch {
    return fileIssue("roster.errors.file.unreadable");
  }
  // A zip that is not a workbook (a renamed .docx) can load without error and without a sheet.
  if (workbook.worksheets.length === 0) return fileIssue("roster.errors.file.unreadable");
  // Visible sheets first: a hidden sheet is usually an old copy or a list for drop-downs.
  const sheets = [...workbook.worksheets].sort((a, b) => Number(a.state !== "visible") - Number(b.state !== "visible"));
  for (const sheet of sheets) {
    const result = rosterFromGrid(sheetGrid(sheet));
    if (result) return result;
  }
  return fileIssue("roster.errors.file.noHeaderRow");
}

function sheetGrid(sheet: ExcelJS.Worksheet): GridRow[] {
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      cells[columnNumber - 1] = cellText(cell.value);
    });
    rows.push({ rowNumber, cells });
  });
  return rows;
}

/** A cell's value as the person who typed it sees it. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) {
    // exceljs gives the displayed text, itself sometimes rich text; a bare mailto: link has none.
    const text = cellText(value.text as ExcelJS.CellValue);
    return cleanCell(text) ? text : value.hyperlink.replace(/^mailto:/i, "");
  }
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result ?? null);
  if ("error" in value) return value.error;
  return "";
}

/**
 * Excel keeps 13800000001 as a number; JavaScript would print large ones in
 * exponent form and fractions with binary noise. Integers are written out
 * in full, other numbers with Excel's 15 significant digits.
 */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return "";
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? value.toFixed(0) : BigInt(value).toString();
  const rounded = Number(value.toPrecision(15));
  return Number.isInteger(rounded) ? rounded.toFixed(0) : String(rounded);
}

/** exceljs reads dates as UTC instants holding the wall-clock value typed in Excel. */
function dateText(value: Date): string {
  if (Number.isNaN(value.getTime())) return "";
  const iso = value.toISOString();
  const time = iso.slice(11, 19);
  if (time === "00:00:00") return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${time.endsWith(":00") ? time.slice(0, 5) : time}`;
}

function readCsv(data: Uint8Array, fileName: string): RosterReadResult {
  const decoded = decodeCsv(data);
  if (!decoded) return fileIssue("roster.errors.file.unreadable");
  if (!decoded.text.trim()) return fileIssue("roster.errors.file.empty");
  let records: string[][];
  try {
    records = parseCsv(decoded.text, {
      delimiter: guessDelimiter(decoded.text),
      relax_column_count: true,
      relax_quotes: true,
      // Kept so that record n is row n, as Excel numbers the rows when it opens the file.
      skip_empty_lines: false,
      // The parser stops one record past the limit: that is enough to refuse the file.
      to: maxRosterRows + 1,
    }) as string[][];
  } catch (error) {
    const records = (error as { records?: unknown }).records;
    return fileIssue("roster.errors.file.csvMalformed", String(typeof records === "number" ? records + 1 : 1));
  }
  if (records.length > maxRosterRows) return fileIssue("roster.errors.file.tooManyRows", fileName, maxRosterRows);
  const result = rosterFromGrid(records.map((cells, index) => ({ rowNumber: index + 1, cells })));
  if (!result) return fileIssue("roster.errors.file.noHeaderRow");
  return result.ok ? { ...result, encoding: decoded.encoding } : result;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK (code page 936) and
 * "CSV UTF-8" with a BOM; WPS and other tools write UTF-8 without one. GBK
 * text with Chinese in it is practically never valid UTF-8, so that test
 * decides first. chardet's guesses for short GBK files are unreliable (it
 * calls a 3-line roster EUC-KR or Hebrew with full confidence), so it only
 * gets to pick Big5 (traditional characters, Taiwan and Hong Kong) when it
 * is clearly sure; everything else is read as GB18030, the superset of GBK
 * and GB2312.
 */
function decodeCsv(data: Uint8Array): { text: string; encoding: string } | null {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (startsWith(data, [0xef, 0xbb, 0xbf])) return { text: strictUtf8Or(buffer.subarray(3)), encoding: "UTF-8" };
  if (startsWith(data, [0xff, 0xfe])) return { text: iconv.decode(buffer, "utf16le"), encoding: "UTF-16LE" };
  if (startsWith(data, [0xfe, 0xff])) return { text: iconv.decode(buffer, "utf16be"), encoding: "UTF-16BE" };
  // NUL bytes without a UTF-16 mark: a binary file (often an .xlsx renamed to .csv), not text.
  if (data.includes(0)) return null;
  try {
    return { text: strictUtf8.decode(data), encoding: "UTF-8" };
  } catch {
    // Not UTF-8: fall through to the Chinese legacy encodings.
  }
  const guesses = chardet.analyse(encodingSample(data));
  const confidence = (name: string) => guesses.find((guess) => guess.name === name)?.confidence ?? 0;
  // On GBK rosters chardet never put Big5 first in our trials; on Big5 ones it led GB18030 by 0 to 60 points.
  if (guesses[0]?.name === "Big5" && confidence("Big5") >= confidence("GB18030") + 10) {
    return { text: iconv.decode(buffer, "big5"), encoding: "Big5" };
  }
  return { text: iconv.decode(buffer, "gb18030"), encoding: "GB18030" };
}

/**
 * chardet takes a third of a second on a 1 MB file; the first 64 KB (some
 * 600 rows) tell as much. Cut after a line break, never inside a character:
 * in GBK a line feed byte is always a line feed.
 */
function encodingSample(data: Uint8Array): Uint8Array {
  const sampleBytes = 64 * 1024;
  if (data.byteLength <= sampleBytes) return data;
  const lastLineEnd = data.lastIndexOf(0x0a, sampleBytes);
  return data.subarray(0, lastLineEnd > 0 ? lastLineEnd + 1 : sampleBytes);
}

/** A file marked UTF-8 that is not: trust the content over the mark. */
function strictUtf8Or(buffer: Buffer): string {
  try {
    return strictUtf8.decode(buffer);
  } catch {
    return iconv.decode(buffer, "gb18030");
  }
}

/** Comma as Excel writes it, unless the first lines are clearly split by tabs or semicolons (European locales). */
function guessDelimiter(text: string): string {
  const sample = text.split(/\r\n|\n|\r/, HEADER_SEARCH_ROWS).join("\n");
  const count = (char: string) => sample.split(char).length - 1;
  const candidates = [",", "\t", ";"] as const;
  return candidates.reduce((best, char) => (count(char) > count(best) ? char : best), ",");
}
