// Counting failed attempts (sign-in, activation codes) in the database, so that
// every app instance sees the same counts. See docs/decisions/0003-passwords-and-throttling.md.
//
// A key gets a fixed window from its first failure; reaching maxFailures within
// the window locks the key until the window ends. Sign-in reserves each attempt
// before hashing (reserveAttempt); the other callers check, then record. The lock never grows with
// further failures, and expires by itself: a lockout an attacker can renew for
// ever would let anyone keep a trainee out of the academy.
import { db } from "~/utils/db.server.ts";
import { parseSignInIdentifier } from "./identifiers.ts";

export type ThrottleLimits = { maxFailures: number; windowMs: number };

/** Sign-in: 10 failures per key in 15 minutes (ASVS 6.3.1 asks for such a limit). */
export const SIGN_IN_LIMITS: ThrottleLimits = { maxFailures: 10, windowMs: 15 * 60_000 };

export type ThrottleState = { locked: false } | { locked: true; retryAfterMinutes: number };

/**
 * The keys one sign-in attempt counts against: the account as typed (whether
 * it exists or not, so a lockout says nothing about which accounts exist), and
 * the client's address when known (one address trying many accounts).
 */
export function throttleKeys({ identifier, ip }: { identifier: string; ip: string | null }): string[] {
  const keys = [accountKey(identifier)];
  // A dual-stack server reports an IPv4 client as ::ffff:a.b.c.d: one client, one counter.
  const address = ip?.trim().toLowerCase().replace(ipv4Mapped, "");
  if (address) keys.push(`ip:${address}`);
  return keys;
}

const ipv4Mapped = /^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/;

function accountKey(identifier: string): string {
  const parsed = parseSignInIdentifier(identifier);
  // "+86 138-0000-0001" and "13800000001" are one account and share one counter;
  // input that is no identifier at all is still counted, as typed.
  const value = parsed ? parsed.value : identifier.trim().toLowerCase();
  // Bounded so a hostile identifier cannot make keys of any size.
  return `account:${value.slice(0, 254)}`;
}

/** Locked if any of the keys is; then the longest wait, in whole minutes (at least 1). */
export async function checkThrottle(keys: string[], now: Date): Promise<ThrottleState> {
  if (keys.length === 0) return { locked: false };
  const locks = await db.signInThrottle.findMany({
    where: { key: { in: keys }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const until = Math.max(...locks.map((lock) => lock.lockedUntil?.getTime() ?? 0));
  if (until <= now.getTime()) return { locked: false };
  return { locked: true, retryAfterMinutes: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) };
}

/**
 * Counts one failure against each key. Each step is a single atomic statement
 * rather than read-then-write, so failures arriving at the same moment, on one
 * instance or several, are all counted on PostgreSQL and SQLite alike.
 */
export async function recordFailure(keys: string[], now: Date, limits: ThrottleLimits = SIGN_IN_LIMITS): Promise<void> {
  for (const key of new Set(keys)) await recordFailureFor(key, now, limits);
}

/**
 * Counts one attempt against `key` and returns the count in its window.
 * 1. A window that has ended starts again; the condition is re-checked on the
 *    locked row, so of two concurrent callers only one restarts it.
 * 2. Insert or increment in one statement (Prisma sends INSERT … ON CONFLICT
 *    DO UPDATE on both databases), so no attempt is lost to a race.
 */
async function countAttempt(key: string, now: Date, windowMs: number) {
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

async function recordFailureFor(key: string, now: Date, { maxFailures, windowMs }: ThrottleLimits) {
  const row = await countAttempt(key, now, windowMs);
  // 3. Lock until the window ends. Every caller that sees the limit writes the
  //    same time; the windowStart condition keeps a caller from locking a window
  //    that another has meanwhile restarted.
  if (row.failures >= maxFailures) {
    await db.signInThrottle.updateMany({
      where: { key, windowStart: row.windowStart },
      data: { lockedUntil: new Date(row.windowStart.getTime() + windowMs) },
    });
  }
}

/** An attempt counted before it is evaluated; given back if it turns out not to be a failure. */
export type Reservation = { key: string; windowStart: Date };

export type ReservationResult = { ok: true; reservation: Reservation } | { ok: false; retryAfterMinutes: number };

/**
 * Counts an attempt against `key` before the password is even hashed, so that
 * parallel attempts cannot all pass a check made before any of them failed:
 * the increment is one atomic statement whose result tells each caller its own
 * place. The first `maxFailures` places in a window are evaluated; any later
 * one is given back at once and refused. A reservation that ends in a failure
 * stays counted (`confirmFailure`); one that ends otherwise is released.
 */
export async function reserveAttempt(key: string, now: Date, { maxFailures, windowMs }: ThrottleLimits): Promise<ReservationResult> {
  const row = await countAttempt(key, now, windowMs);
  const reservation = { key, windowStart: row.windowStart };
  if (row.failures <= maxFailures) return { ok: true, reservation };
  await releaseAttempt(reservation);
  const until = row.windowStart.getTime() + windowMs;
  return { ok: false, retryAfterMinutes: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) };
}

/** Gives a reserved attempt back (a success, or an attempt refused by another key). */
export async function releaseAttempt({ key, windowStart }: Reservation): Promise<void> {
  await db.signInThrottle.updateMany({ where: { key, windowStart, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}

/** The reserved attempt failed: it stays counted, and the limit reached locks the key until its window ends. */
export async function confirmFailure({ key, windowStart }: Reservation, { maxFailures, windowMs }: ThrottleLimits): Promise<void> {
  await db.signInThrottle.updateMany({
    where: { key, windowStart, failures: { gte: maxFailures } },
    data: { lockedUntil: new Date(windowStart.getTime() + windowMs) },
  });
}

/** Forgets the keys' failures, e.g. the account key after a successful sign-in. */
export async function clearThrottle(keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
