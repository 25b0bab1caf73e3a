// 统一社会信用代码 (unified social credit code), GB 32100-2015. Shared with the
// browser so that roster forms and imports can say "wrong check digit" before
// anything is sent.

/** The 31 characters a code may use; I, O, Z, S and V are left out to avoid misreading. */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const CODE_LENGTH = 18;

export type CreditCodeResult =
  { ok: true; value: string } | { ok: false; reason: "length" | "characters" | "check_digit" };

function charValue(char: string): number {
  return CREDIT_CODE_ALPHABET.indexOf(char);
}

/**
 * The 18th character for the given first 17. Throws on input that cannot be
 * the start of a code: callers generating codes should never pass one.
 */
export function creditCodeCheckChar(first17: string): string {
  const body = first17.trim().toUpperCase();
  if (body.length !== WEIGHTS.length) {
    throw new RangeError(`A credit code body has ${WEIGHTS.length} characters, got ${body.length}`);
  }
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    const value = charValue(body.charAt(i));
    if (value < 0) throw new RangeError(`"${body.charAt(i)}" is not allowed in a credit code`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Checks a code as typed or pasted (surrounding spaces and lower case are
 * accepted and normalised), reporting the first thing wrong so the message
 * can say what to fix.
 */
export function validateCreditCode(input: string): CreditCodeResult {
  const value = input.trim().toUpperCase();
  if (value.length !== CODE_LENGTH) return { ok: false, reason: "length" };
  for (const char of value) {
    if (charValue(char) < 0) return { ok: false, reason: "characters" };
  }
  if (creditCodeCheckChar(value.slice(0, 17)) !== value.charAt(17)) return { ok: false, reason: "check_digit" };
  return { ok: true, value };
}
