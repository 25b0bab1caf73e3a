// The account lifecycle as staff and trainees live it: added by staff, activated
// once with a code or a link, re-invited, deactivated and reactivated.
import { describe, expect, test } from "vitest";
import { createAuthSession, getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import {
  activateAccount,
  activateWithCode,
  findInvitationByCode,
  findInvitationByToken,
  INVITATION_TTL_MS,
} from "~/modules/accounts/invitations.server.ts";
import { signIn } from "~/modules/accounts/sign-in.server.ts";
import { addPerson, deactivatePerson, reactivatePerson, reinvitePerson } from "~/modules/people/people.server.ts";
import { PersonCreateSchema } from "~/modules/people/people.ts";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";

const now = new Date("2025-03-03T01:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const goodPassword = "Tangerine-ladder-42";
const otherGoodPassword = "purple otter rides the tram";

const request = (cookie?: string) =>
  new Request("http://localhost/", { headers: cookie ? { Cookie: cookie.split(";")[0]! } : {} });

let mobileSequence = 0;
/** Mobile numbers of people added in this file; the person factory uses 139…, these 137…. */
function nextMobile(): string {
  mobileSequence += 1;
  return `137${String(process.pid % 1000).padStart(3, "0")}${String(mobileSequence).padStart(5, "0")}`;
}

/** "13712345678" as people type it on a form: "137 1234 5678". */
const spaced = (mobile: string) => `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;

async function anAdmin() {
  const admin = await createPerson({ roles: ["admin"], name: "管理员" });
  return asUser(admin.id, ["admin"], "管理员");
}

/** A trainee added by an admin, not yet activated. */
async function invitedTrainee(at = now) {
  const actor = await anAdmin();
  const mobile = nextMobile();
  const { personId, invitation } = await addPerson(
    PersonCreateSchema.parse({ name: `学员${mobileSequence}`, mobile, role: "trainee", company: "测试有限公司" }),
    { actor, request: request(), now: at },
  );
  return { personId, mobile, invitation, actor };
}

/** A trainee who has activated their account with `goodPassword`. */
async function activeTrainee() {
  const trainee = await invitedTrainee();
  const outcome = await activateWithCode({
    identifier: trainee.mobile,
    code: trainee.invitation.code,
    password: goodPassword,
    request: request(),
    now,
  });
  expect(outcome).toEqual({ ok: true, personId: trainee.personId });
  return trainee;
}

const statusOf = async (personId: string) =>
  (await db.person.findUniqueOrThrow({ where: { id: personId }, select: { status: true } })).status;

describe("activation with a code", () => {
  test("staff add a trainee, who activates once with the code, typing the mobile number with spaces", async () => {
    const cohort = await createCohort();
    const staff = await createPerson({ roles: ["staff"] });
    await assign(cohort.id, staff.id, "staff");
    const mobile = nextMobile();
    const { personId, invitation } = await addPerson(
      PersonCreateSchema.parse({
        name: "王小明",
        mobile,
        role: "trainee",
        company: "明日科技有限公司",
        cohortId: cohort.id,
      }),
      { actor: asUser(staff.id, ["staff"]), request: request(), now },
    );
    expect(invitation.code).toMatch(/^\d{8}$/);
    expect(invitation.expiresAt).toEqual(later(INVITATION_TTL_MS));
    expect(await statusOf(personId)).toBe("invited");
    // Before activation there is no password to sign in with.
    expect(await signIn({ identifier: mobile, password: goodPassword, request: request(), now })).toEqual({
      ok: false,
    });

    const outcome = await activateWithCode({
      identifier: spaced(mobile),
      code: invitation.code,
      password: goodPassword,
      request: request(),
      now,
    });
    expect(outcome).toEqual({ ok: true, personId });
    expect(await statusOf(personId)).toBe("active");
    expect(await signIn({ identifier: mobile, password: goodPassword, request: request(), now })).toEqual({
      ok: true,
      personId,
    });

    const again = await activateWithCode({
      identifier: mobile,
      code: invitation.code,
      password: otherGoodPassword,
      request: request(),
      now,
    });
    expect(again.ok).toBe(false);
    expect(["invalid", "used"]).toContain(!again.ok && again.error);
    // The second try changed nothing: the first password still works, the second does not.
    expect(await signIn({ identifier: mobile, password: otherGoodPassword, request: request(), now })).toEqual({
      ok: false,
    });
    expect(await signIn({ identifier: mobile, password: goodPassword, request: request(), now })).toEqual({
      ok: true,
      personId,
    });
  });

  test("the code may be typed with spaces, and the e-mail address works as the identifier too", async () => {
    const actor = await anAdmin();
    const { personId, invitation } = await addPerson(
      PersonCreateSchema.parse({ name: "李老师", email: "Li.Laoshi@Example.com", role: "instructor" }),
      { actor, request: request(), now },
    );
    const code = `${invitation.code.slice(0, 4)} ${invitation.code.slice(4)}`;
    expect(await findInvitationByCode("LI.LAOSHI@example.com", code, now)).toMatchObject({ personName: "李老师" });
    const outcome = await activateWithCode({
      identifier: " li.laoshi@example.com ",
      code,
      password: goodPassword,
      request: request(),
      now,
    });
    expect(outcome).toEqual({ ok: true, personId });
  });

  test("a common password, or the person's own mobile number, is refused and the code stays unspent", async () => {
    const { personId, mobile, invitation } = await invitedTrainee();
    const attempt = (password: string) =>
      activateWithCode({ identifier: mobile, code: invitation.code, password, request: request(), now });

    expect(await attempt("password123")).toEqual({ ok: false, error: "password", passwordError: "common" });
    expect(await attempt(mobile)).toEqual({ ok: false, error: "password", passwordError: "personal" });
    expect(await attempt(`+86 ${spaced(mobile)}`)).toEqual({ ok: false, error: "password", passwordError: "personal" });
    expect(await statusOf(personId)).toBe("invited");
    const invitationRow = await db.invitation.findFirstOrThrow({ where: { personId }, select: { usedAt: true } });
    expect(invitationRow.usedAt).toBeNull();

    expect(await attempt(goodPassword)).toEqual({ ok: true, personId });
    expect(await signIn({ identifier: mobile, password: goodPassword, request: request(), now })).toEqual({
      ok: true,
      personId,
    });
  });

  test("five wrong codes lock activation for that identifier, and an unknown identifier gets exactly the same answers", async () => {
    const { personId, mobile, invitation } = await invitedTrainee();
    const unknown = nextMobile();
    const wrongCode = invitation.code === "00000000" ? "11111111" : "00000000";
    const attempt = (identifier: string, code: string, at = now) =>
      activateWithCode({ identifier, code, password: goodPassword, request: request(), now: at });

    const knownAnswers = [];
    const unknownAnswers = [];
    for (let i = 0; i < 6; i += 1) {
      knownAnswers.push(await attempt(mobile, wrongCode));
      unknownAnswers.push(await attempt(unknown, wrongCode));
      expect(knownAnswers[i]).toEqual(unknownAnswers[i]);
    }
    expect(knownAnswers).toEqual([
      ...Array.from({ length: 5 }, () => ({ ok: false, error: "invalid" })),
      { ok: false, error: "locked", minutes: 15 },
    ]);

    // Locked means locked: the right code, typed in another spelling, waits too.
    expect(await attempt(spaced(mobile), invitation.code, later(14 * MINUTE))).toEqual({
      ok: false,
      error: "locked",
      minutes: 1,
    });
    expect(await statusOf(personId)).toBe("invited");

    // Once the window has passed, the right code works (the invitation is still valid).
    expect(await attempt(mobile, invitation.code, later(15 * MINUTE))).toEqual({ ok: true, personId });
  });

  test("wrong codes for one identifier do not lock another person out", async () => {
    const victim = await invitedTrainee();
    const other = await invitedTrainee();
    for (let i = 0; i < 5; i += 1) {
      await activateWithCode({
        identifier: victim.mobile,
        code: "12345678",
        password: goodPassword,
        request: request(),
        now,
      });
    }
    const outcome = await activateWithCode({
      identifier: other.mobile,
      code: other.invitation.code,
      password: goodPassword,
      request: request(),
      now,
    });
    expect(outcome).toEqual({ ok: true, personId: other.personId });
  });

  test("an invitation works for seven days and not a moment longer", async () => {
    const { personId, mobile, invitation } = await invitedTrainee();
    const lastMinute = later(INVITATION_TTL_MS - MINUTE);
    const expired = later(INVITATION_TTL_MS);

    expect(await findInvitationByToken(invitation.token, lastMinute)).not.toBeNull();
    expect(await findInvitationByCode(mobile, invitation.code, lastMinute)).not.toBeNull();

    expect(await findInvitationByToken(invitation.token, expired)).toBeNull();
    expect(await findInvitationByCode(mobile, invitation.code, expired)).toBeNull();
    expect(
      await activateWithCode({
        identifier: mobile,
        code: invitation.code,
        password: goodPassword,
        request: request(),
        now: expired,
      }),
    ).toEqual({
      ok: false,
      error: "invalid",
    });
    // Found in time but submitted too late (a form left open overnight): still refused.
    const pending = await findInvitationByToken(invitation.token, lastMinute);
    expect(
      await activateAccount({
        invitationId: pending!.invitationId,
        password: goodPassword,
        request: request(),
        now: later(8 * DAY),
      }),
    ).toBeNull();
    expect(await statusOf(personId)).toBe("invited");
  });
});

describe("activation with a link", () => {
  test("the link shows whose account it is and activates it once", async () => {
    const { personId, mobile, invitation } = await invitedTrainee();
    const pending = await findInvitationByToken(invitation.token, now);
    expect(pending).toMatchObject({ personName: expect.stringMatching(/^学员/), passwordContext: { mobile } });

    expect(
      await activateAccount({ invitationId: pending!.invitationId, password: goodPassword, request: request(), now }),
    ).toEqual({ personId });
    expect(await statusOf(personId)).toBe("active");
    expect(await signIn({ identifier: mobile, password: goodPassword, request: request(), now })).toEqual({
      ok: true,
      personId,
    });

    expect(await findInvitationByToken(invitation.token, now)).toBeNull();
    expect(
      await activateAccount({
        invitationId: pending!.invitationId,
        password: otherGoodPassword,
        request: request(),
        now,
      }),
    ).toBeNull();
    expect(await signIn({ identifier: mobile, password: otherGoodPassword, request: request(), now })).toEqual({
      ok: false,
    });
    // The code of the same invitation is spent with it.
    expect(await findInvitationByCode(mobile, invitation.code, now)).toBeNull();
  });

  test("an unknown token finds nothing", async () => {
    expect(await findInvitationByToken("not-a-real-token-but-long-enough-to-look-like-one", now)).toBeNull();
  });

  test("two activations of one invitation at the same moment: exactly one succeeds", async () => {
    const { personId, mobile, invitation } = await invitedTrainee();
    const pending = await findInvitationByToken(invitation.token, now);
    const results = await Promise.all([
      activateAccount({ invitationId: pending!.invitationId, password: goodPassword, request: request(), now }),
      activateAccount({ invitationId: pending!.invitationId, password: otherGoodPassword, request: request(), now }),
    ]);
    expect(results.filter((result) => result !== null)).toEqual([{ personId }]);

    // The password that won is the one that signs in; the other does not.
    const winner = results[0] ? goodPassword : otherGoodPassword;
    const loser = results[0] ? otherGoodPassword : goodPassword;
    expect(await signIn({ identifier: mobile, password: winner, request: request(), now })).toEqual({
      ok: true,
      personId,
    });
    expect(await signIn({ identifier: mobile, password: loser, request: request(), now })).toEqual({ ok: false });
    expect(await db.auditEvent.count({ where: { action: "person.activated", targetId: personId } })).toBe(1);
  });
});

describe("re-invitation", () => {
  test("voids the old code, the old password and every open session; the new code works", async () => {
    const { personId, mobile, invitation: first, actor } = await activeTrainee();
    const phone = await createAuthSession(request(), personId, {}, now);
    expect(await getCurrentUser(request(phone), now)).toMatchObject({ id: personId });

    const second = await reinvitePerson(personId, { actor, request: request(), now: later(MINUTE) });
    expect(second.code).toMatch(/^\d{8}$/);
    expect(second.token).not.toBe(first.token);
    expect(await statusOf(personId)).toBe("invited");

    expect(await getCurrentUser(request(phone), later(2 * MINUTE))).toBeNull();
    expect(
      await signIn({ identifier: mobile, password: goodPassword, request: request(), now: later(2 * MINUTE) }),
    ).toEqual({ ok: false });
    expect(await findInvitationByToken(first.token, later(2 * MINUTE))).toBeNull();

    const outcome = await activateWithCode({
      identifier: mobile,
      code: second.code,
      password: otherGoodPassword,
      request: request(),
      now: later(3 * MINUTE),
    });
    expect(outcome).toEqual({ ok: true, personId });
    expect(
      await signIn({ identifier: mobile, password: otherGoodPassword, request: request(), now: later(4 * MINUTE) }),
    ).toEqual({ ok: true, personId });
  });

  test("a code from before a re-invitation no longer works even if it was never used", async () => {
    const { personId, mobile, invitation: first, actor } = await invitedTrainee();
    const second = await reinvitePerson(personId, { actor, request: request(), now: later(MINUTE) });
    // The old code is refused (unless the new one happens to be the same eight digits).
    if (second.code !== first.code) {
      expect(
        await activateWithCode({
          identifier: mobile,
          code: first.code,
          password: goodPassword,
          request: request(),
          now: later(2 * MINUTE),
        }),
      ).toEqual({
        ok: false,
        error: "invalid",
      });
    }
    expect(await findInvitationByToken(first.token, later(2 * MINUTE))).toBeNull();
    expect(await findInvitationByToken(second.token, later(2 * MINUTE))).not.toBeNull();
    expect(await db.invitation.count({ where: { personId, usedAt: null, revokedAt: null } })).toBe(1);
  });
});

describe("deactivation and reactivation", () => {
  test("deactivation ends every session at once and blocks sign-in; reactivation restores sign-in", async () => {
    const { personId, mobile, actor } = await activeTrainee();
    const phone = await createAuthSession(request(), personId, {}, now);
    const laptop = await createAuthSession(request(), personId, {}, now);
    expect(await getCurrentUser(request(phone), now)).not.toBeNull();
    expect(await getCurrentUser(request(laptop), now)).not.toBeNull();

    await deactivatePerson(personId, { actor, request: request(), now: later(MINUTE) });
    expect(await statusOf(personId)).toBe("deactivated");
    expect(await getCurrentUser(request(phone), later(2 * MINUTE))).toBeNull();
    expect(await getCurrentUser(request(laptop), later(2 * MINUTE))).toBeNull();
    expect(await db.authSession.count({ where: { personId, revokedAt: null } })).toBe(0);
    expect(
      await signIn({ identifier: mobile, password: goodPassword, request: request(), now: later(2 * MINUTE) }),
    ).toEqual({ ok: false });

    await reactivatePerson(personId, { actor, request: request(), now: later(3 * MINUTE) });
    expect(await statusOf(personId)).toBe("active");
    expect(
      await signIn({ identifier: mobile, password: goodPassword, request: request(), now: later(4 * MINUTE) }),
    ).toEqual({ ok: true, personId });
    // The sessions ended by the deactivation stay ended.
    expect(await getCurrentUser(request(phone), later(4 * MINUTE))).toBeNull();
  });

  test("a deactivated person's invitation cannot be used, and reactivation without a password needs a new invitation", async () => {
    const { personId, mobile, invitation, actor } = await invitedTrainee();
    await deactivatePerson(personId, { actor, request: request(), now: later(MINUTE) });

    expect(await findInvitationByToken(invitation.token, later(2 * MINUTE))).toBeNull();
    expect(
      await activateWithCode({
        identifier: mobile,
        code: invitation.code,
        password: goodPassword,
        request: request(),
        now: later(2 * MINUTE),
      }),
    ).toEqual({
      ok: false,
      error: "invalid",
    });
    expect(await statusOf(personId)).toBe("deactivated");

    await reactivatePerson(personId, { actor, request: request(), now: later(3 * MINUTE) });
    expect(await statusOf(personId)).toBe("invited");
    expect(await findInvitationByToken(invitation.token, later(4 * MINUTE))).toBeNull();
    expect(
      await signIn({ identifier: mobile, password: goodPassword, request: request(), now: later(4 * MINUTE) }),
    ).toEqual({ ok: false });

    const fresh = await reinvitePerson(personId, { actor, request: request(), now: later(5 * MINUTE) });
    expect(
      await activateWithCode({
        identifier: mobile,
        code: fresh.code,
        password: goodPassword,
        request: request(),
        now: later(6 * MINUTE),
      }),
    ).toEqual({
      ok: true,
      personId,
    });
  });

  test("a deactivated person cannot be re-invited", async () => {
    const { personId, actor } = await activeTrainee();
    await deactivatePerson(personId, { actor, request: request(), now: later(MINUTE) });
    await expect(reinvitePerson(personId, { actor, request: request(), now: later(2 * MINUTE) })).rejects.toMatchObject(
      {
        messageKey: "people.errors.deactivated",
      },
    );
    expect(await db.invitation.count({ where: { personId, usedAt: null, revokedAt: null } })).toBe(0);
  });

  test("nobody deactivates themselves", async () => {
    const actor = await anAdmin();
    await expect(deactivatePerson(actor.id, { actor, request: request(), now })).rejects.toMatchObject({
      messageKey: "people.errors.cannotDeactivateSelf",
    });
    expect(await statusOf(actor.id)).toBe("active");
  });
});

describe("the audit log", () => {
  test("records who added, invited, activated and deactivated the person", async () => {
    const actor = await anAdmin();
    const mobile = nextMobile();
    const staffRequest = new Request("http://localhost/", {
      headers: { "X-Academy-Client-Address": "10.0.0.1", "User-Agent": "StaffBrowser/1.0" },
    });
    const { personId, invitation } = await addPerson(
      PersonCreateSchema.parse({ name: "审计学员", mobile, role: "trainee", company: "审计有限公司" }),
      { actor, request: staffRequest, now },
    );
    await activateWithCode({
      identifier: mobile,
      code: invitation.code,
      password: goodPassword,
      request: request(),
      now: later(MINUTE),
    });
    await deactivatePerson(personId, { actor, request: staffRequest, now: later(2 * MINUTE) });

    const events = await db.auditEvent.findMany({
      where: { targetType: "person", targetId: personId },
      orderBy: [{ at: "asc" }],
      select: { action: true, actorId: true, ip: true, userAgent: true, at: true },
    });
    const byAction = (action: string) => events.filter((e) => e.action === action);
    expect(byAction("person.created")).toEqual([
      { action: "person.created", actorId: actor.id, ip: "10.0.0.1", userAgent: "StaffBrowser/1.0", at: now },
    ]);
    expect(byAction("person.invited")).toEqual([
      { action: "person.invited", actorId: actor.id, ip: "10.0.0.1", userAgent: "StaffBrowser/1.0", at: now },
    ]);
    expect(byAction("person.activated")).toEqual([
      { action: "person.activated", actorId: personId, ip: null, userAgent: null, at: later(MINUTE) },
    ]);
    expect(byAction("person.deactivated")).toEqual([
      {
        action: "person.deactivated",
        actorId: actor.id,
        ip: "10.0.0.1",
        userAgent: "StaffBrowser/1.0",
        at: later(2 * MINUTE),
      },
    ]);
  });

  test("a wrong activation code is recorded as a failure without an actor", async () => {
    const unknown = nextMobile();
    await activateWithCode({
      identifier: unknown,
      code: "87654321",
      password: goodPassword,
      request: new Request("http://localhost/", { headers: { "X-Academy-Client-Address": "10.0.0.9" } }),
      now,
    });
    const failure = await db.auditEvent.findFirstOrThrow({
      where: { action: "person.activation_failed", ip: "10.0.0.9" },
      select: { actorId: true, detail: true },
    });
    expect(failure.actorId).toBeNull();
    expect(JSON.parse(failure.detail!)).toEqual({ identifier: unknown });
  });
});
