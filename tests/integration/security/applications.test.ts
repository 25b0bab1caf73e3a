// The public application form (/apply/<code>) as an attacker uses it: to claim
// somebody else's mobile number before staff import the real roster, to learn
// which numbers and e-mails have accounts, and to load the server.
import { describe, expect, test, vi } from "vitest";
import * as passwords from "~/modules/accounts/password.server.ts";
import { activateWithCode } from "~/modules/accounts/invitations.server.ts";
import { signIn } from "~/modules/accounts/sign-in.server.ts";
import { APPLY_ADDRESS_LIMITS, APPLY_MOBILE_LIMITS } from "~/modules/cohorts/application-throttle.server.ts";
import { applyAsNewcomer, applyAsPerson } from "~/modules/cohorts/application.server.ts";
import { ApplicationSchema } from "~/modules/cohorts/application.ts";
import { decideEnrollment } from "~/modules/cohorts/enrollment.server.ts";
import { commitRosterImport, issueCohortActivationCodes, previewRosterImport } from "~/modules/roster/import.server.ts";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort } from "../../factories/cohort.ts";
import { createPerson, defaultTestPassword } from "../../factories/person.ts";
import { rosterXlsx } from "../../factories/roster-files.ts";
import { asUser } from "../../factories/user.ts";

vi.mock("~/modules/accounts/password.server.ts", async (importOriginal) => {
  const original = await importOriginal<typeof passwords>();
  return { ...original, hashPassword: vi.fn(original.hashPassword) };
});

const now = new Date("2025-03-03T01:00:00Z");
const attackerPassword = "Attacker-owns-this-1";
let sequence = 0;
const fromAddress = (address = "198.51.100.7") => new Request("http://localhost/apply", { headers: { "X-Academy-Client-Address": address } });
const form = (overrides: Record<string, string> = {}) =>
  ApplicationSchema.parse({ name: "冒名者", mobile: `134${String(process.pid % 1000).padStart(3, "0")}${String((sequence += 1)).padStart(5, "0")}`, company: "冒名企业有限公司", password: attackerPassword, confirm: attackerPassword, ...overrides });

async function enrollingCohortWithStaff() {
  const cohort = await createCohort({ status: "enrolling" });
  const staff = await createPerson({ roles: ["staff"] });
  await assign(cohort.id, staff.id, "staff");
  return { cohort, actor: asUser(staff.id, ["staff"]) };
}

describe("attack 4: pre-registering somebody else's mobile number", () => {
  test("the roster import resets the self-made account, and the real trainee activates it with the code from staff", async () => {
    const { cohort, actor } = await enrollingCohortWithStaff();
    const other = await createCohort({ status: "enrolling" });
    const victim = form().mobile;
    await applyAsNewcomer({ cohortId: cohort.id, application: form({ mobile: victim, email: "attacker@evil.test" }), request: fromAddress(), now });
    const signedIn = await signIn({ identifier: victim, password: attackerPassword, request: fromAddress(), now });
    expect(signedIn).toMatchObject({ ok: true });
    // Signed in, the attacker applies to another cohort as well.
    await applyAsPerson({ cohortId: other.id, personId: (signedIn as { personId: string }).personId, request: fromAddress(), now });
    const bytes = await rosterXlsx([{ name: "真学员", mobile: victim, company: "真企业有限公司" }]);

    const preview = await previewRosterImport({ cohortId: cohort.id, fileName: "roster.xlsx", bytes, actor });
    expect(preview.accountNotes).toEqual([{ rowNumber: 2, name: "真学员", note: "resetsApplicant" }]);
    expect(JSON.stringify(preview)).not.toContain("attacker@evil.test");
    expect(await commitRosterImport({ cohortId: cohort.id, fileName: "roster.xlsx", bytes, actor, request: fromAddress(), now })).toMatchObject({ ok: true, created: 0, enrolled: 1 });

    const person = await db.person.findUniqueOrThrow({
      where: { mobile: victim },
      select: { id: true, name: true, email: true, status: true, passwordHash: true, unverified: true, trainee: { select: { company: true } }, enrollments: { select: { cohortId: true, status: true } } },
    });
    expect(person).toMatchObject({ name: "真学员", email: null, status: "invited", passwordHash: null, unverified: false, trainee: { company: "真企业有限公司" } });
    expect(person.enrollments.sort((x, y) => (x.cohortId === cohort.id ? -1 : y.cohortId === cohort.id ? 1 : 0))).toEqual([
      { cohortId: cohort.id, status: "enrolled" },
      { cohortId: other.id, status: "withdrawn" },
    ]);
    expect(await signIn({ identifier: victim, password: attackerPassword, request: fromAddress(), now })).toMatchObject({ ok: false });
    expect(await db.authSession.count({ where: { personId: person.id, revokedAt: null } })).toBe(0);

    const codes = await issueCohortActivationCodes({ cohortId: cohort.id, actor, request: fromAddress(), now });
    expect(codes.map((c) => c.id)).toEqual([person.id]);
    const activated = await activateWithCode({ identifier: victim, code: codes[0]!.code, password: "Real-trainee-sets-this-9", request: fromAddress(), now });
    expect(activated).toEqual({ ok: true, personId: person.id });
  });

  test("once staff accept the application, the account is the applicant's: an import keeps its password and details", async () => {
    const { cohort, actor } = await enrollingCohortWithStaff();
    const application = form({ name: "真报名者" });
    await applyAsNewcomer({ cohortId: cohort.id, application, request: fromAddress(), now });
    const enrollment = await db.enrollment.findFirstOrThrow({ where: { cohortId: cohort.id, person: { mobile: application.mobile } }, select: { id: true } });
    await decideEnrollment({ cohortId: cohort.id, enrollmentId: enrollment.id, decision: "approve", actorId: actor.id, now });
    const next = await createCohort({ status: "enrolling" });
    await assign(next.id, actor.id, "staff");

    const bytes = await rosterXlsx([{ name: "真报名者", mobile: application.mobile, company: "冒名企业有限公司" }]);
    const preview = await previewRosterImport({ cohortId: next.id, fileName: "roster.xlsx", bytes, actor });
    expect(preview.accountNotes).toEqual([]);
    await commitRosterImport({ cohortId: next.id, fileName: "roster.xlsx", bytes, actor, request: fromAddress(), now });
    expect(await signIn({ identifier: application.mobile, password: attackerPassword, request: fromAddress(), now })).toMatchObject({ ok: true });
  });
});

describe("attack 8: enumeration and CPU exhaustion through /apply", () => {
  test("a known mobile or e-mail gets the same answer as an unknown one, one hashing each, and nothing about the known account changes", async () => {
    const { cohort } = await enrollingCohortWithStaff();
    const known = await createPerson({ email: "known@example.com" });
    const before = await db.person.findUniqueOrThrow({ where: { id: known.id } });
    const hashing = vi.mocked(passwords.hashPassword);
    const answers = [];
    for (const application of [form(), form({ mobile: known.mobile! }), form({ email: "KNOWN@example.com" })]) {
      hashing.mockClear();
      answers.push(await applyAsNewcomer({ cohortId: cohort.id, application, request: fromAddress(), now }));
      expect(hashing).toHaveBeenCalledTimes(1);
    }
    expect(answers).toEqual([{ received: true }, { received: true }, { received: true }]);
    expect(await db.person.findUniqueOrThrow({ where: { id: known.id } })).toEqual(before);
    expect(await db.enrollment.count({ where: { personId: known.id } })).toBe(0);
    expect(await signIn({ identifier: known.mobile!, password: defaultTestPassword, request: fromAddress(), now })).toMatchObject({ ok: true });
  });

  test("per mobile number: the limit holds exactly under parallel requests, and a refused request hashes nothing", async () => {
    const { cohort } = await enrollingCohortWithStaff();
    const application = form();
    const hashing = vi.mocked(passwords.hashPassword);
    hashing.mockClear();
    const answers = await Promise.all(
      Array.from({ length: APPLY_MOBILE_LIMITS.maxFailures + 5 }, (_, i) => applyAsNewcomer({ cohortId: cohort.id, application, request: fromAddress(`203.0.113.${i}`), now })),
    );
    expect(answers.filter((a) => a.received)).toHaveLength(APPLY_MOBILE_LIMITS.maxFailures);
    expect(answers.filter((a) => !a.received)).toEqual(Array(5).fill({ received: false, retryAfterMinutes: 60 }));
    expect(hashing).toHaveBeenCalledTimes(APPLY_MOBILE_LIMITS.maxFailures);
  });

  test("per client address: many numbers from one address are refused after the limit, other addresses are not", async () => {
    const { cohort } = await enrollingCohortWithStaff();
    for (let i = 0; i < APPLY_ADDRESS_LIMITS.maxFailures; i++) {
      expect(await applyAsNewcomer({ cohortId: cohort.id, application: form(), request: fromAddress("192.0.2.1"), now })).toEqual({ received: true });
    }
    const hashing = vi.mocked(passwords.hashPassword);
    hashing.mockClear();
    const refused = form();
    expect(await applyAsNewcomer({ cohortId: cohort.id, application: refused, request: fromAddress("192.0.2.1"), now })).toEqual({ received: false, retryAfterMinutes: 15 });
    expect(hashing).not.toHaveBeenCalled();
    expect(await db.person.count({ where: { mobile: refused.mobile } })).toBe(0);
    expect(await applyAsNewcomer({ cohortId: cohort.id, application: form(), request: fromAddress("192.0.2.2"), now })).toEqual({ received: true });
  });
});
