import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { clientAddress } from "~/utils/request.server.ts";
import { parseSignInIdentifier } from "./identifiers.ts";
import { isKnownDevice } from "./known-device.server.ts";
import { decoyPasswordHash, verifyPassword } from "./password.server.ts";
import { clearThrottle, confirmFailure, releaseAttempt, reserveAttempt, SIGN_IN_LIMITS, throttleKeys, type ThrottleLimits } from "./throttle.server.ts";

/**
 * A classroom of trainees signs in from one address (the venue's Wi-Fi), so an
 * address may fail ten times as often as one account before it waits, and the
 * wait never applies to a browser that signed in to the account before.
 */
export const ADDRESS_LIMITS: ThrottleLimits = { maxFailures: 100, windowMs: SIGN_IN_LIMITS.windowMs };

export type SignInResult = { ok: true; personId: string } | { ok: false; lockedMinutes?: number };

/**
 * Checks an identifier (mobile number or e-mail) and password. Unknown accounts,
 * inactive accounts and wrong passwords give the same answer after the same
 * work; so does a lockout, which depends only on what was typed, never on
 * whether such an account exists.
 *
 * The attempt is counted before the password is hashed (reserveAttempt), so
 * parallel guesses get exactly the limit's number of evaluations. The address
 * counts only for browsers that never signed in to this account: a known
 * device passes the address's lock, so one person behind a shared address
 * cannot keep everyone else out (known-device.server.ts).
 */
export async function signIn(input: {
  identifier: string;
  password: string;
  request: Request;
  now?: Date;
}): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const [accountKey, addressKey] = throttleKeys({ identifier: input.identifier, ip: clientAddress(input.request) }) as [string, string?];
  const locked = async (retryAfterMinutes: number): Promise<SignInResult> => {
    await recordAudit({ action: "auth.sign_in_locked", request: input.request, at: now, detail: { key: accountKey } });
    return { ok: false, lockedMinutes: retryAfterMinutes };
  };

  const account = await reserveAttempt(accountKey, now, SIGN_IN_LIMITS);
  if (!account.ok) return locked(account.retryAfterMinutes);
  const identifier = parseSignInIdentifier(input.identifier);
  const person = identifier
    ? await db.person.findUnique({
        where: identifier.kind === "mobile" ? { mobile: identifier.value } : { email: identifier.value },
        select: { id: true, status: true, passwordHash: true },
      })
    : null;
  const countsAddress = addressKey !== undefined && !(person && (await isKnownDevice(input.request, person.id)));
  const address = countsAddress ? await reserveAttempt(addressKey, now, ADDRESS_LIMITS) : null;
  if (address && !address.ok) {
    await releaseAttempt(account.reservation);
    return locked(address.retryAfterMinutes);
  }

  const passwordOk = await verifyPassword(person?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!person || !person.passwordHash || !passwordOk || person.status !== "active") {
    await confirmFailure(account.reservation, SIGN_IN_LIMITS);
    if (address?.ok) await confirmFailure(address.reservation, ADDRESS_LIMITS);
    await recordAudit({
      action: "auth.sign_in_failed",
      targetType: person ? "person" : undefined,
      targetId: person?.id,
      request: input.request,
      at: now,
      detail: person ? undefined : { identifier: input.identifier.slice(0, 100) },
    });
    return { ok: false };
  }
  // The account's failures are forgotten; the address's are not (they may be another person's guesses).
  await clearThrottle([accountKey]);
  if (address?.ok) await releaseAttempt(address.reservation);
  await db.person.update({ where: { id: person.id }, data: { lastSignInAt: now } });
  await recordAudit({ action: "auth.sign_in", actorId: person.id, targetType: "person", targetId: person.id, request: input.request, at: now });
  return { ok: true, personId: person.id };
}
