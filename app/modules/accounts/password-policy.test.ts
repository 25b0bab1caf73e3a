import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { commonPasswords } from "./common-passwords.server.ts";
import { checkPassword } from "./password-policy.server.ts";
import {
  checkPasswordAgainst,
  checkPasswordLength,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordLength,
  passwordMessageKey,
  passwordRefinement,
} from "./password-policy.ts";

const refused = (reason: string) => ({ ok: false, reason });
const accepted = { ok: true };

describe("length, counted in Unicode code points", () => {
  test("8 to 128 characters are allowed, 7 and 129 are not", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(checkPasswordLength("x".repeat(7))).toEqual(refused("too_short"));
    expect(checkPasswordLength("x".repeat(8))).toEqual(accepted);
    expect(checkPasswordLength("x".repeat(128))).toEqual(accepted);
    expect(checkPasswordLength("x".repeat(129))).toEqual(refused("too_long"));
  });

  test("an emoji is one character although it takes two UTF-16 units", () => {
    const emoji = "🔑";
    expect(emoji.length).toBe(2);
    expect(passwordLength(emoji.repeat(4))).toBe(4);
    expect(checkPasswordLength(emoji.repeat(4))).toEqual(refused("too_short"));
    expect(checkPasswordLength(emoji.repeat(7))).toEqual(refused("too_short"));
    expect(checkPasswordLength(emoji.repeat(8))).toEqual(accepted);
    expect(checkPasswordLength(emoji.repeat(128))).toEqual(accepted);
    expect(checkPasswordLength(emoji.repeat(129))).toEqual(refused("too_long"));
  });

  test("Chinese characters count one each", () => {
    expect(checkPasswordLength("创业学院密码七字")).toEqual(accepted);
    expect(checkPasswordLength("创业学院密码七")).toEqual(refused("too_short"));
    expect(checkPasswordLength("学".repeat(128))).toEqual(accepted);
    expect(checkPasswordLength("学".repeat(129))).toEqual(refused("too_long"));
  });

  test("spaces count and are not trimmed away", () => {
    expect(checkPasswordLength("  abcd  ")).toEqual(accepted);
    expect(checkPasswordLength(" abcdef")).toEqual(refused("too_short"));
  });

  test("no composition rules: lower-case letters alone are enough", () => {
    expect(checkPassword("violet canal tundra harbour")).toEqual(accepted);
  });
});

describe("common passwords", () => {
  test("the list comes from a real corpus of more than 10,000 passwords", () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(10_000);
    // ASVS 6.2.4 counts only the entries the length rule lets through.
    const longEnough = [...commonPasswords()].filter((password) => checkPasswordLength(password).ok);
    expect(longEnough.length).toBeGreaterThanOrEqual(10_000);
    // Loaded once: later calls give the same set.
    expect(commonPasswords()).toBe(commonPasswords());
  });

  test.each(["password", "12345678", "qwerty123", "iloveyou", "1qaz2wsx"])("%s is refused", (password) => {
    expect(checkPassword(password)).toEqual(refused("common"));
  });

  test("whatever the case", () => {
    expect(checkPassword("PassWord")).toEqual(refused("common"));
    expect(checkPassword("QWERTY123")).toEqual(refused("common"));
  });

  test("a long random passphrase is accepted", () => {
    expect(checkPassword("mango-tractor-quietly-47-lanterns")).toEqual(accepted);
    expect(checkPassword("长城脚下的咖啡馆 opens at 7")).toEqual(accepted);
  });

  test("too short wins over common, so the person learns the first rule first", () => {
    expect(checkPassword("1234567")).toEqual(refused("too_short"));
  });
});

describe("personal data", () => {
  const person = { mobile: "13800000001", email: "Zhang.Xiaoming@Example.com", name: "Zhang Xiaoming" };

  test("the person's own mobile number, in any spelling, is refused", () => {
    expect(checkPassword("13800000001", person)).toEqual(refused("personal"));
    expect(checkPassword("+86 138 0000 0001", person)).toEqual(refused("personal"));
  });

  test("their e-mail address, or the part before the @, is refused whatever the case", () => {
    expect(checkPassword("zhang.xiaoming@example.com", person)).toEqual(refused("personal"));
    expect(checkPassword("ZHANG.XIAOMING", person)).toEqual(refused("personal"));
  });

  test("their name, with or without spaces, is refused", () => {
    expect(checkPassword("Zhang Xiaoming", person)).toEqual(refused("personal"));
    expect(checkPassword("zhangxiaoming", person)).toEqual(refused("personal"));
  });

  test("another person's number is not personal, and missing data is ignored", () => {
    expect(checkPassword("13800000002", person)).toEqual(accepted);
    expect(checkPassword("13800000001", { mobile: null, email: null, name: null })).toEqual(accepted);
    expect(checkPassword("13800000001")).toEqual(accepted);
  });
});

describe("the shared core and its messages", () => {
  test("checks against whatever set it is given", () => {
    const list = new Set(["academy2025"]);
    expect(checkPasswordAgainst(list, "Academy2025")).toEqual(refused("common"));
    expect(checkPasswordAgainst(list, "password")).toEqual(accepted);
  });

  test("each reason has a translation key", () => {
    expect(passwordMessageKey("too_short")).toBe("password.errors.tooShort");
    expect(passwordMessageKey("too_long")).toBe("password.errors.tooLong");
    expect(passwordMessageKey("common")).toBe("password.errors.common");
    expect(passwordMessageKey("personal")).toBe("password.errors.personal");
  });

  test("as a Zod refinement, the issue message is the translation key", () => {
    const inBrowser = z.string().superRefine(passwordRefinement(checkPasswordLength));
    const onServer = z
      .string()
      .superRefine(passwordRefinement((password) => checkPassword(password, { mobile: "13800000001" })));
    expect(inBrowser.safeParse("short").error?.issues[0]?.message).toBe("password.errors.tooShort");
    expect(inBrowser.safeParse("password").success).toBe(true);
    expect(onServer.safeParse("password").error?.issues[0]?.message).toBe("password.errors.common");
    expect(onServer.safeParse("13800000001").error?.issues[0]?.message).toBe("password.errors.personal");
    expect(onServer.safeParse("mango-tractor-quietly-47-lanterns").success).toBe(true);
  });

  test("the shared module never imports the list, so it cannot reach the browser bundle", () => {
    const source = readFileSync(new URL("./password-policy.ts", import.meta.url), "utf8");
    const imports = [...source.matchAll(/^import .* from "(.+)";$/gm)].map((match) => match[1]);
    expect(imports).toEqual(["zod", "./identifiers.ts"]);
  });
});
