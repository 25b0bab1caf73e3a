import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MAX_REDIRECT_LENGTH, safeRedirect } from "./safe-redirect.ts";

const origins = ["https://academy.example.cn", "http://localhost:3000", "http://10.0.0.5:8080"];

/** What a browser would do with the value as a Location header, on each of our origins. */
function staysOnSite(value: string): boolean {
  // Headers refuses what is not a valid header value (newlines, non-Latin-1 characters).
  new Headers({ Location: value });
  return origins.every((origin) => new URL(value, origin).origin === origin);
}

const pathChar = fc.constantFrom(..."abcXYZ019-._~!$&'()*+,;=:@/?#".split(""));
const legitimate = fc
  .tuple(fc.constantFrom("/admin", "/", "/sessions/abc", "/apply/AB12"), fc.array(pathChar, { maxLength: 30 }))
  .map(([start, rest]) => start + rest.join(""))
  .filter((path) => !path.startsWith("//"));

// Pieces an attacker puts into a path: each one alone must make the value refused.
const hostile = fc.constantFrom(
  "\t", "\n", "\r", "\r\n", "\u0000", "\u000b", "\u000c", "\u007f", "\\", " ", "\u3000", "\uff0f", "\uff3c", "\u2215",
  "\u202e", "\u200b", "\u00a0", "é", "%g1", "%2x", "%%41", "\"", "<", ">", "`", "{", "^", "|",
);
const refused = fc.oneof(
  // Scheme-relative and backslash starts.
  fc.tuple(fc.constantFrom("//", "/\\", "\\\\", "\\/", "/\t/", "/\n/", "/\r/", "/\u3000/", "/%09/", "///"), fc.domain()).map(
    ([start, host]) => (start === "/%09/" ? `${start}${host}\\` : `${start}${host}/x`),
  ),
  // Absolute addresses, with and without spaces or controls in front.
  fc.tuple(fc.constantFrom("https:", "http:", "javascript:", "data:", " https:", "\thttps:", "HTTPS:"), fc.domain()).map(
    ([scheme, host]) => `${scheme}//${host}/`,
  ),
  // Relative paths that do not start at the root.
  fc.tuple(fc.constantFrom(".", "..", "evil.example", "\u3000/", "\\"), legitimate).map(([a, b]) => a + b),
  // A legitimate path with one hostile piece somewhere in it.
  fc.tuple(legitimate, hostile, fc.nat()).map(([path, piece, at]) => {
    const i = 1 + (at % path.length);
    return path.slice(0, i) + piece + path.slice(i);
  }),
  // Too long.
  fc.nat(50).map((n) => `/${"a".repeat(MAX_REDIRECT_LENGTH + n)}`),
);

describe("redirect targets", () => {
  test("the attack as found: a tab between the slashes does not leave the site", () => {
    expect(safeRedirect("/\t/evil.example/x")).toBe("/");
    expect(safeRedirect("/\n/evil.example/x", "/admin")).toBe("/admin");
    expect(safeRedirect("/\u3000")).toBe("/");
  });

  test("plain paths on the site are followed as they are", () => {
    for (const path of ["/admin?x=1", "/sessions/abc#notes", "/apply/AB12?q=%E5%BC%A0", "/"]) expect(safeRedirect(path)).toBe(path);
    expect(safeRedirect(null, "/admin")).toBe("/admin");
  });

  test("every accepted value stays on the site and is a valid header value", () => {
    fc.assert(
      fc.property(fc.oneof(legitimate, refused, fc.string(), fc.string({ unit: "binary" }), fc.webPath(), fc.webUrl()), (value) => {
        const result = safeRedirect(value, "/");
        expect(staysOnSite(result)).toBe(true);
        expect(result === value || result === "/").toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test("legitimate paths are accepted", () => {
    fc.assert(
      fc.property(legitimate, (value) => {
        expect(safeRedirect(value, "/home")).toBe(value);
      }),
    );
  });

  test("tabs, newlines, backslashes, full-width characters, broken escapes, // and scheme-relative forms fall back", () => {
    fc.assert(
      fc.property(refused, (value) => {
        expect(safeRedirect(value, "/home")).toBe("/home");
      }),
      { numRuns: 2000 },
    );
  });
});
