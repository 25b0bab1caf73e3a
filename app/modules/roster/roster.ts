// The roster (花名册) as staff import it from the district offices' Excel
// sheets: its columns, limits and the shape of rows and problems. Shared with
// the browser, so the import page can name columns and show problems without
// a round trip; the file reading itself is in spreadsheet.server.ts.
import type { Language } from "~/utils/i18n.ts";

export const rosterColumns = [
  "name",
  "mobile",
  "company",
  "position",
  "industry",
  "district",
  "creditCode",
  "email",
] as const;
export type RosterColumn = (typeof rosterColumns)[number];

/** Without these a row cannot become a person with an enrollment. */
export const requiredColumns = ["name", "mobile", "company"] as const satisfies readonly RosterColumn[];

/**
 * Longest accepted text per column, in characters (a Chinese character counts
 * as one). The messages in app/locales/roster.*.json state the same numbers.
 */
export const rosterLimits = { name: 50, company: 100, position: 50, industry: 50, district: 50 } as const;

/** Files above this size are refused before anything is parsed: a class of 87 fits in a few dozen KB. */
export const maxRosterFileBytes = 5 * 1024 * 1024;

/**
 * Rows a sheet may have, header and blank rows included, checked before it is
 * parsed: twice the 10,000-row import the benchmark times, and four times the
 * largest cohort.
 */
export const maxRosterRows = 20_000;

/**
 * A row as read from a file, before any checks: the non-empty cells of the
 * recognised columns, trimmed, by column.
 */
export type RawRosterRow = { rowNumber: number; cells: Partial<Record<RosterColumn, string>> };

/** A valid, normalised row; `rowNumber` is the row as Excel shows it (1-based, title and header rows counted). */
export type RosterRow = {
  rowNumber: number;
  name: string;
  mobile: string;
  company: string;
  position: string | null;
  industry: string | null;
  district: string | null;
  creditCode: string | null;
  email: string | null;
};

/**
 * One problem, found in the file (`rowNumber` null: the file as a whole), in a
 * row, or in one cell. `messageKey` is a translation key; `value` is the text
 * found (or, for missing columns, the comma-separated column keys), and
 * `otherRow` the earlier row a duplicate repeats.
 */
export type RosterIssue = {
  rowNumber: number | null;
  column: RosterColumn | null;
  messageKey: string;
  value?: string;
  otherRow?: number;
  /** For a file over a limit: the limit (rows, cells or MB). */
  limit?: number;
};

/**
 * The interpolation values for an issue's message: `row`, `otherRow`,
 * `value`, and `columns` (the missing columns by name, in the user's
 * language), `column` (the cell's column by name), e.g.
 * `t(issue.messageKey, rosterIssueValues(issue, (c) => t(`roster.columns.${c}`), language))`.
 */
export function rosterIssueValues(
  issue: RosterIssue,
  columnLabel: (column: RosterColumn) => string,
  language: Language = "zh-CN",
): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  if (issue.rowNumber !== null) values.row = issue.rowNumber;
  if (issue.otherRow !== undefined) values.otherRow = issue.otherRow;
  if (issue.limit !== undefined) values.limit = issue.limit;
  if (issue.value !== undefined) {
    values.value = issue.value;
    if (issue.messageKey === "roster.errors.file.missingColumns") {
      values.columns = issue.value
        .split(",")
        .filter(isRosterColumn)
        .map((column) => columnLabel(column))
        .join(language === "en" ? ", " : "、");
    }
  }
  if (issue.column !== null) values.column = columnLabel(issue.column);
  return values;
}

export function isRosterColumn(value: string): value is RosterColumn {
  return (rosterColumns as readonly string[]).includes(value);
}
