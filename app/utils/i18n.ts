// Languages, message resources and the i18next options shared by server and browser.
import type { InitOptions } from "i18next";
import attendanceEn from "~/locales/attendance.en.json" with { type: "json" };
import attendanceZhCN from "~/locales/attendance.zh-CN.json" with { type: "json" };
import attendanceViewsEn from "~/locales/attendance-views.en.json" with { type: "json" };
import attendanceViewsZhCN from "~/locales/attendance-views.zh-CN.json" with { type: "json" };
import calendarEn from "~/locales/calendar.en.json" with { type: "json" };
import calendarZhCN from "~/locales/calendar.zh-CN.json" with { type: "json" };
import checkinEn from "~/locales/checkin.en.json" with { type: "json" };
import checkinZhCN from "~/locales/checkin.zh-CN.json" with { type: "json" };
import en from "~/locales/en.json" with { type: "json" };
import facultyEn from "~/locales/faculty.en.json" with { type: "json" };
import facultyZhCN from "~/locales/faculty.zh-CN.json" with { type: "json" };
import programmeEn from "~/locales/programme.en.json" with { type: "json" };
import programmeZhCN from "~/locales/programme.zh-CN.json" with { type: "json" };
import rosterEn from "~/locales/roster.en.json" with { type: "json" };
import rosterZhCN from "~/locales/roster.zh-CN.json" with { type: "json" };
import scheduleEn from "~/locales/schedule.en.json" with { type: "json" };
import scheduleZhCN from "~/locales/schedule.zh-CN.json" with { type: "json" };
import zhCN from "~/locales/zh-CN.json" with { type: "json" };

export const languages = ["zh-CN", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "zh-CN";
export const languageCookieName = "lng";

// One file per language for the app, plus one per area that has many messages of its own.
export const messages = {
  "zh-CN": { ...zhCN, ...rosterZhCN, ...programmeZhCN, ...scheduleZhCN, ...facultyZhCN, ...calendarZhCN, ...attendanceZhCN, ...attendanceViewsZhCN, ...checkinZhCN },
  en: { ...en, ...rosterEn, ...programmeEn, ...scheduleEn, ...facultyEn, ...calendarEn, ...attendanceEn, ...attendanceViewsEn, ...checkinEn },
} as const;

export const resources = {
  "zh-CN": { translation: messages["zh-CN"] },
  en: { translation: messages.en },
} as const;

/** Accepts the forms people and browsers use ("en", "en-US", "zh", "zh-cn"). */
/** Any value (a cookie can decode to a number or an object) gives a language or null. */
export function parseLanguage(value: unknown): Language | null {
  if (typeof value !== "string" || !value) return null;
  const lower = value.trim().toLowerCase();
  if (lower === "en" || lower.startsWith("en-")) return "en";
  if (lower === "zh" || lower.startsWith("zh-")) return "zh-CN";
  return null;
}

export function i18nOptions(lng: Language): InitOptions {
  return {
    lng,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
    initImmediate: false,
    react: { useSuspense: false },
  };
}
