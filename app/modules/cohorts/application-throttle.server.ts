// How often the public application form may be sent: per client address and
// per mobile number, counted in the sign-in throttle's table (one count shared
// by every instance) under keys of their own. Every application counts, not
// only failures: the form creates accounts and hashes a password, so it is the
// cheapest way to load the server, and its answer must not be probed at will.
import { db } from "~/utils/db.server.ts";
import { clientAddress } from "~/utils/request.server.ts";
import type { ThrottleLimits } from "~/modules/accounts/throttle.server.ts";

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
 * Counts one attempt against a key and returns the count including it. The
 * same two atomic steps as the sign-in throttle (a window that has ended
 * restarts; insert or increment in one statement), but the count comes back
 * from the increment itself, so of parallel requests exactly the first
 * `maxFailures` are let through.
 */
async function countAttempt(key: string, now: Date, { windowMs }: ThrottleLimits) {
  await db.signInThrottle.updateMany({
    where: { key, windowStart: { lte: new Date(now.getTime() - windowMs) } },
    data: { failures: 0, windowStart: now, lockedUntil: null },
  });
  return db.signInThrottle.upsert({
    where: { key },
    create: { key, failures: 1, windowStart: now },
    update: { failures: { increment: 1 } },
    select: { failures: true, windowStart: true },
  });
}

/**
 * Reserves one application against the mobile number and the address, before
 * any password is hashed. Refused attempts count too, within the same fixed
 * window, so the wait never grows.
 */
export async function reserveApplication(request: Request, mobile: string, now: Date): Promise<ApplyAllowance> {
  let wait = 0;
  for (const { key, limits } of applyKeys(request, mobile)) {
    const row = await countAttempt(key, now, limits);
    if (row.failures > limits.maxFailures) wait = Math.max(wait, row.windowStart.getTime() + limits.windowMs - now.getTime());
  }
  return wait > 0 ? { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil(wait / 60_000)) } : { allowed: true };
}
