// Instants are stored in UTC and shown in the academy's time zone.
import type { Language } from "./i18n.ts";

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

// Making an Intl.DateTimeFormat costs a hundred times more than using one, and
// a timetable formats hundreds of times per page: each kind is made once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, made);
  }
  return made;
}

/** The wall-clock reading of `instant` in `timeZone`: year, month (1–12), day, hour (0–23), minute, second. */
export function wallClock(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = formatter("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const c = wallClock(instant, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The calendar date (YYYY-MM-DD) of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return formatter("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** The UTC instant of a wall-clock time ("2025-03-10", "09:00") in `timeZone`. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const guess = new Date(Date.UTC(y, m - 1, d, hh, mm));
  // Two passes settle the offset even on the day a zone changes its clocks.
  const first = new Date(guess.getTime() - zoneOffsetMinutes(guess, timeZone) * 60_000);
  return new Date(guess.getTime() - zoneOffsetMinutes(first, timeZone) * 60_000);
}

/** [start, end) of the local calendar day `date` in `timeZone`, as UTC instants. */
export function zonedDayRange(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: zonedInstant(date, "00:00", timeZone), end: zonedInstant(addDays(date, 1), "00:00", timeZone) };
}

/** Whether `value` is a calendar date written YYYY-MM-DD: "2026-02-30" is not. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const intlLocale = (language: Language) => (language === "en" ? "en-GB" : "zh-CN");

export function formatDate(date: string, language: Language): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return formatter(intlLocale(language), {
    timeZone: "UTC",
    year: "numeric",
    month: "long",
    day: "numeric",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "3月10日" / "10 Mar", of a calendar date. */
export function formatShortDate(date: string, language: Language): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return formatter(intlLocale(language), { timeZone: "UTC", month: "short", day: "numeric" }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateRange(from: string, to: string, language: Language): string {
  return `${formatDate(from, language)} – ${formatDate(to, language)}`;
}

/** "3月10日 周一" / "Mon 10 March". */
export function formatDay(instant: Date, timeZone: string, language: Language): string {
  return formatter(intlLocale(language), {
    timeZone,
    month: "long",
    day: "numeric",
    weekday: "short",
  }).format(instant);
}

export function formatTime(instant: Date, timeZone: string): string {
  return formatter("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
}

export function formatTimeRange(start: Date, end: Date, timeZone: string): string {
  return `${formatTime(start, timeZone)}–${formatTime(end, timeZone)}`;
}

/** "2025年3月10日 14:05" / "10 March 2025, 14:05". */
export function formatDateTime(instant: Date, timeZone: string, language: Language): string {
  return formatter(intlLocale(language), {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}
