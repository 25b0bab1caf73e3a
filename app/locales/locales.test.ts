import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { languages, localeFiles, mergeMessages, messages } from "~/utils/i18n.ts";

const en = messages.en;
const zhCN = messages["zh-CN"];

// Plural forms differ by language (English has _one, Chinese only _other), so they are compared without suffix.
function keys(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "object" && value !== null
      ? keys(value, `${prefix}${key}.`)
      : [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, "")}`],
  );
}

test("English has every message that Chinese has, and no others", () => {
  expect(new Set(keys(en))).toEqual(new Set(keys(zhCN)));
});

test("no message is left empty", () => {
  for (const messages of [en, zhCN]) {
    expect(JSON.stringify(messages)).not.toMatch(/:\s*""/);
  }
});

test("every value shown by name has a name in both languages", async () => {
  const { auditActions } = await import("~/modules/audit/audit.ts");
  const { roleKeys } = await import("~/modules/accounts/roles.ts");
  const { cohortStatuses, enrollmentStatuses } = await import("~/modules/cohorts/cohorts.ts");
  const { trackKeys, sessionKinds } = await import("~/modules/academy/tracks.ts");
  const { assignmentRoles } = await import("~/modules/people/people.ts");
  const groups: Record<string, readonly string[]> = {
    "audit.actions": auditActions,
    roles: roleKeys,
    cohortStatus: cohortStatuses,
    enrollmentStatus: enrollmentStatuses,
    tracks: trackKeys,
    sessionKinds,
    assignmentRoles,
    personStatus: ["invited", "active", "deactivated"],
  };
  const lookup = (messages: object, path: string) =>
    path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  for (const messages of [en, zhCN]) {
    for (const [group, values] of Object.entries(groups)) {
      for (const value of values) expect(lookup(messages, `${group}.${value}`), `${group}.${value}`).toBeTruthy();
    }
  }
});

const localesDir = import.meta.dirname;
const modulesDir = path.resolve(localesDir, "../modules");

test("each capability has its pair of message files, named like its module, and every file is loaded", () => {
  const names = localeFiles.map((file) => file.name);
  const modules = readdirSync(modulesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const name of names) {
    if (name !== "common")
      expect(
        modules.map((entry) => entry.name),
        name,
      ).toContain(name);
    for (const language of languages)
      expect(existsSync(path.join(localesDir, `${name}.${language}.json`)), `${name}.${language}.json`).toBe(true);
  }
  const onDisk = readdirSync(localesDir).filter((file) => file.endsWith(".json"));
  expect(onDisk.sort()).toEqual(
    names.flatMap((name) => languages.map((language) => `${name}.${language}.json`)).sort(),
  );
});

test("files add keys to the same group without replacing each other", () => {
  const merged = mergeMessages([
    { name: "audit.en.json", messages: { audit: { title: "Audit log", actions: { auth: { sign_in: "Signed in" } } } } },
    { name: "attendance.en.json", messages: { audit: { actions: { checkin: { code_limited: "Too many codes" } } } } },
  ]);
  expect(merged).toEqual({
    audit: {
      title: "Audit log",
      actions: { auth: { sign_in: "Signed in" }, checkin: { code_limited: "Too many codes" } },
    },
  });
});

test("a key defined in two files fails, naming both", () => {
  expect(() =>
    mergeMessages([
      { name: "accounts.en.json", messages: { audit: { actions: { auth: { sign_in: "Signed in" } } } } },
      { name: "people.en.json", messages: { audit: { actions: { auth: { sign_in: "Logged in" } } } } },
    ]),
  ).toThrow('The message key "audit.actions.auth.sign_in" is defined in both accounts.en.json and people.en.json.');
  expect(() =>
    mergeMessages([
      { name: "common.en.json", messages: { portal: { venue: { name: "Venue" } } } },
      { name: "timetable.en.json", messages: { portal: { venue: "Venue" } } },
    ]),
  ).toThrow('The message key "portal.venue" is defined in both common.en.json and timetable.en.json.');
});
