// The full password policy, with the list of common passwords that only the
// server holds. Shared code (and so the browser) checks the length only.
import { commonPasswords } from "./common-passwords.server.ts";
import { checkPasswordAgainst, type PasswordCheck, type PasswordContext } from "./password-policy.ts";

/** Length, personal data and common passwords: every rule of password-policy.ts. */
export function checkPassword(password: string, context?: PasswordContext): PasswordCheck {
  return checkPasswordAgainst(commonPasswords(), password, context);
}
