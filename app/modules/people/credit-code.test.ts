import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, validateCreditCode } from "./credit-code.ts";

// Codes as published by the companies themselves (business licences, public
// filings); each was checked against the algorithm before being written here.
const publishedCodes = [
  "91350100M000100Y43", // the example used in explanations of GB 32100-2015
  "91110000600037341L",
  "914403001922038216", // 华为技术有限公司
  "91110108551385082Q", // 北京小米科技有限责任公司
  "91440300708461136T", // 深圳市腾讯计算机系统有限公司
];

describe("validateCreditCode", () => {
  test.each(publishedCodes)("accepts the published code %s", (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
  });

  test("accepts lower case and surrounding spaces, and gives the normalised code back", () => {
    expect(validateCreditCode("  91350100m000100y43 ")).toEqual({ ok: true, value: "91350100M000100Y43" });
  });

  test.each([
    ["91350100M000100Y44", "last character off by one"],
    ["91110000600037341K", "letter check character replaced"],
    ["91350100M000100Y34", "two characters swapped"],
    ["914403001922038217", "digit check character replaced"],
  ])("refuses %s (%s) as a wrong check digit", (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: false, reason: "check_digit" });
  });

  test.each([
    ["91350100M000100Y4", "17 characters"],
    ["91350100M000100Y433", "19 characters"],
    ["", "empty"],
    ["9135 0100M000100Y43", "a space inside"],
  ])("refuses %s (%s) for its length", (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: false, reason: "length" });
  });

  test.each([
    ["91350100M000100I43", "I is not used"],
    ["91350100M000100O43", "O is not used"],
    ["91350100M000100Z43", "Z is not used"],
    ["91350100M000100S43", "S is not used"],
    ["91350100M000100V43", "V is not used"],
    ["91350100M000100-43", "punctuation"],
    ["９1350100M000100Y43", "a full-width digit"],
  ])("refuses %s (%s) for its characters", (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: false, reason: "characters" });
  });
});

describe("creditCodeCheckChar", () => {
  test("gives the check character of published codes", () => {
    for (const code of publishedCodes) expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  test("refuses a body of the wrong length or with excluded characters", () => {
    expect(() => creditCodeCheckChar("9135010")).toThrow(RangeError);
    expect(() => creditCodeCheckChar("91350100M000100I4")).toThrow(RangeError);
  });
});

describe("properties", () => {
  const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET.split(""));
  const body = fc.array(alphabetChar, { minLength: 17, maxLength: 17 }).map((chars) => chars.join(""));

  test("any body completed with its check character validates", () => {
    fc.assert(
      fc.property(body, (first17) => {
        const code = first17 + creditCodeCheckChar(first17);
        expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
      }),
    );
  });

  // 31 is prime and no weight is a multiple of it, so every single-character
  // typo changes the weighted sum modulo 31 and must be caught.
  test("any single mistyped character is caught", () => {
    fc.assert(
      fc.property(body, fc.nat({ max: 17 }), fc.integer({ min: 1, max: 30 }), (first17, index, shift) => {
        const code = first17 + creditCodeCheckChar(first17);
        const wrong = CREDIT_CODE_ALPHABET.charAt((CREDIT_CODE_ALPHABET.indexOf(code.charAt(index)) + shift) % 31);
        const typo = code.slice(0, index) + wrong + code.slice(index + 1);
        expect(validateCreditCode(typo)).toEqual({ ok: false, reason: "check_digit" });
      }),
    );
  });
});
