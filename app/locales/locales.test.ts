import { expect, test } from "vitest";
import { messages } from "~/utils/i18n.ts";

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
