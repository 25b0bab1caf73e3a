// Applying to a cohort, as someone new and as a signed-in trainee, and staff
// moving a cohort through its states: draft, enrolling, running, completed,
// archived.
import { describe, expect, test } from "vitest";
import { signIn } from "~/modules/accounts/sign-in.server.ts";
import { applyAsNewcomer, applyAsPerson } from "~/modules/cohorts/application.server.ts";
import { ApplicationSchema } from "~/modules/cohorts/application.ts";
import { changeCohortStatus, createCohort as createCohortAsAdmin } from "~/modules/cohorts/cohort-admin.server.ts";
import { CohortFormSchema } from "~/modules/cohorts/cohort-form.ts";
import { cohortStatuses, cohortTransitions, transitionsNeedingReason } from "~/modules/cohorts/cohorts.ts";
import { decideEnrollment } from "~/modules/cohorts/enrollment.server.ts";
import { creditCodeCheckChar } from "~/modules/people/credit-code.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { createCohort } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";

const now = new Date("2025-03-03T01:00:00Z");
const request = () => new Request("http://localhost/apply", { headers: { "User-Agent": "vitest" } });
const goodPassword = "Tangerine-ladder-42";
const creditCodeBody = "91440300MA5F3XKW2";
const creditCode = creditCodeBody + creditCodeCheckChar(creditCodeBody);

let mobileSequence = 0;
/** Mobile numbers of people applying in this file; the person factory uses 139…, these 135…. */
function nextMobile(): string {
  mobileSequence += 1;
  return `135${String(process.pid % 1000).padStart(3, "0")}${String(mobileSequence).padStart(5, "0")}`;
}

/** The public form as a newcomer fills it in, parsed as the route parses it. */
const applicationForm = (overrides: Record<string, string> = {}) =>
  ApplicationSchema.parse({
    name: "林海峰",
    mobile: nextMobile(),
    company: "云溪宏达机械制造有限公司",
    position: "总经理",
    industry: "装备制造",
    district: "云溪区",
    creditCode,
    password: overrides.password ?? goodPassword,
    confirm: overrides.password ?? goodPassword,
    ...overrides,
  });

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const outcome = await promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
  // Anything but a DomainError becomes a 500 page instead of a form error.
  expect(outcome).toBeInstanceOf(DomainError);
  return outcome as DomainError;
}

/** What an application writes: a refused one must leave all of these as they were. */
const counts = async () => ({
  people: await db.person.count(),
  enrollments: await db.enrollment.count(),
  changes: await db.enrollmentChange.count(),
  audit: await db.auditEvent.count(),
});

describe("someone new applies", () => {
  test("to an enrolling cohort: an active, unverified trainee account with their profile, and an application", async () => {
    const cohort = await createCohort({ status: "enrolling" });
    const mobile = nextMobile();
    const application = applicationForm({
      mobile: `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`,
      email: "Lin.Haifeng@Example.com",
    });

    expect(await applyAsNewcomer({ cohortId: cohort.id, application, request: request(), now })).toEqual({ received: true });

    const { id: personId } = await db.person.findUniqueOrThrow({ where: { mobile }, select: { id: true } });
    const person = await db.person.findUniqueOrThrow({
      where: { id: personId },
      select: {
        name: true,
        mobile: true,
        email: true,
        status: true,
        unverified: true,
        roles: { select: { role: { select: { key: true } } } },
        trainee: { select: { company: true, position: true, industry: true, district: true, creditCode: true } },
      },
    });
    expect(person).toEqual({
      name: "林海峰",
      mobile,
      email: "lin.haifeng@example.com",
      status: "active",
      unverified: true,
      roles: [{ role: { key: "trainee" } }],
      trainee: {
        company: "云溪宏达机械制造有限公司",
        position: "总经理",
        industry: "装备制造",
        district: "云溪区",
        creditCode,
      },
    });
    // The password they chose is the one they sign in with to follow the application.
    expect(await signIn({ identifier: mobile, password: goodPassword, request: request(), now })).toEqual({
      ok: true,
      personId,
    });

    const enrollment = await db.enrollment.findUniqueOrThrow({
      where: { cohortId_personId: { cohortId: cohort.id, personId } },
      select: { id: true, status: true, source: true, appliedAt: true, enrolledAt: true },
    });
    expect(enrollment).toMatchObject({ status: "applied", source: "application", appliedAt: now, enrolledAt: null });
    expect(
      await db.enrollmentChange.findMany({
        where: { enrollmentId: enrollment.id },
        select: { fromStatus: true, toStatus: true, actorId: true, at: true },
      }),
    ).toEqual([{ fromStatus: null, toStatus: "applied", actorId: personId, at: now }]);
    expect(
      await db.auditEvent.findMany({
        where: { action: "person.created", targetId: personId },
        select: { actorId: true, detail: true },
      }),
    ).toEqual([{ actorId: personId, detail: JSON.stringify({ via: "application" }) }]);
  });

  test("to a cohort that is not enrolling: refused, and no account is made", async () => {
    for (const status of cohortStatuses.filter((s) => s !== "enrolling")) {
      const cohort = await createCohort({ status });
      const before = await counts();

      const refused = await rejection(
        applyAsNewcomer({ cohortId: cohort.id, application: applicationForm(), request: request(), now }),
      );

      expect(refused.messageKey, status).toBe("apply.errors.closed");
      expect(await counts()).toEqual(before);
    }
  });

  test("with a mobile number that already has an account: the same answer as anyone, and nothing written", async () => {
    const cohort = await createCohort({ status: "enrolling" });
    const mobile = nextMobile();
    await applyAsNewcomer({ cohortId: cohort.id, application: applicationForm({ mobile }), request: request(), now });
    const other = await createCohort({ status: "enrolling" });
    const before = await counts();

    // The same number typed differently, with another name, to the same or another cohort.
    for (const [cohortId, typed] of [
      [cohort.id, mobile],
      [other.id, `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`],
    ] as const) {
      const answer = await applyAsNewcomer({
        cohortId,
        application: applicationForm({ mobile: typed, name: "冒名者" }),
        request: request(),
        now,
      });
      expect(answer).toEqual({ received: true });
    }
    expect(await db.person.count({ where: { mobile } })).toBe(1);
    expect(await counts()).toEqual(before);
  });

  test("the same form sent twice at once: one account, and both submissions get the same answer", async () => {
    const cohort = await createCohort({ status: "enrolling" });
    const application = applicationForm();

    const results = await Promise.allSettled(
      [1, 2].map(() => applyAsNewcomer({ cohortId: cohort.id, application, request: request(), now })),
    );

    expect(results).toEqual([
      { status: "fulfilled", value: { received: true } },
      { status: "fulfilled", value: { received: true } },
    ]);
    expect(await db.person.count({ where: { mobile: application.mobile } })).toBe(1);
    expect(await db.enrollment.count({ where: { cohortId: cohort.id } })).toBe(1);
  });

  test("two different people sending the same e-mail address at once: one account, and the same answer for both", async () => {
    await Promise.all([1, 2].map(() => db.$transaction(async (tx) => tx.cohort.count())));
    for (let round = 1; round <= 3; round++) {
      const cohort = await createCohort({ status: "enrolling" });
      const email = `shared${round}@example.com`;
      const forms = [applicationForm({ email, name: "赵一" }), applicationForm({ email, name: "钱二" })];

      const results = await Promise.allSettled(
        forms.map((application) => applyAsNewcomer({ cohortId: cohort.id, application, request: request(), now })),
      );

      expect(
        results.map((r) => r.status === "fulfilled" && r.value),
        `round ${round}`,
      ).toEqual([{ received: true }, { received: true }]);
      expect(await db.person.count({ where: { email } })).toBe(1);
    }
  });

  test("with a common password, or their own mobile number as password: refused on the password field, nothing written", async () => {
    const cohort = await createCohort({ status: "enrolling" });
    const before = await counts();

    const common = applicationForm({ password: "password123" });
    const refusedCommon = await rejection(
      applyAsNewcomer({ cohortId: cohort.id, application: common, request: request(), now }),
    );
    expect(refusedCommon).toMatchObject({ messageKey: "password.errors.common", field: "password" });

    const mobile = nextMobile();
    const personal = applicationForm({ mobile, password: mobile });
    const refusedPersonal = await rejection(
      applyAsNewcomer({ cohortId: cohort.id, application: personal, request: request(), now }),
    );
    expect(refusedPersonal).toMatchObject({ messageKey: "password.errors.personal", field: "password" });

    expect(await counts()).toEqual(before);
    expect(await db.person.count({ where: { mobile: { in: [common.mobile, mobile] } } })).toBe(0);
  });

  test("with an e-mail address another account uses: the same answer as anyone, and nothing written", async () => {
    const cohort = await createCohort({ status: "enrolling" });
    const owner = await createPerson();
    const before = await counts();

    const answer = await applyAsNewcomer({
      cohortId: cohort.id,
      application: applicationForm({ email: owner.email!.toUpperCase() }),
      request: request(),
      now,
    });

    expect(answer).toEqual({ received: true });
    expect(await counts()).toEqual(before);
  });
});

describe("a signed-in trainee applies", () => {
  const enrollmentOf = (cohortId: string, personId: string) =>
    db.enrollment.findUniqueOrThrow({
      where: { cohortId_personId: { cohortId, personId } },
      select: { id: true, status: true, reason: true, source: true, appliedAt: true },
    });

  test("once: the application is recorded; a second time: already applied", async () => {
    const cohort = await createCohort({ status: "enrolling" });
    const trainee = await createPerson();

    await applyAsPerson({ cohortId: cohort.id, personId: trainee.id, request: request(), now });

    const enrollment = await enrollmentOf(cohort.id, trainee.id);
    expect(enrollment).toMatchObject({ status: "applied", source: "application", appliedAt: now });
    const before = await counts();
    const refused = await rejection(
      applyAsPerson({ cohortId: cohort.id, personId: trainee.id, request: request(), now }),
    );
    expect(refused.messageKey).toBe("apply.errors.alreadyApplied");
    expect(await counts()).toEqual(before);
  });

  test("the apply button pressed twice at once: one application, and the second press is told it is already there", async () => {
    // Open the connections first (on PostgreSQL) so the two presses really overlap; a few rounds, as a race shows only then.
    await Promise.all([1, 2].map(() => db.$transaction(async (tx) => tx.cohort.count())));
    for (let round = 1; round <= 3; round++) {
      const cohort = await createCohort({ status: "enrolling" });
      const trainee = await createPerson();

      const results = await Promise.allSettled(
        [1, 2].map(() => applyAsPerson({ cohortId: cohort.id, personId: trainee.id, request: request(), now })),
      );

      expect(
        results.filter((r) => r.status === "fulfilled"),
        `round ${round}`,
      ).toHaveLength(1);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      // Anything but a DomainError becomes a 500 page instead of a form error.
      expect(refused?.reason, `round ${round}`).toBeInstanceOf(DomainError);
      expect(refused?.reason).toMatchObject({ messageKey: "apply.errors.alreadyApplied" });
      expect(await db.enrollment.count({ where: { cohortId: cohort.id, personId: trainee.id } })).toBe(1);
    }
  });

  test("to a cohort that is not enrolling: refused", async () => {
    const cohort = await createCohort({ status: "running" });
    const trainee = await createPerson();

    const refused = await rejection(
      applyAsPerson({ cohortId: cohort.id, personId: trainee.id, request: request(), now }),
    );

    expect(refused.messageKey).toBe("apply.errors.closed");
    expect(await db.enrollment.count({ where: { cohortId: cohort.id } })).toBe(0);
  });

  test("after being declined, may apply again: the same enrollment is applied again and its history kept", async () => {
    const cohort = await createCohort({ status: "enrolling" });
    const trainee = await createPerson();
    const staff = await createPerson({ roles: ["staff"] });
    await applyAsPerson({ cohortId: cohort.id, personId: trainee.id, request: request(), now });
    const { id: enrollmentId } = await enrollmentOf(cohort.id, trainee.id);
    await decideEnrollment({
      cohortId: cohort.id,
      enrollmentId,
      decision: "decline",
      reason: "请补充营业执照",
      actorId: staff.id,
      now,
    });

    const later = new Date(now.getTime() + 24 * 60 * 60 * 1000);
    await applyAsPerson({ cohortId: cohort.id, personId: trainee.id, request: request(), now: later });

    expect(await enrollmentOf(cohort.id, trainee.id)).toEqual({
      id: enrollmentId,
      status: "applied",
      reason: null,
      source: "application",
      appliedAt: later,
    });
    expect(
      await db.enrollmentChange.findMany({
        where: { enrollmentId },
        orderBy: { at: "asc" },
        select: { fromStatus: true, toStatus: true, reason: true, actorId: true, at: true },
      }),
    ).toEqual([
      { fromStatus: null, toStatus: "applied", reason: null, actorId: trainee.id, at: now },
      { fromStatus: "applied", toStatus: "declined", reason: "请补充营业执照", actorId: staff.id, at: now },
      { fromStatus: "declined", toStatus: "applied", reason: null, actorId: trainee.id, at: later },
    ]);
  });
});

describe("a cohort's status", () => {
  const history = (cohortId: string) =>
    db.cohortStatusChange.findMany({
      where: { cohortId },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { fromStatus: true, toStatus: true, reason: true, actorId: true },
    });
  const statusOf = async (cohortId: string) =>
    (await db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { status: true } })).status;

  test("moves only along the allowed paths, each move recorded with who, from, to and why", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    for (const from of cohortStatuses) {
      for (const to of cohortStatuses) {
        const cohort = await createCohort({ status: from });
        const move = changeCohortStatus({ cohortId: cohort.id, to, reason: "工作安排调整", actorId: admin.id, now });
        if (cohortTransitions[from].includes(to)) {
          await move;
          expect(await statusOf(cohort.id), `${from}>${to}`).toBe(to);
          expect(await history(cohort.id)).toEqual([
            { fromStatus: from, toStatus: to, reason: "工作安排调整", actorId: admin.id },
          ]);
        } else {
          expect((await rejection(move)).messageKey, `${from}>${to}`).toBe("cohort.errors.moveNotAllowed");
          expect(await statusOf(cohort.id)).toBe(from);
          expect(await history(cohort.id)).toEqual([]);
        }
      }
    }
  });

  test("a cohort's whole life: created as a draft, opened, run, completed, archived and restored", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const id = await createCohortAsAdmin(
      CohortFormSchema.parse({
        title: "2025年春季企业家班",
        code: "spring-2025",
        startDate: "2025-03-01",
        endDate: "2025-04-30",
        capacity: "60",
      }),
      asUser(admin.id, ["admin"]),
      now,
    );
    for (const [to, reason] of [
      ["enrolling", null],
      ["running", null],
      ["completed", null],
      ["archived", null],
      ["completed", "补发结业证书"],
    ] as const) {
      await changeCohortStatus({ cohortId: id, to, reason, actorId: admin.id, now });
    }
    expect(await history(id)).toEqual([
      { fromStatus: null, toStatus: "draft", reason: null, actorId: admin.id },
      { fromStatus: "draft", toStatus: "enrolling", reason: null, actorId: admin.id },
      { fromStatus: "enrolling", toStatus: "running", reason: null, actorId: admin.id },
      { fromStatus: "running", toStatus: "completed", reason: null, actorId: admin.id },
      { fromStatus: "completed", toStatus: "archived", reason: null, actorId: admin.id },
      { fromStatus: "archived", toStatus: "completed", reason: "补发结业证书", actorId: admin.id },
    ]);
  });

  test("two staff moving it at the same moment: one move happens, the other is refused", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const cohort = await createCohort({ status: "enrolling" });
    await Promise.all([1, 2].map(() => db.$transaction(async (tx) => tx.cohort.count())));

    const results = await Promise.allSettled([
      changeCohortStatus({ cohortId: cohort.id, to: "running", reason: null, actorId: admin.id, now }),
      changeCohortStatus({ cohortId: cohort.id, to: "draft", reason: "开班时间推迟", actorId: admin.id, now }),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused?.reason).toBeInstanceOf(DomainError);
    // Refused either after reading the new status, or by the conditional update when both read the old one.
    expect(["cohort.errors.moveNotAllowed", "cohort.errors.changedMeanwhile"]).toContain(refused?.reason.messageKey);
    const moves = await history(cohort.id);
    expect(moves).toHaveLength(1);
    expect(await statusOf(cohort.id)).toBe(moves[0]!.toStatus);
  });

  test("going back or archiving a draft needs a reason", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    expect([...transitionsNeedingReason].sort()).toEqual(["archived>completed", "draft>archived", "enrolling>draft"]);
    for (const move of transitionsNeedingReason) {
      const [from, to] = move.split(">") as [(typeof cohortStatuses)[number], (typeof cohortStatuses)[number]];
      const cohort = await createCohort({ status: from });

      const refused = await rejection(
        changeCohortStatus({ cohortId: cohort.id, to, reason: null, actorId: admin.id, now }),
      );

      expect(refused, move).toMatchObject({ messageKey: "cohort.errors.reasonRequired", field: "reason" });
      expect(await statusOf(cohort.id)).toBe(from);
      expect(await history(cohort.id)).toEqual([]);
    }
  });
});

describe("creating a cohort", () => {
  test("as a draft, with its creator assigned as staff; a code in use is refused on the code field", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const actor = asUser(admin.id, ["admin"]);
    const form = (title: string, code: string) =>
      CohortFormSchema.parse({ title, code, startDate: "2025-05-01", endDate: "2025-06-30", capacity: "40" });

    const id = await createCohortAsAdmin(form("数字化转型专题班", "dx-2025-01"), actor, now);

    expect(
      await db.cohort.findUniqueOrThrow({ where: { id }, select: { code: true, status: true, capacity: true } }),
    ).toEqual({
      code: "DX-2025-01",
      status: "draft",
      capacity: 40,
    });
    expect(
      await db.cohortAssignment.findMany({ where: { cohortId: id }, select: { personId: true, role: true } }),
    ).toEqual([{ personId: admin.id, role: "staff" }]);
    const cohortsBefore = await db.cohort.count();

    const refused = await rejection(createCohortAsAdmin(form("另一个班", "DX-2025-01"), actor, now));

    expect(refused).toMatchObject({ messageKey: "cohort.errors.codeTaken", field: "code" });
    expect(await db.cohort.count()).toBe(cohortsBefore);
    expect(await db.cohort.count({ where: { code: "DX-2025-01" } })).toBe(1);
  });
});
