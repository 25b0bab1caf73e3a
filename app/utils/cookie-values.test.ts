import { createCookie } from "@remix-run/node";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cookieValue } from "./cookie-values.server.ts";

const secrets = ["current-secret-0123456789abcdef", "older-secret-0123456789abcdef"];
const signed = createCookie("academy_session", { secrets });
const signedWithOld = createCookie("academy_session", { secrets: [secrets[1]!] });
const signedElsewhere = createCookie("academy_session", { secrets: ["somebody-else-0123456789abcdef"] });
const unsigned = createCookie("academy_device");

/** The Cookie header a browser sends after these Set-Cookie values, with other cookies around. */
const headerOf = (...setCookies: string[]) => ["theme=dark", ...setCookies.map((c) => c.split(";")[0]!), "lng=zh-CN"].join("; ");

describe("cookie values read as Remix's parse reads them", () => {
  test("signed values, by the current or an older secret, and unsigned ones", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.base64String(), fc.constantFrom("x".repeat(43), "中文 ✓", "")), async (value) => {
        for (const header of [headerOf(await signed.serialize(value)), headerOf(await signedWithOld.serialize(value))]) {
          expect(cookieValue(header, "academy_session", secrets)).toEqual(await signed.parse(header));
        }
        const device = headerOf(await unsigned.serialize(value));
        expect(cookieValue(device, "academy_device", [])).toEqual(await unsigned.parse(device));
      }),
      { numRuns: 200 },
    );
  });

  test("a value signed with another secret, or its signature changed, reads as nothing", async () => {
    const token = "a".repeat(43);
    const foreign = headerOf(await signedElsewhere.serialize(token));
    expect(cookieValue(foreign, "academy_session", secrets)).toBeNull();
    expect(await signed.parse(foreign)).toBeNull();
    const good = (await signed.serialize(token)).split(";")[0]!;
    const tampered = `${good.slice(0, -2)}${good.endsWith("A") ? "B" : "A"}${good.slice(-1)}`;
    expect(cookieValue(tampered, "academy_session", secrets)).toBeNull();
    // A different value under the genuine signature.
    const [name, rest] = good.split("=") as [string, string];
    const [, signature] = decodeURIComponent(rest).split(".");
    const swapped = `${name}=${encodeURIComponent(`${btoa(JSON.stringify("b".repeat(43)))}.${signature}`)}`;
    expect(cookieValue(swapped, "academy_session", secrets)).toBeNull();
    expect(await signed.parse(swapped)).toBeNull();
  });

  test("no header, no such cookie, an empty one and an unreadable one", async () => {
    for (const header of [null, "", "theme=dark", "academy_session=", "academy_device=%%%", 'academy_device="e30="', "academy_device=bm90IGpzb24="]) {
      expect(cookieValue(header, "academy_device", [])).toEqual(await unsigned.parse(header));
    }
    expect(cookieValue("academy_session=", "academy_session", secrets)).toBe(await signed.parse("academy_session="));
  });
});
