import { describe, expect, test } from "vitest";
import { normalizeEmail, normalizeMobile, parseSignInIdentifier } from "./identifiers.ts";

describe("sign-in identifiers", () => {
  test.each([
    ["13800000001", "13800000001"],
    ["138 0000 0001", "13800000001"],
    ["138-0000-0001", "13800000001"],
    ["+86 13800000001", "13800000001"],
    ["008613800000001", "13800000001"],
  ])("mobile %s is read as %s", (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });

  test.each(["1380000000", "138000000012", "12800000001", "23800000001", "1380000000a", ""])(
    "%s is not a mainland mobile number",
    (input) => {
      expect(normalizeMobile(input)).toBeNull();
    },
  );

  test("e-mail addresses are compared in lower case", () => {
    expect(normalizeEmail(" Admin@Demo.Academy ")).toBe("admin@demo.academy");
    expect(normalizeEmail("not-an-email")).toBeNull();
  });

  test("an @ makes an e-mail, anything else must be a mobile number", () => {
    expect(parseSignInIdentifier("teacher@demo.academy")).toEqual({ kind: "email", value: "teacher@demo.academy" });
    expect(parseSignInIdentifier("13800000001")).toEqual({ kind: "mobile", value: "13800000001" });
    expect(parseSignInIdentifier("zhangsan")).toBeNull();
  });
});
