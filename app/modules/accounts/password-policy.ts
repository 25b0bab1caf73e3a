// Rules for choosing a password (OWASP ASVS 5.0 V6.2, level 2; NIST SP 800-63B),
// shared by server and browser. The browser can only check the length: the list
// of common passwords is large and stays on the server (password-policy.server.ts).
// See docs/decisions/0003-passwords-and-throttling.md.
import type { RefinementCtx } from "zod";
import { normalizeMobile } from "./identifiers.ts";

export const PASSWORD_MIN_LENGTH = 8;
// ASVS asks that at least 64 characters be allowed; 128 leaves room for long
// passphrases while bounding the work Argon2 does on a hostile input.
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = "too_short" | "too_long" | "common" | "personal";
export type PasswordCheck = { ok: true } | { ok: false; reason: PasswordProblem };

/** What the person is known by; a password equal to any of these is refused. */
export type PasswordContext = { mobile?: string | null; email?: string | null; name?: string | null };

/**
 * Length in Unicode code points, as NIST asks: "密码" or an emoji counts as
 * one character each, where String.length would count UTF-16 units.
 */
export function passwordLength(password: string): number {
  let count = 0;
  // The string iterator walks code points (a lone surrogate counts as one).
  for (const _ of password) count += 1;
  return count;
}

/** The only check the browser can make. Composition rules are left out on purpose (ASVS 6.2.5). */
export function checkPasswordLength(password: string): PasswordCheck {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, reason: "too_short" };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, reason: "too_long" };
  return { ok: true };
}

/**
 * The whole policy against a given set of common passwords (lower-cased). The
 * password itself is never trimmed or altered; only the comparisons ignore case.
 */
export function checkPasswordAgainst(
  commonPasswords: ReadonlySet<string>,
  password: string,
  context: PasswordContext = {},
): PasswordCheck {
  const length = checkPasswordLength(password);
  if (!length.ok) return length;
  // Personal data first: "your own mobile number" is a clearer reason than "too common".
  if (isPersonal(password, context)) return { ok: false, reason: "personal" };
  if (commonPasswords.has(password.toLowerCase())) return { ok: false, reason: "common" };
  return { ok: true };
}

function isPersonal(password: string, context: PasswordContext): boolean {
  const lowered = password.toLowerCase();
  const email = context.email?.trim().toLowerCase();
  const words = [
    email,
    email?.split("@")[0],
    context.name?.trim().toLowerCase(),
    context.name?.replace(/\s+/g, "").toLowerCase(),
  ];
  if (words.some((word) => word && word === lowered)) return true;
  // "+86 138 0000 0001" is the same number as "13800000001".
  const mobile = context.mobile ? (normalizeMobile(context.mobile) ?? context.mobile.trim()) : null;
  return mobile !== null && (mobile === password || mobile === normalizeMobile(password));
}

const messageKeys: Record<PasswordProblem, string> = {
  too_short: "password.errors.tooShort",
  too_long: "password.errors.tooLong",
  common: "password.errors.common",
  personal: "password.errors.personal",
};

/**
 * Translation key of the message for a refused password. ErrorList translates
 * keys without parameters, so the messages spell out 8 and 128 themselves.
 */
export function passwordMessageKey(reason: PasswordProblem): string {
  return messageKeys[reason];
}

/**
 * Turns a checker into a Zod refinement whose issue message is the translation key:
 * `z.string().superRefine(passwordRefinement(checkPasswordLength))` in a shared
 * schema, `passwordRefinement((p) => checkPassword(p, person))` on the server.
 */
export function passwordRefinement(check: (password: string) => PasswordCheck) {
  return (password: string, ctx: RefinementCtx): void => {
    const result = check(password);
    if (!result.ok) ctx.addIssue({ code: "custom", message: passwordMessageKey(result.reason) });
  };
}
