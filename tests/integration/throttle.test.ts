import { describe, expect, test } from "vitest";
import { checkThrottle, clearThrottle, recordFailure, throttleKeys } from "~/modules/accounts/throttle.server.ts";
import { db } from "~/utils/db.server.ts";
import { createPerson } from "../factories/person.ts";

const start = new Date("2025-03-01T09:00:00Z");
const after = (ms: number) => new Date(start.getTime() + ms);
const minutes = (n: number) => n * 60_000;

async function fail(keys: string[], times: number, now = start) {
  for (let i = 0; i < times; i += 1) await recordFailure(keys, now);
}

const counter = (key: string) =>
  db.signInThrottle.findUnique({ where: { key }, select: { failures: true, windowStart: true, lockedUntil: true } });

describe("throttle keys", () => {
  test("one counter per account however its identifier is typed, and one per address", () => {
    expect(throttleKeys({ identifier: "+86 138-0000-0001", ip: "203.0.113.7" })).toEqual([
      "account:13800000001",
      "ip:203.0.113.7",
    ]);
    expect(throttleKeys({ identifier: "13800000001", ip: "::ffff:203.0.113.7" })).toEqual([
      "account:13800000001",
      "ip:203.0.113.7",
    ]);
    expect(throttleKeys({ identifier: " Zhang@Example.COM ", ip: null })).toEqual(["account:zhang@example.com"]);
  });

  test("input that is no identifier is still counted, as typed", () => {
    expect(throttleKeys({ identifier: "  Not An Account ", ip: "" })).toEqual(["account:not an account"]);
  });
});

describe("sign-in throttling", () => {
  test("nine failures leave the account open; the tenth locks it until the window ends", async () => {
    const keys = throttleKeys({ identifier: "13800000011", ip: null });
    await fail(keys, 9);
    expect(await checkThrottle(keys, start)).toEqual({ locked: false });

    await recordFailure(keys, start);
    expect(await checkThrottle(keys, start)).toEqual({ locked: true, retryAfterMinutes: 15 });
    expect(await checkThrottle(keys, after(minutes(14.5)))).toEqual({ locked: true, retryAfterMinutes: 1 });
    expect((await counter(keys[0]!))?.lockedUntil).toEqual(after(minutes(15)));
  });

  test("the lock lasts until the end of the window that began with the first failure", async () => {
    const keys = throttleKeys({ identifier: "13800000012", ip: null });
    await fail(keys, 1, start);
    await fail(keys, 9, after(minutes(10)));
    expect(await checkThrottle(keys, after(minutes(10)))).toEqual({ locked: true, retryAfterMinutes: 5 });
    // Failing again while locked does not lengthen the lock.
    await recordFailure(keys, after(minutes(11)));
    expect((await counter(keys[0]!))?.lockedUntil).toEqual(after(minutes(15)));
  });

  test("after the window the key opens by itself and counting starts again at one", async () => {
    const keys = throttleKeys({ identifier: "13800000013", ip: null });
    await fail(keys, 10);
    const later = after(minutes(15));
    expect(await checkThrottle(keys, later)).toEqual({ locked: false });

    await recordFailure(keys, later);
    expect(await counter(keys[0]!)).toEqual({ failures: 1, windowStart: later, lockedUntil: null });
    await fail(keys, 8, later);
    expect(await checkThrottle(keys, later)).toEqual({ locked: false });
  });

  test("failures spread over more than one window never lock", async () => {
    const keys = throttleKeys({ identifier: "13800000014", ip: null });
    await fail(keys, 9, start);
    await fail(keys, 9, after(minutes(15)));
    expect(await checkThrottle(keys, after(minutes(15)))).toEqual({ locked: false });
  });

  test("clearing the account key after a success leaves the address counting", async () => {
    const [account, address] = throttleKeys({ identifier: "13800000015", ip: "198.51.100.20" }) as [string, string];
    await fail([account, address], 10);
    expect(await checkThrottle([account, address], start)).toMatchObject({ locked: true });

    await clearThrottle([account]);
    expect(await checkThrottle([account], start)).toEqual({ locked: false });
    expect(await counter(account)).toBeNull();
    expect(await checkThrottle([account, address], start)).toEqual({ locked: true, retryAfterMinutes: 15 });
  });

  test("any locked key locks the attempt, and the longest lock is reported", async () => {
    const account = throttleKeys({ identifier: "13800000016", ip: null });
    const address = ["ip:192.0.2.44"];
    await fail(address, 10, start);
    await fail(account, 10, after(minutes(5)));
    expect(await checkThrottle([...account, ...address], after(minutes(6)))).toEqual({
      locked: true,
      retryAfterMinutes: 14,
    });
    expect(await checkThrottle(address, after(minutes(6)))).toEqual({ locked: true, retryAfterMinutes: 9 });
  });

  test("a known account and an unknown one are throttled exactly alike", async () => {
    const person = await createPerson();
    const known = throttleKeys({ identifier: person.mobile!, ip: null });
    const unknown = throttleKeys({ identifier: "13999999998", ip: null });
    for (let i = 1; i <= 10; i += 1) {
      await recordFailure(known, start);
      await recordFailure(unknown, start);
      expect(await checkThrottle(known, start)).toEqual(await checkThrottle(unknown, start));
    }
    const [knownRow, unknownRow] = await Promise.all([counter(known[0]!), counter(unknown[0]!)]);
    expect(knownRow).toEqual(unknownRow);
    expect(knownRow?.lockedUntil).toEqual(after(minutes(15)));
  });

  test("ten failures at the same moment all count, and lock the key", async () => {
    const keys = throttleKeys({ identifier: "13800000017", ip: "203.0.113.99" });
    await Promise.all(Array.from({ length: 10 }, () => recordFailure(keys, start)));
    for (const key of keys) {
      expect(await counter(key)).toEqual({ failures: 10, windowStart: start, lockedUntil: after(minutes(15)) });
    }
    expect(await checkThrottle(keys, start)).toEqual({ locked: true, retryAfterMinutes: 15 });
  });

  test("concurrent failures on a window that has run out restart it once", async () => {
    const keys = throttleKeys({ identifier: "13800000018", ip: null });
    await fail(keys, 10);
    const later = after(minutes(20));
    await Promise.all(Array.from({ length: 5 }, () => recordFailure(keys, later)));
    expect(await counter(keys[0]!)).toEqual({ failures: 5, windowStart: later, lockedUntil: null });
  });
});

describe("stricter limits for activation codes", () => {
  test("the caller sets the limits for its own keys", async () => {
    const keys = ["activation:invitation-1"];
    const limits = { maxFailures: 5, windowMs: minutes(60) };
    for (let i = 0; i < 4; i += 1) await recordFailure(keys, start, limits);
    expect(await checkThrottle(keys, start)).toEqual({ locked: false });
    await recordFailure(keys, start, limits);
    expect(await checkThrottle(keys, after(minutes(30)))).toEqual({ locked: true, retryAfterMinutes: 30 });
    expect(await checkThrottle(keys, after(minutes(60)))).toEqual({ locked: false });
  });

  test("no keys: nothing to check, record or clear", async () => {
    await recordFailure([], start);
    await clearThrottle([]);
    expect(await checkThrottle([], start)).toEqual({ locked: false });
  });
});
