import { describe, expect, test } from "vitest";
import { createAuthSession, endAuthSession, getCurrentUser, SESSION_IDLE_MS } from "~/modules/accounts/auth-session.server.ts";
import { signIn } from "~/modules/accounts/sign-in.server.ts";
import { db } from "~/utils/db.server.ts";
import { createPerson, defaultTestPassword } from "../factories/person.ts";

const request = (cookie?: string) =>
  new Request("http://localhost/", { headers: cookie ? { Cookie: cookie.split(";")[0]! } : {} });

describe("signing in", () => {
  test("with a mobile number in any common spelling, or an e-mail in any case", async () => {
    const person = await createPerson();
    const spaced = `${person.mobile!.slice(0, 3)} ${person.mobile!.slice(3, 7)} ${person.mobile!.slice(7)}`;
    for (const identifier of [person.mobile!, spaced, `+86${person.mobile}`, person.email!.toUpperCase()]) {
      expect(await signIn({ identifier, password: defaultTestPassword, request: request() })).toEqual({
        ok: true,
        personId: person.id,
      });
    }
  });

  test("a wrong password, an unknown account and a deactivated account get the same answer", async () => {
    const person = await createPerson();
    const gone = await createPerson({ status: "deactivated" });
    const invited = await createPerson({ status: "invited", password: null });
    const results = await Promise.all([
      signIn({ identifier: person.mobile!, password: "wrong password", request: request() }),
      signIn({ identifier: "13999999999", password: defaultTestPassword, request: request() }),
      signIn({ identifier: gone.mobile!, password: defaultTestPassword, request: request() }),
      signIn({ identifier: invited.mobile!, password: "", request: request() }),
    ]);
    expect(results).toEqual([{ ok: false }, { ok: false }, { ok: false }, { ok: false }]);
  });

  test("successes and failures are written to the audit log", async () => {
    const person = await createPerson();
    await signIn({ identifier: person.mobile!, password: "nope", request: request() });
    await signIn({ identifier: person.mobile!, password: defaultTestPassword, request: request() });
    const events = await db.auditEvent.findMany({ where: { targetId: person.id }, orderBy: { at: "asc" }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(["auth.sign_in_failed", "auth.sign_in"]);
  });
});

describe("sign-in sessions", () => {
  test("the cookie identifies the person until sign-out ends the session on the server", async () => {
    const person = await createPerson({ roles: ["trainee"] });
    const cookie = await createAuthSession(request(), person.id, {});
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const user = await getCurrentUser(request(cookie));
    expect(user).toMatchObject({ id: person.id, roles: ["trainee"] });

    await endAuthSession(request(cookie));
    expect(await getCurrentUser(request(cookie))).toBeNull();
    const stored = await db.authSession.findFirstOrThrow({ where: { personId: person.id } });
    expect(stored.revokedAt).not.toBeNull();
  });

  test("only a hash of the token is stored", async () => {
    const person = await createPerson();
    const cookie = await createAuthSession(request(), person.id, {});
    const stored = await db.authSession.findFirstOrThrow({ where: { personId: person.id }, select: { tokenHash: true } });
    expect(cookie).not.toContain(stored.tokenHash);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a session left idle too long, or of a deactivated person, no longer signs in", async () => {
    const person = await createPerson();
    const began = new Date("2025-03-01T00:00:00Z");
    const cookie = await createAuthSession(request(), person.id, {}, began);
    expect(await getCurrentUser(request(cookie), new Date(began.getTime() + 60_000))).not.toBeNull();
    expect(await getCurrentUser(request(cookie), new Date(began.getTime() + SESSION_IDLE_MS + 1))).toBeNull();

    const other = await createPerson();
    const otherCookie = await createAuthSession(request(), other.id, {});
    await db.person.update({ where: { id: other.id }, data: { status: "deactivated" } });
    expect(await getCurrentUser(request(otherCookie))).toBeNull();
  });

  test("a forged or tampered cookie is ignored", async () => {
    expect(await getCurrentUser(request("academy_session=forged-value-that-is-long-enough"))).toBeNull();
    const person = await createPerson();
    const cookie = await createAuthSession(request(), person.id, {});
    const tampered = cookie.replace(/academy_session=([^;]{5})/, "academy_session=AAAAA");
    expect(await getCurrentUser(request(tampered))).toBeNull();
  });
});
