import { expect, test } from "vitest";
import en from "./en.json";
import zhCN from "./zh-CN.json";

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
