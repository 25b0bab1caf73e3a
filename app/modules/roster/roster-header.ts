// Finding the roster in a sheet's rows: which row is the header, which
// column holds what, whatever the district office called it. Shared by the
// .xlsx and .csv readers in spreadsheet.server.ts.
import { type RawRosterRow, requiredColumns, type RosterColumn, rosterColumns, type RosterIssue } from "./roster.ts";

export type RosterReadResult =
  { ok: true; rows: RawRosterRow[]; encoding: string | null } | { ok: false; issue: RosterIssue };

/** District offices put a title ("XX区报名表") and sometimes notes above the header. */
export const HEADER_SEARCH_ROWS = 10;

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
export type GridRow = { rowNumber: number; cells: readonly (string | undefined)[] };

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

const blank = /[\s\u200b-\u200d\u2060]/;

/**
 * Trims ordinary, full-width (U+3000), non-breaking and zero-width spaces.
 * The end is trimmed by walking back: a pattern anchored at the end retries
 * from every space of a long inner run, which a crafted cell makes take hours.
 */
export function cleanCell(text: string): string {
  const start = text.replace(/^[\s\u200b-\u200d\u2060]+/, "");
  let end = start.length;
  while (end > 0 && blank.test(start[end - 1] ?? "")) end -= 1;
  return start.slice(0, end);
}

export function rosterFromGrid(rows: readonly GridRow[]): RosterReadResult | null {
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

export function fileIssue(messageKey: string, value?: string, limit?: number): { ok: false; issue: RosterIssue } {
  return {
    ok: false,
    issue: { rowNumber: null, column: null, messageKey, ...(value === undefined ? {} : { value }), ...(limit === undefined ? {} : { limit }) },
  };
}
