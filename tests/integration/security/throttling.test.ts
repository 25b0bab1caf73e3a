// Security regression: sign-in throttling as an attacker met it. One person
// behind a shared address must not lock a correct password out; a client
// behind a trusted proxy must not choose the address it is counted and audited
// under; and parallel guesses must get exactly the account's limit of tries.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { changePassword } from "~/modules/accounts/account.server.ts";
import { ACTIVATION_LIMITS, activateWithCode } from "~/modules/accounts/invitations.server.ts";
import { signIn } from "~/modules/accounts/sign-in.server.ts";
import { SIGN_IN_LIMITS } from "~/modules/accounts/throttle.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { db } from "~/utils/db.server.ts";
import { sha256 } from "~/utils/hashing.server.ts";
import { createPerson, defaultTestPassword } from "../../factories/person.ts";

// Each test starts with no counters and no audit trail of its own (the file shares one database).
beforeEach(async () => {
  await db.signInThrottle.deleteMany();
  await db.auditEvent.deleteMany();
});
afterEach(() => vi.unstubAllEnvs());

const classroom = "10.20.0.1";

function loginRequest(form: { identifier: string; password: string }, headers: Record<string, string>) {
  return new Request("http://localhost/login", { method: "POST", body: new URLSearchParams(form), headers });
}

/** Signs in through the page, as a browser does; returns the device cookie it was given. */
async function signInThroughPage(identifier: string, headers: Record<string, string>): Promise<string> {
  const response = await loginAction({ request: loginRequest({ identifier, password: defaultTestPassword }, headers), params: {}, context: {} });
  expect(response).toBeInstanceOf(Response);
  const device = (response as Response).headers.getSetCookie().find((cookie) => cookie.startsWith("academy_device="));
  expect(device).toBeDefined();
  return device!.split(";")[0]!;
}

/** `count` wrong passwords for distinct made-up accounts, ten at a time, as a spraying attacker sends them. */
async function spray(count: number, headersFor: (i: number) => Record<string, string>) {
  for (let i = 0; i < count; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, (_, j) =>
        signIn({ identifier: `1357700${String(i + j).padStart(4, "0")}`, password: "guess-123", request: new Request("http://localhost/login", { headers: headersFor(i + j) }) }),
      ),
    );
  }
}

describe("one person behind a shared address", () => {
  test("a hundred failures do not lock out the admin's correct password on the browser she signed in with before", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const device = await signInThroughPage(admin.email!, { "X-Academy-Client-Address": classroom });

    await spray(100, () => ({ "X-Academy-Client-Address": classroom }));
    const attempt = (cookie?: string) =>
      signIn({
        identifier: admin.email!,
        password: defaultTestPassword,
        request: new Request("http://localhost/login", { headers: { "X-Academy-Client-Address": classroom, ...(cookie ? { Cookie: cookie } : {}) } }),
      });
    // The attacker's own browser, or a new one, still waits: the address has used up its hundred.
    expect(await attempt()).toEqual({ ok: false, lockedMinutes: 15 });
    expect(await attempt(device)).toEqual({ ok: true, personId: admin.id });
    // Through the page as well: she is signed in, and the attacker's next guess is still refused.
    await signInThroughPage(admin.email!, { "X-Academy-Client-Address": classroom, Cookie: device });
    const next = await loginAction({ request: loginRequest({ identifier: "13577009999", password: "guess-123" }, { "X-Academy-Client-Address": classroom }), params: {}, context: {} });
    expect(JSON.stringify(next)).toContain("login.errors.locked");
  });

  test("the exemption is for that account only, cannot be forged, and never lifts the account's own limit", async () => {
    const [trainee, other] = await Promise.all([createPerson(), createPerson()]);
    const device = await signInThroughPage(trainee.mobile!, { "X-Academy-Client-Address": classroom });
    await spray(100, () => ({ "X-Academy-Client-Address": classroom }));
    const attempt = (identifier: string, password: string, cookie: string) =>
      signIn({ identifier, password, request: new Request("http://localhost/login", { headers: { "X-Academy-Client-Address": classroom, Cookie: cookie } }) });

    expect(await attempt(other.mobile!, defaultTestPassword, device)).toEqual({ ok: false, lockedMinutes: 15 });
    // The right entry for the other account, under a signature that is not the server's.
    const entry = sha256(`known-device:${other.id}`).slice(0, 32);
    const forged = `academy_device=${encodeURIComponent(`${Buffer.from(JSON.stringify([entry])).toString("base64")}.forged`)}`;
    expect(await attempt(other.mobile!, defaultTestPassword, forged)).toEqual({ ok: false, lockedMinutes: 15 });

    for (let i = 0; i < SIGN_IN_LIMITS.maxFailures; i += 1) expect(await attempt(trainee.mobile!, "wrong-pass", device)).toEqual({ ok: false });
    expect(await attempt(trainee.mobile!, defaultTestPassword, device)).toEqual({ ok: false, lockedMinutes: 15 });
  });
});

describe("a client behind a trusted proxy", () => {
  const realClient = "203.0.113.7";
  const proxy = "10.0.0.1";

  test("rotating the first X-Forwarded-For entry gets no fresh counter and writes no fake address into the audit log", async () => {
    vi.stubEnv("TRUST_PROXY", "1");
    // What the proxy passes on: the entry the client wrote, then the address the proxy saw.
    await spray(12, (i) => ({ "X-Forwarded-For": `198.51.100.${i + 1}, ${realClient}`, "X-Academy-Client-Address": proxy }));

    const counters = await db.signInThrottle.findMany({ where: { key: { startsWith: "ip:" } }, select: { key: true, failures: true } });
    expect(counters).toEqual([{ key: `ip:${realClient}`, failures: 12 }]);
    const audited = await db.auditEvent.findMany({ where: { action: "auth.sign_in_failed" }, select: { ip: true } });
    expect(audited).toHaveLength(12);
    expect(new Set(audited.map((event) => event.ip))).toEqual(new Set([realClient]));
  });

  test("with two proxies the client is the second entry from the right", async () => {
    vi.stubEnv("TRUST_PROXY", "2");
    await spray(3, (i) => ({ "X-Forwarded-For": `198.51.100.${i + 1}, ${realClient}, 10.0.0.9`, "X-Academy-Client-Address": proxy }));
    const counters = await db.signInThrottle.findMany({ where: { key: { startsWith: "ip:" } }, select: { key: true, failures: true } });
    expect(counters).toEqual([{ key: `ip:${realClient}`, failures: 3 }]);
  });
});

describe("parallel guesses at one account", () => {
  test("forty wrong passwords at once: exactly ten are evaluated, the rest refused, and the account is locked", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn({
          identifier: admin.email!,
          password: `wrong-password-${i}`,
          request: new Request("http://localhost/login", { headers: { "X-Academy-Client-Address": `192.0.2.${i + 1}` } }),
          now,
        }),
      ),
    );
    expect(results.filter((result) => result.ok === false && result.lockedMinutes === undefined)).toHaveLength(SIGN_IN_LIMITS.maxFailures);
    expect(results.filter((result) => result.ok === false && result.lockedMinutes === 15)).toHaveLength(40 - SIGN_IN_LIMITS.maxFailures);
    // Evaluated means hashed and found wrong: each of those, and only those, is a failure in the audit log.
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in_failed", targetId: admin.id } })).toBe(SIGN_IN_LIMITS.maxFailures);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in_locked" } })).toBe(40 - SIGN_IN_LIMITS.maxFailures);
    expect(await db.signInThrottle.findUnique({ where: { key: `account:${admin.email}` }, select: { failures: true } })).toEqual({ failures: 10 });
    expect(await signIn({ identifier: admin.email!, password: defaultTestPassword, request: new Request("http://localhost/login"), now })).toEqual({
      ok: false,
      lockedMinutes: 15,
    });
  });
});

describe("activation codes and password changes under parallel guesses", () => {
  test("twenty wrong activation codes at once: exactly five are looked up, the rest refused", async () => {
    const invited = await createPerson({ status: "invited", password: null });
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        activateWithCode({
          identifier: invited.mobile!,
          code: String(10_000_000 + i),
          password: "a-new-long-passphrase",
          request: new Request("http://localhost/activate", { headers: { "X-Academy-Client-Address": `192.0.2.${i + 1}` } }),
          now,
        }),
      ),
    );
    expect(results.filter((result) => !result.ok && result.error === "invalid")).toHaveLength(ACTIVATION_LIMITS.maxFailures);
    expect(results.filter((result) => !result.ok && result.error === "locked")).toHaveLength(20 - ACTIVATION_LIMITS.maxFailures);
    expect(await db.auditEvent.count({ where: { action: "person.activation_failed" } })).toBe(ACTIVATION_LIMITS.maxFailures);
  });

  test("twenty wrong current passwords at once: exactly ten are checked, the rest refused", async () => {
    const person = await createPerson();
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        changePassword({
          personId: person.id,
          authSessionId: "none",
          current: `wrong-current-${i}`,
          password: "a-new-long-passphrase",
          request: new Request("http://localhost/account"),
          now,
        }),
      ),
    );
    expect(results.filter((result) => !result.ok && result.error === "current")).toHaveLength(SIGN_IN_LIMITS.maxFailures);
    expect(results.filter((result) => !result.ok && result.error === "locked")).toHaveLength(20 - SIGN_IN_LIMITS.maxFailures);
  });
});
