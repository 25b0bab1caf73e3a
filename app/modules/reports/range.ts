// Reading a report's date range from the address: a preset (this month,
// quarter or year, the year by default) or custom dates, checked so that bad
// input gets a message rather than an error page. Shared with the browser.
import { addDays, isCalendarDate } from "~/utils/time.ts";
import type { ReportRange } from "./report.ts";

export const rangePresets = ["month", "quarter", "year", "custom"] as const;
export type RangePreset = (typeof rangePresets)[number];

/** Longest range a report covers: ten years, well beyond the five of the benchmark. */
export const MAX_RANGE_DAYS = 3660;

export type RangeError = "fromInvalid" | "toInvalid" | "toBeforeFrom" | "tooLong";

export type ParsedRange =
  | { ok: true; preset: RangePreset; range: ReportRange }
  | { ok: false; preset: RangePreset; from: string; to: string; errors: { from?: RangeError; to?: RangeError } };

/** The month, quarter or year that holds `today` (YYYY-MM-DD). */
export function presetRange(preset: Exclude<RangePreset, "custom">, today: string): ReportRange {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const firstMonth = preset === "year" ? 1 : preset === "quarter" ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  const months = preset === "year" ? 12 : preset === "quarter" ? 3 : 1;
  const from = `${year}-${String(firstMonth).padStart(2, "0")}-01`;
  const nextMonth = firstMonth + months;
  const next = nextMonth > 12 ? `${year + 1}-01-01` : `${year}-${String(nextMonth).padStart(2, "0")}-01`;
  return { from, to: addDays(next, -1) };
}

const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** From the query string: `preset`, or `from` and `to`. Input is cut short before it is read. */
export function parseRange(params: URLSearchParams, today: string): ParsedRange {
  const rawPreset = params.get("preset");
  const from = (params.get("from") ?? "").trim().slice(0, 20);
  const to = (params.get("to") ?? "").trim().slice(0, 20);
  const preset: RangePreset = rangePresets.includes(rawPreset as RangePreset)
    ? (rawPreset as RangePreset)
    : from || to
      ? "custom"
      : "year";
  if (preset !== "custom") return { ok: true, preset, range: presetRange(preset, today) };
  const errors: { from?: RangeError; to?: RangeError } = {};
  if (!isCalendarDate(from) || from < "1900-01-01") errors.from = "fromInvalid";
  if (!isCalendarDate(to) || to > "2999-12-31") errors.to = "toInvalid";
  if (!errors.from && !errors.to) {
    if (to < from) errors.to = "toBeforeFrom";
    else if (daysBetween(from, to) >= MAX_RANGE_DAYS) errors.to = "tooLong";
  }
  if (errors.from || errors.to) return { ok: false, preset, from, to, errors };
  return { ok: true, preset, range: { from, to } };
}

/** The query string of a range, for links that keep it. */
export function rangeQuery(range: ReportRange): string {
  return new URLSearchParams({ from: range.from, to: range.to }).toString();
}

/** The calendar months (YYYY-MM) a range touches, in order. */
export function monthsOf(range: ReportRange): string[] {
  const months: string[] = [];
  let year = Number(range.from.slice(0, 4));
  let month = Number(range.from.slice(5, 7));
  const last = range.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** A month (YYYY-MM) cut to the range: the part of the range inside that month, or null when they do not meet. */
export function monthWithin(month: string, range: ReportRange): ReportRange | null {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return null;
  const first = `${month}-01`;
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`, -1);
  const from = first > range.from ? first : range.from;
  const to = last < range.to ? last : range.to;
  return from <= to ? { from, to } : null;
}
