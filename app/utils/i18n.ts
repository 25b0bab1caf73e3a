// Languages, message resources and the i18next options shared by server and browser.
import type { InitOptions } from "i18next";
import academyEn from "~/locales/academy.en.json" with { type: "json" };
import academyZhCN from "~/locales/academy.zh-CN.json" with { type: "json" };
import accountsEn from "~/locales/accounts.en.json" with { type: "json" };
import accountsZhCN from "~/locales/accounts.zh-CN.json" with { type: "json" };
import attendanceEn from "~/locales/attendance.en.json" with { type: "json" };
import attendanceZhCN from "~/locales/attendance.zh-CN.json" with { type: "json" };
import auditEn from "~/locales/audit.en.json" with { type: "json" };
import auditZhCN from "~/locales/audit.zh-CN.json" with { type: "json" };
import calendarEn from "~/locales/calendar.en.json" with { type: "json" };
import calendarZhCN from "~/locales/calendar.zh-CN.json" with { type: "json" };
import certificatesEn from "~/locales/certificates.en.json" with { type: "json" };
import certificatesZhCN from "~/locales/certificates.zh-CN.json" with { type: "json" };
import cohortsEn from "~/locales/cohorts.en.json" with { type: "json" };
import cohortsZhCN from "~/locales/cohorts.zh-CN.json" with { type: "json" };
import commonEn from "~/locales/common.en.json" with { type: "json" };
import commonZhCN from "~/locales/common.zh-CN.json" with { type: "json" };
import facultyEn from "~/locales/faculty.en.json" with { type: "json" };
import facultyZhCN from "~/locales/faculty.zh-CN.json" with { type: "json" };
import materialsEn from "~/locales/materials.en.json" with { type: "json" };
import materialsZhCN from "~/locales/materials.zh-CN.json" with { type: "json" };
import peopleEn from "~/locales/people.en.json" with { type: "json" };
import peopleZhCN from "~/locales/people.zh-CN.json" with { type: "json" };
import programmeEn from "~/locales/programme.en.json" with { type: "json" };
import programmeZhCN from "~/locales/programme.zh-CN.json" with { type: "json" };
import reportsEn from "~/locales/reports.en.json" with { type: "json" };
import reportsZhCN from "~/locales/reports.zh-CN.json" with { type: "json" };
import rosterEn from "~/locales/roster.en.json" with { type: "json" };
import rosterZhCN from "~/locales/roster.zh-CN.json" with { type: "json" };
import timetableEn from "~/locales/timetable.en.json" with { type: "json" };
import timetableZhCN from "~/locales/timetable.zh-CN.json" with { type: "json" };

export const languages = ["zh-CN", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "zh-CN";
export const languageCookieName = "lng";

// One pair per capability, named like its folder in app/modules/, plus `common` for the app's frame
// (navigation, preferences, error pages). A capability adds its pair here; its keys may extend another
// capability's group (audit.actions.checkin comes from attendance), but no two files define the same key.
export const localeFiles = [
  { name: "common", "zh-CN": commonZhCN, en: commonEn },
  { name: "accounts", "zh-CN": accountsZhCN, en: accountsEn },
  { name: "academy", "zh-CN": academyZhCN, en: academyEn },
  { name: "audit", "zh-CN": auditZhCN, en: auditEn },
  { name: "cohorts", "zh-CN": cohortsZhCN, en: cohortsEn },
  { name: "people", "zh-CN": peopleZhCN, en: peopleEn },
  { name: "roster", "zh-CN": rosterZhCN, en: rosterEn },
  { name: "materials", "zh-CN": materialsZhCN, en: materialsEn },
  { name: "programme", "zh-CN": programmeZhCN, en: programmeEn },
  { name: "faculty", "zh-CN": facultyZhCN, en: facultyEn },
  { name: "timetable", "zh-CN": timetableZhCN, en: timetableEn },
  { name: "calendar", "zh-CN": calendarZhCN, en: calendarEn },
  { name: "attendance", "zh-CN": attendanceZhCN, en: attendanceEn },
  { name: "certificates", "zh-CN": certificatesZhCN, en: certificatesEn },
  { name: "reports", "zh-CN": reportsZhCN, en: reportsEn },
] as const;

export const messages = {
  "zh-CN": mergeMessages(localeFiles.map((file) => ({ name: `${file.name}.zh-CN.json`, messages: file["zh-CN"] }))),
  en: mergeMessages(localeFiles.map((file) => ({ name: `${file.name}.en.json`, messages: file.en }))),
};

type MessageTree = { readonly [key: string]: string | MessageTree };
type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/**
 * Merges the message files of one language into one tree, group by group, so two files may add keys to the
 * same group. A key defined by two files (or a message in one that is a group in another) throws, naming
 * both files: one of them would otherwise silently replace the other.
 */
export function mergeMessages<M extends object>(files: readonly { name: string; messages: M }[]): Intersection<M> {
  const merged: Record<string, unknown> = {};
  const definedBy = new Map<string, string>();
  const merge = (target: Record<string, unknown>, source: MessageTree, file: string, prefix: string) => {
    for (const [key, value] of Object.entries(source)) {
      const path = `${prefix}${key}`;
      const existing = target[key];
      if (typeof value === "object" && typeof existing === "object" && existing !== null) {
        merge(existing as Record<string, unknown>, value, file, `${path}.`);
        continue;
      }
      if (existing !== undefined) {
        const other = definedBy.get(path) ?? [...definedBy].find(([known]) => known.startsWith(`${path}.`))?.[1];
        throw new Error(`The message key "${path}" is defined in both ${other} and ${file}.`);
      }
      target[key] = typeof value === "object" ? merge({}, value, file, `${path}.`) : value;
      if (typeof value !== "object") definedBy.set(path, file);
    }
    return target;
  };
  for (const file of files) merge(merged, file.messages as MessageTree, file.name, "");
  return merged as Intersection<M>;
}

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
