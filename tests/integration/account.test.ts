// A person's own account: changing the password, their sessions, and how
// sign-in holds off guessing without locking a classroom out.
import { describe, expect, test } from "vitest";
import { changePassword, endOtherSessions } from "~/modules/accounts/account.server.ts";
import {
  createAuthSession,
  getCurrentUser,
  listActiveSessions,
  revokeOwnSession,
  SESSION_IDLE_MS,
  STAFF_SESSION_ABSOLUTE_MS,
  STAFF_SESSION_IDLE_MS,
} from "~/modules/accounts/auth-session.server.ts";
import { signIn } from "~/modules/accounts/sign-in.server.ts";
import { db } from "~/utils/db.server.ts";
import { createPerson, defaultTestPassword } from "../factories/person.ts";

const now = new Date("2025-03-03T01:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const newPassword = "Tangerine-ladder-42";

const request = (cookie?: string) =>
  new Request("http://localhost/", { headers: cookie ? { Cookie: cookie.split(";")[0]! } : {} });
const from = (address: string) =>
  new Request("http://localhost/login", { headers: { "X-Academy-Client-Address": address } });

/** A person signed in on three devices; `phone` is the one they are using. */
async function signedInThreeTimes() {
  const person = await createPerson();
  const [phone, laptop, tablet] = [
    await createAuthSession(request(), person.id, { userAgent: "Phone" }, now),
    await createAuthSession(request(), person.id, { userAgent: "Laptop" }, now),
    await createAuthSession(request(), person.id, { userAgent: "Tablet" }, now),
  ];
  const current = await getCurrentUser(request(phone), now);
  return { person, phone, laptop, tablet, authSessionId: current!.authSessionId };
}

const whoIs = async (cookie: string, at = now) => (await getCurrentUser(request(cookie), at))?.id ?? null;

describe("changing the password", () => {
  test("a wrong current password is refused and counts: after ten the change is locked", async () => {
    const { person, phone, authSessionId } = await signedInThreeTimes();
    const attempt = (current: string, at = now) =>
      changePassword({
        personId: person.id,
        authSessionId,
        current,
        password: newPassword,
        request: request(phone),
        now: at,
      });

    for (let i = 0; i < 10; i += 1) expect(await attempt("not my password")).toEqual({ ok: false, error: "current" });
    // Locked: even the right current password waits.
    expect(await attempt(defaultTestPassword, later(MINUTE))).toEqual({ ok: false, error: "locked", minutes: 14 });
    expect(await signIn({ identifier: person.mobile!, password: newPassword, request: request(), now })).toEqual({
      ok: false,
    });

    expect(await attempt(defaultTestPassword, later(15 * MINUTE))).toEqual({ ok: true, sessionsEnded: 2 });
  });

  test("a common new password is refused and nothing changes", async () => {
    const { person, phone, laptop, authSessionId } = await signedInThreeTimes();
    const outcome = await changePassword({
      personId: person.id,
      authSessionId,
      current: defaultTestPassword,
      password: "password123",
      request: request(phone),
      now,
    });
    expect(outcome).toEqual({ ok: false, error: "password", reason: "common" });
    const personal = await changePassword({
      personId: person.id,
      authSessionId,
      current: defaultTestPassword,
      password: person.mobile!,
      request: request(phone),
      now,
    });
    expect(personal).toEqual({ ok: false, error: "password", reason: "personal" });

    expect(await whoIs(laptop)).toBe(person.id);
    expect(
      await signIn({ identifier: person.mobile!, password: defaultTestPassword, request: request(), now }),
    ).toEqual({ ok: true, personId: person.id });
  });

  test("success keeps this session, ends every other one, and only the new password signs in", async () => {
    const { person, phone, laptop, tablet, authSessionId } = await signedInThreeTimes();
    const other = await createPerson();
    const othersPhone = await createAuthSession(request(), other.id, {}, now);

    const outcome = await changePassword({
      personId: person.id,
      authSessionId,
      current: defaultTestPassword,
      password: newPassword,
      request: request(phone),
      now: later(MINUTE),
    });
    expect(outcome).toEqual({ ok: true, sessionsEnded: 2 });

    const at = later(2 * MINUTE);
    expect(await whoIs(phone, at)).toBe(person.id);
    expect(await whoIs(laptop, at)).toBeNull();
    expect(await whoIs(tablet, at)).toBeNull();
    expect(await whoIs(othersPhone, at)).toBe(other.id);

    expect(await signIn({ identifier: person.mobile!, password: newPassword, request: request(), now: at })).toEqual({
      ok: true,
      personId: person.id,
    });
    expect(
      await signIn({ identifier: person.mobile!, password: defaultTestPassword, request: request(), now: at }),
    ).toEqual({ ok: false });

    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.password_changed", targetId: person.id },
      select: { actorId: true, detail: true },
    });
    expect(event).toEqual({ actorId: person.id, detail: JSON.stringify({ sessionsEnded: 2 }) });
  });
});

describe("sessions", () => {
  test("ending the other sessions returns how many ended and keeps this one", async () => {
    const { person, phone, laptop, tablet, authSessionId } = await signedInThreeTimes();
    expect(await endOtherSessions({ personId: person.id, authSessionId, request: request(phone), now })).toBe(2);
    expect(await whoIs(phone)).toBe(person.id);
    expect(await whoIs(laptop)).toBeNull();
    expect(await whoIs(tablet)).toBeNull();
    expect((await listActiveSessions(person.id, now)).map((s) => s.id)).toEqual([authSessionId]);
    // Nothing left to end.
    expect(await endOtherSessions({ personId: person.id, authSessionId, request: request(phone), now })).toBe(0);
  });

  test("a person can end their own sessions but not somebody else's", async () => {
    const mine = await signedInThreeTimes();
    const theirs = await signedInThreeTimes();

    expect(await revokeOwnSession(mine.person.id, theirs.authSessionId, now)).toBe(false);
    expect(await whoIs(theirs.phone)).toBe(theirs.person.id);

    const laptopId = (await getCurrentUser(request(mine.laptop), now))!.authSessionId;
    expect(await revokeOwnSession(mine.person.id, laptopId, now)).toBe(true);
    expect(await whoIs(mine.laptop)).toBeNull();
    expect(await whoIs(mine.phone)).toBe(mine.person.id);
    // Ending it twice: nothing to end the second time.
    expect(await revokeOwnSession(mine.person.id, laptopId, now)).toBe(false);
    expect(await listActiveSessions(mine.person.id, now)).toHaveLength(2);
  });

  test("a staff-side session ends after four idle hours; a trainee's survives that long", async () => {
    const staff = await createPerson({ roles: ["staff"] });
    const trainee = await createPerson({ roles: ["trainee"] });
    const staffCookie = await createAuthSession(request(), staff.id, {}, now);
    const traineeCookie = await createAuthSession(request(), trainee.id, {}, now);

    const idle = later(STAFF_SESSION_IDLE_MS + 1);
    expect(await whoIs(staffCookie, idle)).toBeNull();
    expect(await whoIs(traineeCookie, idle)).toBe(trainee.id);
    // The trainee's own limit is a week idle, counted from that last use.
    expect(await whoIs(traineeCookie, new Date(idle.getTime() + SESSION_IDLE_MS + 1))).toBeNull();
  });

  test("a staff-side session in use stays open, but not beyond its twelve hours", async () => {
    const instructor = await createPerson({ roles: ["instructor"] });
    const cookie = await createAuthSession(request(), instructor.id, {}, now);
    // Used every three hours: each use restarts the idle clock.
    for (const hours of [3, 6, 9, 11.9]) expect(await whoIs(cookie, later(hours * HOUR))).toBe(instructor.id);
    expect(await whoIs(cookie, later(STAFF_SESSION_ABSOLUTE_MS))).toBeNull();
  });
});

describe("sign-in throttling", () => {
  test("ten wrong passwords lock the account: then even the right one waits, exactly as for an unknown account", async () => {
    const person = await createPerson();
    const unknown = "13588880001";
    const known: unknown[] = [];
    const stranger: unknown[] = [];
    for (let i = 0; i < 10; i += 1) {
      known.push(await signIn({ identifier: person.mobile!, password: `wrong ${i}`, request: request(), now }));
      stranger.push(await signIn({ identifier: unknown, password: `wrong ${i}`, request: request(), now }));
      expect(known[i]).toEqual(stranger[i]);
    }
    expect(known).toEqual(Array.from({ length: 10 }, () => ({ ok: false })));

    const right = await signIn({ identifier: person.mobile!, password: defaultTestPassword, request: request(), now });
    const guess = await signIn({ identifier: unknown, password: defaultTestPassword, request: request(), now });
    expect(right).toEqual({ ok: false, lockedMinutes: 15 });
    expect(guess).toEqual(right);
    // Another spelling of the same number is the same account, and as locked.
    const spaced = `+86 ${person.mobile!.slice(0, 3)} ${person.mobile!.slice(3, 7)} ${person.mobile!.slice(7)}`;
    expect(
      await signIn({ identifier: spaced, password: defaultTestPassword, request: request(), now: later(10 * MINUTE) }),
    ).toEqual({
      ok: false,
      lockedMinutes: 5,
    });

    expect(
      await signIn({
        identifier: person.mobile!,
        password: defaultTestPassword,
        request: request(),
        now: later(15 * MINUTE),
      }),
    ).toEqual({
      ok: true,
      personId: person.id,
    });
  });

  test("a hundred failures from one address lock that address, even for an account it never tried", async () => {
    const address = "10.0.0.1";
    const [person, elsewhere] = await Promise.all([createPerson(), createPerson()]);
    for (let i = 0; i < 99; i += 1) {
      expect(
        await signIn({
          identifier: `1358800${String(i).padStart(4, "0")}`,
          password: "guess",
          request: from(address),
          now,
        }),
      ).toEqual({ ok: false });
    }
    // Ninety-nine: still open.
    expect(
      await signIn({ identifier: person.mobile!, password: defaultTestPassword, request: from(address), now }),
    ).toEqual({ ok: true, personId: person.id });

    expect(await signIn({ identifier: "13588009999", password: "guess", request: from(address), now })).toEqual({
      ok: false,
    });
    expect(
      await signIn({ identifier: elsewhere.mobile!, password: defaultTestPassword, request: from(address), now }),
    ).toEqual({ ok: false, lockedMinutes: 15 });
    // The same address written as an IPv4-mapped IPv6 address is the same client.
    expect(
      await signIn({
        identifier: elsewhere.mobile!,
        password: defaultTestPassword,
        request: from(`::ffff:${address}`),
        now,
      }),
    ).toEqual({
      ok: false,
      lockedMinutes: 15,
    });
    // The account itself is not locked: from another address it signs in.
    expect(
      await signIn({ identifier: elsewhere.mobile!, password: defaultTestPassword, request: from("10.0.0.2"), now }),
    ).toEqual({
      ok: true,
      personId: elsewhere.id,
    });
  });

  test("a classroom on one Wi-Fi address: ten trainees mistyping once each do not lock the address", async () => {
    const classroom = "10.0.0.3";
    const trainees = [];
    for (let i = 0; i < 10; i += 1) trainees.push(await createPerson());
    for (const trainee of trainees) {
      expect(await signIn({ identifier: trainee.mobile!, password: "typo", request: from(classroom), now })).toEqual({
        ok: false,
      });
    }
    for (const trainee of trainees) {
      expect(
        await signIn({ identifier: trainee.mobile!, password: defaultTestPassword, request: from(classroom), now }),
      ).toEqual({
        ok: true,
        personId: trainee.id,
      });
    }
    const latecomer = await createPerson();
    expect(
      await signIn({ identifier: latecomer.mobile!, password: defaultTestPassword, request: from(classroom), now }),
    ).toEqual({
      ok: true,
      personId: latecomer.id,
    });
  });
});
