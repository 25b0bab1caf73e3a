// Mobile numbers and e-mail addresses as people type them.

/** Mainland China mobile numbers: 11 digits starting with 1[3-9]. */
const mobilePattern = /^1[3-9]\d{9}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "+86 138-0000-0001" → "13800000001"; anything not a mobile number → null. */
export function normalizeMobile(input: string): string | null {
  let digits = input.replace(/[\s\-()（）]/g, "");
  if (digits.startsWith("+86")) digits = digits.slice(3);
  else if (digits.startsWith("0086")) digits = digits.slice(4);
  return mobilePattern.test(digits) ? digits : null;
}

export function normalizeEmail(input: string): string | null {
  const value = input.trim().toLowerCase();
  return emailPattern.test(value) && value.length <= 254 ? value : null;
}

export type SignInIdentifier = { kind: "mobile"; value: string } | { kind: "email"; value: string };

export function parseSignInIdentifier(input: string): SignInIdentifier | null {
  if (input.includes("@")) {
    const email = normalizeEmail(input);
    return email ? { kind: "email", value: email } : null;
  }
  const mobile = normalizeMobile(input);
  return mobile ? { kind: "mobile", value: mobile } : null;
}
