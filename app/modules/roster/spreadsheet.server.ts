// Rosters as files: reading the .xlsx and .csv sheets that district offices
// send, checking their rows, and writing the template, the roster export and
// the activation-code list. No database here: whether a person is already
// enrolled or the cohort is full is decided on top of what this returns.
import chardet from "chardet";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { normalizeEmail, normalizeMobile } from "~/modules/accounts/identifiers.ts";
import { validateCreditCode } from "~/modules/people/credit-code.ts";
import { type Language, messages } from "~/utils/i18n.ts";
import { DEFAULT_TIME_ZONE, formatTime, localDate } from "~/utils/time.ts";
import { neutraliseCell, newWorkbook, safeCell, styleHeaderRow, toBuffer } from "~/utils/workbook.server.ts";
import {
  maxRosterFileBytes,
  type RawRosterRow,
  requiredColumns,
  type RosterColumn,
  rosterColumns,
  type RosterIssue,
  rosterLimits,
  type RosterRow,
} from "./roster.ts";

export type { RawRosterRow } from "./roster.ts";
export { neutraliseCell };

export type RosterReadResult =
  { ok: true; rows: RawRosterRow[]; encoding: string | null } | { ok: false; issue: RosterIssue };

// ---------------------------------------------------------------------------
// Reading

/** District offices put a title ("XX区报名表") and sometimes notes above the header. */
const HEADER_SEARCH_ROWS = 10;

/**
 * What each column is called in the sheets we receive. The order matters:
 * when a sheet has two columns for the same thing (手机号 and 联系电话), the
 * one named earlier here wins, as it is the more specific name.
 */
const headerAliases: Record<RosterColumn, readonly string[]> = {
  name: ["姓名", "学员姓名", "名字", "Name", "Full name", "Trainee name", "Trainee"],
  mobile: [
    "手机号",
    "手机",
    "手机号码",
    "移动电话",
    "联系电话",
    "联系方式",
    "电话",
    "Mobile",
    "Mobile phone",
    "Mobile number",
    "Cell phone",
    "Phone",
  ],
  company: [
    "企业名称",
    "公司名称",
    "单位名称",
    "工作单位",
    "所在单位",
    "所在企业",
    "企业全称",
    "企业",
    "公司",
    "单位",
    "Company",
    "Company name",
    "Organisation",
    "Organization",
    "Employer",
  ],
  position: ["职务", "职位", "现任职务", "Position", "Title", "Job title"],
  industry: ["行业", "所属行业", "行业类别", "Industry", "Sector"],
  district: ["区县", "所在区县", "所属区县", "区域", "地区", "所在地区", "District", "County", "Area"],
  creditCode: [
    "统一社会信用代码",
    "信用代码",
    "社会信用代码",
    "统一信用代码",
    "企业信用代码",
    "Credit code",
    "Unified social credit code",
    "USCC",
  ],
  email: ["邮箱", "电子邮箱", "电子邮件", "邮件", "Email", "E-mail", "Email address", "Mail"],
};

/**
 * Header text compared loosely: full-width letters and brackets folded
 * (NFKC), case, spaces, asterisks (the template's "姓名*"), punctuation and
 * notes in brackets ("手机号（必填）") ignored.
 */
function headerKey(text: string): string {
  const folded = text.normalize("NFKC").toLowerCase();
  const withoutNotes = folded.replace(/[([【〔<{].*?[)\]】〕>}]/g, "");
  const kept = withoutNotes.trim() ? withoutNotes : folded.replace(/[()[\]【】〔〕<>{}]/g, "");
  return kept.replace(/[\s*_\-.:：·、/\\]/g, "");
}

const aliasLookup = new Map<string, { column: RosterColumn; rank: number }>();
for (const column of rosterColumns) {
  headerAliases[column].forEach((alias, rank) => aliasLookup.set(headerKey(alias), { column, rank }));
}

function matchHeader(text: string): { column: RosterColumn; rank: number } | undefined {
  const key = headerKey(text);
  if (!key) return undefined;
  // Bilingual headers ("姓名 Name") match by either half.
  return (
    aliasLookup.get(key) ??
    aliasLookup.get(key.replace(/[a-z0-9]/g, "")) ??
    aliasLookup.get(key.replace(/[^a-z0-9]/g, ""))
  );
}

/** One row of a sheet as text: `cells[0]` is column A (or the first CSV field). */
type GridRow = { rowNumber: number; cells: readonly (string | undefined)[] };

/** Which cell index holds each recognised column. */
type ColumnMap = Partial<Record<RosterColumn, number>>;

function mapHeaderRow(row: GridRow): ColumnMap {
  const best: Partial<Record<RosterColumn, { index: number; rank: number }>> = {};
  row.cells.forEach((cell, index) => {
    const match = cell ? matchHeader(cell) : undefined;
    if (!match) return;
    const current = best[match.column];
    if (!current || match.rank < current.rank) best[match.column] = { index, rank: match.rank };
  });
  const map: ColumnMap = {};
  for (const column of rosterColumns) {
    const found = best[column];
    if (found) map[column] = found.index;
  }
  return map;
}

/**
 * The header is the row, among the first non-empty ones, naming the most
 * roster columns; two at least, so that a title such as "姓名" alone above
 * a table is not taken for it.
 */
function findHeader(rows: readonly GridRow[]): { index: number; map: ColumnMap } | null {
  let found: { index: number; map: ColumnMap; score: number } | null = null;
  let seen = 0;
  for (let index = 0; index < rows.length && seen < HEADER_SEARCH_ROWS; index++) {
    const row = rows[index];
    if (!row || row.cells.every((cell) => !cell)) continue;
    seen += 1;
    const map = mapHeaderRow(row);
    const score = Object.keys(map).length;
    if (score >= 2 && (!found || score > found.score)) found = { index, map, score };
  }
  return found && { index: found.index, map: found.map };
}

/** Trims ordinary, full-width (U+3000), non-breaking and zero-width spaces. */
function cleanCell(text: string): string {
  return text.replace(/^[\s\u200b-\u200d\u2060]+|[\s\u200b-\u200d\u2060]+$/g, "");
}

function rosterFromGrid(rows: readonly GridRow[]): RosterReadResult | null {
  const header = findHeader(rows);
  if (!header) return null;
  const missing = requiredColumns.filter((column) => header.map[column] === undefined);
  if (missing.length > 0) {
    return fileIssue("roster.errors.file.missingColumns", missing.join(","));
  }
  const found: RawRosterRow[] = [];
  for (const row of rows.slice(header.index + 1)) {
    const cells: Partial<Record<RosterColumn, string>> = {};
    let empty = true;
    for (const column of rosterColumns) {
      const index = header.map[column];
      const text = index === undefined ? "" : cleanCell(row.cells[index] ?? "");
      if (text) {
        cells[column] = text;
        empty = false;
      }
    }
    // Templates often come pre-numbered (序号 1…100) far below the last trainee: such rows are empty to us.
    if (!empty) found.push({ rowNumber: row.rowNumber, cells });
  }
  return { ok: true, rows: found, encoding: null };
}

function fileIssue(messageKey: string, value?: string): { ok: false; issue: RosterIssue } {
  return { ok: false, issue: { rowNumber: null, column: null, messageKey, ...(value === undefined ? {} : { value }) } };
}

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
    return extension === "xlsx" ? await readXlsx(data) : readCsv(data);
  } catch {
    // Every expected failure is handled above; this catches the parsers' own surprises.
    return fileIssue(
      extension === "xlsx" ? "roster.errors.file.unreadable" : "roster.errors.file.csvMalformed",
      extension === "xlsx" ? undefined : "1",
    );
  }
}

async function readXlsx(data: Uint8Array): Promise<RosterReadResult> {
  if (startsWith(data, OLE_SIGNATURE)) return fileIssue("roster.errors.file.protectedOrLegacy");
  if (!startsWith(data, ZIP_SIGNATURE)) return fileIssue("roster.errors.file.unreadable");
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer type; a Node Buffer is what it reads at run time.
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
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

function readCsv(data: Uint8Array): RosterReadResult {
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
    }) as string[][];
  } catch (error) {
    const records = (error as { records?: unknown }).records;
    return fileIssue("roster.errors.file.csvMalformed", String(typeof records === "number" ? records + 1 : 1));
  }
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

// ---------------------------------------------------------------------------
// Validating

const longestShownValue = 100;

/** The value as quoted back in a message; a whole pasted paragraph helps nobody. */
function shown(value: string): string {
  const characters = [...value];
  return characters.length > longestShownValue ? `${characters.slice(0, longestShownValue).join("")}…` : value;
}

function length(value: string): number {
  return [...value].length;
}

/** Inner runs of spaces become one; names lose the spaces used to align two-character names ("王  伟"). */
function cleanText(value: string | undefined): string {
  return cleanCell(value ?? "").replace(/\s+/g, " ");
}

function cleanName(value: string | undefined): string {
  return cleanText(value).replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, "");
}

/** Full-width digits, letters and ＠ (typed with a Chinese input method) folded to ASCII. */
function cleanCode(value: string | undefined): string {
  return cleanCell(value ?? "").normalize("NFKC");
}

const creditCodeMessages = {
  length: "roster.errors.creditCodeLength",
  characters: "roster.errors.creditCodeCharacters",
  check_digit: "roster.errors.creditCodeCheckDigit",
} as const;

const tooLongMessages = {
  company: "roster.errors.companyTooLong",
  position: "roster.errors.positionTooLong",
  industry: "roster.errors.industryTooLong",
  district: "roster.errors.districtTooLong",
} as const;

/**
 * Checks every row and names every problem by row and column. A row with any
 * problem is left out of `valid`; a mobile number or e-mail address seen
 * before is reported on the later row, pointing at the first.
 */
export function validateRosterRows(rows: readonly RawRosterRow[]): { valid: RosterRow[]; issues: RosterIssue[] } {
  const valid: RosterRow[] = [];
  const issues: RosterIssue[] = [];
  const firstRowByMobile = new Map<string, number>();
  const firstRowByEmail = new Map<string, number>();

  for (const { rowNumber, cells } of rows) {
    const rowIssues: RosterIssue[] = [];
    const report = (column: RosterColumn, messageKey: string, value?: string, otherRow?: number) => {
      rowIssues.push({
        rowNumber,
        column,
        messageKey,
        ...(value === undefined ? {} : { value: shown(value) }),
        ...(otherRow === undefined ? {} : { otherRow }),
      });
    };

    const name = cleanName(cells.name);
    if (!name) report("name", "roster.errors.nameRequired");
    else if (length(name) > rosterLimits.name) report("name", "roster.errors.nameTooLong", name);

    const rawMobile = cleanCode(cells.mobile);
    const mobile = rawMobile ? normalizeMobile(rawMobile) : null;
    if (!rawMobile) report("mobile", "roster.errors.mobileRequired");
    else if (!mobile) {
      // "1.38E+10": what Excel saves to CSV from a narrow number column; the digits are gone.
      const scientific = /^\d(\.\d+)?e\+?\d+$/i.test(rawMobile);
      report(
        "mobile",
        scientific ? "roster.errors.mobileScientificNotation" : "roster.errors.mobileInvalid",
        rawMobile,
      );
    } else {
      const firstRow = firstRowByMobile.get(mobile);
      if (firstRow === undefined) firstRowByMobile.set(mobile, rowNumber);
      else report("mobile", "roster.errors.duplicateInFile", mobile, firstRow);
    }

    const company = cleanText(cells.company);
    if (!company) report("company", "roster.errors.companyRequired");
    else if (length(company) > rosterLimits.company) report("company", tooLongMessages.company, company);

    const optional = { position: "", industry: "", district: "" };
    for (const column of ["position", "industry", "district"] as const) {
      const value = cleanText(cells[column]);
      if (length(value) > rosterLimits[column]) report(column, tooLongMessages[column], value);
      optional[column] = value;
    }

    // People space the code in groups when copying it from a licence.
    const rawCreditCode = cleanCode(cells.creditCode).replace(/\s+/g, "");
    let creditCode: string | null = null;
    if (rawCreditCode) {
      const result = validateCreditCode(rawCreditCode);
      if (result.ok) creditCode = result.value;
      else report("creditCode", creditCodeMessages[result.reason], rawCreditCode);
    }

    const rawEmail = cleanCode(cells.email);
    let email: string | null = null;
    if (rawEmail) {
      email = normalizeEmail(rawEmail);
      if (!email) report("email", "roster.errors.emailInvalid", rawEmail);
      else {
        // E-mail addresses identify accounts too (unique in the database), so two rows cannot share one.
        const firstRow = firstRowByEmail.get(email);
        if (firstRow === undefined) firstRowByEmail.set(email, rowNumber);
        else report("email", "roster.errors.duplicateEmailInFile", email, firstRow);
      }
    }

    if (rowIssues.length > 0 || !mobile) {
      issues.push(...rowIssues);
      continue;
    }
    valid.push({
      rowNumber,
      name,
      mobile,
      company,
      position: optional.position || null,
      industry: optional.industry || null,
      district: optional.district || null,
      creditCode,
      email,
    });
  }
  return { valid, issues };
}

// ---------------------------------------------------------------------------
// Writing

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
