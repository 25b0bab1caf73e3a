/**
 * The one rule for following a target someone else chose (`redirectTo` after
 * sign-in, after a preference switch): only a path on this site, written in
 * plain URL characters. Anything else goes to `fallback`.
 *
 * - It starts with one "/" not followed by "/" or "\" (those make the browser
 *   leave the site: "//evil.example", "/\evil.example").
 * - Every character is from RFC 3986's path, query and fragment set:
 *   letters, digits, - . _ ~ ! $ & ' ( ) * + , ; = : @ / ? #, and "%" only as
 *   the start of a two-hex-digit escape. So no tab, newline or other control
 *   character (browsers drop them: "/\t/evil.example" is "//evil.example"),
 *   no backslash, no space, nothing outside ASCII (full-width letters), and
 *   the value is always a valid header value.
 * - At most MAX_REDIRECT_LENGTH characters.
 * - And it still resolves to this site's origin, as a last check.
 */
export const MAX_REDIRECT_LENGTH = 1024;

const SAFE_PATH = /^\/(?![/\\])(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;
// Any origin will do: a relative path resolves onto it or away from it.
const PROBE_ORIGIN = "http://academy.invalid";

export function isSafeRedirect(to: unknown): to is string {
  if (typeof to !== "string" || to.length > MAX_REDIRECT_LENGTH || !SAFE_PATH.test(to)) return false;
  try {
    return new URL(to, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  return isSafeRedirect(to) ? to : fallback;
}
