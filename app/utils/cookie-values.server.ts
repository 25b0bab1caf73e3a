// Reading a cookie's value as Remix's `createCookie(...).parse` reads it, for
// the reads made on every request (who is signed in, which phone this is):
// the same header parsing (the `cookie` package Remix uses), the same
// signature (HMAC-SHA256 over the encoded value, each secret in turn) and the
// same decoding, but checked with Node's crypto at once instead of importing
// a Web Crypto key and verifying in promises each time, which cost more than
// the rest of a check-in. Cookies are still written by Remix's `serialize`.
import { createHmac, timingSafeEqual } from "node:crypto";
import { parse } from "cookie";

/** The value the signature was made over, when one of the secrets made it (Remix's `unsign`). */
function unsigned(cookie: string, secrets: readonly string[]): string | null {
  const dot = cookie.lastIndexOf(".");
  const value = cookie.slice(0, dot);
  const given = Buffer.from(cookie.slice(dot + 1), "base64");
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(value).digest();
    if (given.length === expected.length && timingSafeEqual(given, expected)) return value;
  }
  return null;
}

/** Remix's `decodeData`: base64 of the URI-escaped JSON; anything unreadable reads as an empty object. */
function decoded(value: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(escape(atob(value))));
  } catch {
    return {};
  }
}

/**
 * The cookie's value as Remix's parse gives it: null when the header or the
 * cookie is missing, or the signature fits none of the secrets; "" for an empty
 * cookie; otherwise the decoded value. Unsigned when `secrets` is empty.
 */
export function cookieValue(header: string | null, name: string, secrets: readonly string[]): unknown {
  if (!header) return null;
  const cookies = parse(header);
  if (!(name in cookies)) return null;
  const value = cookies[name];
  if (typeof value !== "string" || value === "") return "";
  if (secrets.length === 0) return decoded(value);
  const checked = unsigned(value, secrets);
  return checked === null ? null : decoded(checked);
}
