import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { clientAddress } from "~/utils/request.server.ts";
import { parseSignInIdentifier } from "./identifiers.ts";
import { decoyPasswordHash, verifyPassword } from "./password.server.ts";
import { checkThrottle, clearThrottle, recordFailure, SIGN_IN_LIMITS, throttleKeys, type ThrottleLimits } from "./throttle.server.ts";

/**
 * A classroom of trainees signs in from one address (the venue's Wi-Fi), so an
 * address may fail ten times as often as one account before it waits.
 */
export const ADDRESS_LIMITS: ThrottleLimits = { maxFailures: 100, windowMs: SIGN_IN_LIMITS.windowMs };

export type SignInResult = { ok: true; personId: string } | { ok: false; lockedMinutes?: number };

/**
 * Checks an identifier (mobile number or e-mail) and password. Unknown accounts,
 * inactive accounts and wrong passwords give the same answer after the same
 * work; so does a lockout, which depends only on what was typed, never on
 * whether such an account exists.
 */
export async function signIn(input: {
  identifier: string;
  password: string;
  request: Request;
  now?: Date;
}): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const [accountKey, addressKey] = throttleKeys({ identifier: input.identifier, ip: clientAddress(input.request) });
  const throttle = await checkThrottle([accountKey!, ...(addressKey ? [addressKey] : [])], now);
  if (throttle.locked) {
    await recordAudit({ action: "auth.sign_in_locked", request: input.request, at: now, detail: { key: accountKey } });
    return { ok: false, lockedMinutes: throttle.retryAfterMinutes };
  }

  const identifier = parseSignInIdentifier(input.identifier);
  const person = identifier
    ? await db.person.findUnique({
        where: identifier.kind === "mobile" ? { mobile: identifier.value } : { email: identifier.value },
        select: { id: true, status: true, passwordHash: true },
      })
    : null;
  const passwordOk = await verifyPassword(person?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!person || !person.passwordHash || !passwordOk || person.status !== "active") {
    await recordFailure([accountKey!], now, SIGN_IN_LIMITS);
    if (addressKey) await recordFailure([addressKey], now, ADDRESS_LIMITS);
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
  await clearThrottle([accountKey!]);
  await db.person.update({ where: { id: person.id }, data: { lastSignInAt: now } });
  await recordAudit({ action: "auth.sign_in", actorId: person.id, targetType: "person", targetId: person.id, request: input.request, at: now });
  return { ok: true, personId: person.id };
}
