// How often the public application form may be sent: per client address and
// per mobile number, counted in the sign-in throttle's table (one count shared
// by every instance) under keys of their own. Every application counts, not
// only failures: the form creates accounts and hashes a password, so it is the
// cheapest way to load the server, and its answer must not be probed at will.
import { db } from "~/utils/db.server.ts";
import { clientAddress } from "~/utils/request.server.ts";
import { checkThrottle, recordFailure, type ThrottleLimits } from "~/modules/accounts/throttle.server.ts";

/** A class applying together behind one Wi-Fi fits; a script does not. */
export const APPLY_ADDRESS_LIMITS: ThrottleLimits = { maxFailures: 30, windowMs: 15 * 60_000 };
/** One person retries a few times; more is someone trying numbers. */
export const APPLY_MOBILE_LIMITS: ThrottleLimits = { maxFailures: 5, windowMs: 60 * 60_000 };

export type ApplyAllowance = { allowed: true } | { allowed: false; retryAfterMinutes: number };

const ipv4Mapped = /^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/;

function applyKeys(request: Request, mobile: string): { key: string; limits: ThrottleLimits }[] {
  const address = clientAddress(request)?.trim().toLowerCase().replace(ipv4Mapped, "");
  return [
    { key: `apply-mobile:${mobile.slice(0, 32)}`, limits: APPLY_MOBILE_LIMITS },
    ...(address ? [{ key: `apply-ip:${address.slice(0, 64)}`, limits: APPLY_ADDRESS_LIMITS }] : []),
  ];
}

/**
 * Reserves one application against the address and the mobile number, before
 * any password is hashed. Each count is one atomic statement and is read back
 * after it, so parallel requests cannot slip past the limit together.
 */
export async function reserveApplication(request: Request, mobile: string, now: Date): Promise<ApplyAllowance> {
  const keys = applyKeys(request, mobile);
  const locked = await checkThrottle(
    keys.map((k) => k.key),
    now,
  );
  if (locked.locked) return { allowed: false, retryAfterMinutes: locked.retryAfterMinutes };
  for (const { key, limits } of keys) await recordFailure([key], now, limits);
  const counts = await db.signInThrottle.findMany({
    where: { key: { in: keys.map((k) => k.key) } },
    select: { key: true, failures: true, windowStart: true },
  });
  for (const { key, limits } of keys) {
    const row = counts.find((c) => c.key === key);
    if (row && row.failures > limits.maxFailures) {
      const minutes = Math.ceil((row.windowStart.getTime() + limits.windowMs - now.getTime()) / 60_000);
      return { allowed: false, retryAfterMinutes: Math.max(1, minutes) };
    }
  }
  return { allowed: true };
}
