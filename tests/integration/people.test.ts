// Adding people and running their accounts, as staff and admins do it.
import { describe, expect, test } from "vitest";
import { createAuthSession, getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { personScope, requirePersonPermission } from "~/modules/accounts/authorization.server.ts";
import { activateWithCode } from "~/modules/accounts/invitations.server.ts";
import { signIn } from "~/modules/accounts/sign-in.server.ts";
import {
  addPerson,
  assignToCohort,
  deactivatePerson,
  getPersonDetail,
  listPeople,
  reinvitePerson,
  setRoles,
  unassignFromCohort,
} from "~/modules/people/people.server.ts";
import { PersonCreateSchema } from "~/modules/people/people.ts";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort, enroll } from "../factories/cohort.ts";
import { createPerson, defaultTestPassword } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";

const now = new Date("2025-03-03T01:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const MINUTE = 60_000;

const request = (cookie?: string) =>
  new Request("http://localhost/", { headers: cookie ? { Cookie: cookie.split(";")[0]! } : {} });

let mobileSequence = 0;
/** Mobile numbers of people added in this file; the person factory uses 139…, these 136…. */
function nextMobile(): string {
  mobileSequence += 1;
  return `136${String(process.pid % 1000).padStart(3, "0")}${String(mobileSequence).padStart(5, "0")}`;
}

const traineeForm = (overrides: Record<string, unknown> = {}) =>
  PersonCreateSchema.parse({
    name: `新学员${mobileSequence + 1}`,
    mobile: nextMobile(),
    role: "trainee",
    company: "新创有限公司",
    ...overrides,
  });

async function anAdmin() {
  const admin = await createPerson({ roles: ["admin"] });
  return asUser(admin.id, ["admin"]);
}

/** A staff member assigned to a cohort of their own, and a cohort they are not assigned to. */
async function staffWithCohort() {
  // One after the other: the cohort factory reads its sequence after an await.
  const mine = await createCohort();
  const other = await createCohort();
  const staff = await createPerson({ roles: ["staff"] });
  await assign(mine.id, staff.id, "staff");
  return { actor: asUser(staff.id, ["staff"]), mine, other };
}

const rolesOf = async (personId: string) =>
  (await db.personRole.findMany({ where: { personId }, select: { role: { select: { key: true } } } }))
    .map((r) => r.role.key)
    .sort();

/** Everything addPerson writes, so a refusal can be shown to have written nothing. */
const writtenRows = async () => ({
  people: await db.person.count(),
  trainees: await db.traineeProfile.count(),
  roles: await db.personRole.count(),
  enrollments: await db.enrollment.count(),
  assignments: await db.cohortAssignment.count(),
  invitations: await db.invitation.count(),
  audit: await db.auditEvent.count(),
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("adding people", () => {
  test("staff add a trainee into a cohort they are assigned to, and into no other", async () => {
    const { actor, mine, other } = await staffWithCohort();
    const context = { actor, request: request(), now };

    const elsewhere = await rejection(addPerson(traineeForm({ cohortId: other.id }), context));
    expect(elsewhere).toMatchObject({
      name: "DomainError",
      messageKey: "people.errors.cohortNotYours",
      field: "cohortId",
    });

    const nowhere = await rejection(addPerson(traineeForm(), context));
    expect(nowhere).toMatchObject({
      name: "DomainError",
      messageKey: "people.errors.cohortRequired",
      field: "cohortId",
    });

    const form = traineeForm({ cohortId: mine.id });
    const { personId } = await addPerson(form, context);
    const person = await db.person.findUniqueOrThrow({
      where: { id: personId },
      select: {
        mobile: true,
        status: true,
        trainee: { select: { company: true } },
        enrollments: { select: { cohortId: true, status: true, source: true } },
      },
    });
    expect(person).toEqual({
      mobile: form.mobile,
      status: "invited",
      trainee: { company: "新创有限公司" },
      enrollments: [{ cohortId: mine.id, status: "enrolled", source: "staff" }],
    });
    expect(await rolesOf(personId)).toEqual(["trainee"]);
  });

  test("staff may add trainees only: an account of any other role, whose activation code staff would hold, is an admin's to make", async () => {
    const { actor, mine } = await staffWithCohort();
    const context = { actor, request: request(), now };
    const before = await writtenRows();
    for (const role of ["admin", "staff", "instructor"] as const) {
      const refused = await rejection(
        addPerson(
          PersonCreateSchema.parse({
            name: "越权",
            email: `${role}-${mobileSequence}@x.test`,
            role,
            cohortId: mine.id,
          }),
          context,
        ),
      );
      expect(refused).toMatchObject({ messageKey: "people.errors.roleNotAllowed", field: "role" });
    }
    expect(await writtenRows()).toEqual(before);
  });

  test("an admin adds an instructor to a cohort", async () => {
    const { mine } = await staffWithCohort();
    const admin = await anAdmin();
    const { personId } = await addPerson(
      PersonCreateSchema.parse({
        name: "张讲师",
        email: "zhang.jiangshi@x.test",
        role: "instructor",
        cohortId: mine.id,
      }),
      { actor: admin, request: request(), now },
    );
    expect(await rolesOf(personId)).toEqual(["instructor"]);
    expect(await db.cohortAssignment.findMany({ where: { personId }, select: { cohortId: true, role: true } })).toEqual(
      [{ cohortId: mine.id, role: "instructor" }],
    );
  });

  test("an instructor cannot add anybody", async () => {
    const { mine } = await staffWithCohort();
    const instructor = await createPerson({ roles: ["instructor"] });
    await assign(mine.id, instructor.id, "instructor");
    const refused = await rejection(
      addPerson(traineeForm({ cohortId: mine.id }), {
        actor: asUser(instructor.id, ["instructor"]),
        request: request(),
        now,
      }),
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
  });

  test("an admin may add anybody without a cohort", async () => {
    const actor = await anAdmin();
    const { personId, invitation } = await addPerson(
      PersonCreateSchema.parse({ name: "教务老师", email: "Jiaowu@Academy.test", role: "staff" }),
      { actor, request: request(), now },
    );
    expect(
      await db.person.findUniqueOrThrow({
        where: { id: personId },
        select: { email: true, mobile: true, status: true },
      }),
    ).toEqual({
      email: "jiaowu@academy.test",
      mobile: null,
      status: "invited",
    });
    expect(await rolesOf(personId)).toEqual(["staff"]);
    expect(invitation.code).toMatch(/^\d{8}$/);
    expect(await db.cohortAssignment.count({ where: { personId } })).toBe(0);
  });

  test("a mobile number already in use, however it is typed, is refused on the mobile field and nothing is written", async () => {
    const actor = await anAdmin();
    const existing = await createPerson();
    const before = await writtenRows();
    const typed = `+86 ${existing.mobile!.slice(0, 3)}-${existing.mobile!.slice(3, 7)}-${existing.mobile!.slice(7)}`;
    const refused = await rejection(addPerson(traineeForm({ mobile: typed }), { actor, request: request(), now }));
    expect(refused).toMatchObject({ messageKey: "people.errors.mobileTaken", field: "mobile" });
    expect(await writtenRows()).toEqual(before);
  });

  test("a full cohort refuses the trainee and the transaction leaves no person behind", async () => {
    const actor = await anAdmin();
    const cohort = await createCohort({ capacity: 1 });
    const seated = await createPerson();
    await enroll(cohort.id, seated.id, "enrolled");
    const before = await writtenRows();
    const form = traineeForm({ cohortId: cohort.id });

    const refused = await rejection(addPerson(form, { actor, request: request(), now }));
    expect(refused).toMatchObject({ messageKey: "people.errors.cohortFull", field: "cohortId" });
    expect(await db.person.findUnique({ where: { mobile: form.mobile! }, select: { id: true } })).toBeNull();
    expect(await writtenRows()).toEqual(before);

    // A waitlisted or withdrawn enrollment holds no seat; a completed one does.
    const roomy = await createCohort({ capacity: 2 });
    await enroll(roomy.id, (await createPerson()).id, "completed");
    await enroll(roomy.id, (await createPerson()).id, "withdrawn");
    await enroll(roomy.id, (await createPerson()).id, "waitlisted");
    await addPerson(traineeForm({ cohortId: roomy.id }), { actor, request: request(), now });
    expect(
      await rejection(addPerson(traineeForm({ cohortId: roomy.id }), { actor, request: request(), now })),
    ).toMatchObject({
      messageKey: "people.errors.cohortFull",
    });
  });
});

describe("adding people at the same moment (a double-clicked form, two staff members)", () => {
  test("the same mobile number twice: one person is added, the other gets mobileTaken", async () => {
    const actor = await anAdmin();
    const mobile = nextMobile();
    const results = await Promise.allSettled(
      [1, 2].map(() => addPerson(traineeForm({ mobile }), { actor, request: request(), now })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
    // Anything but a DomainError becomes a 500 page instead of a form error.
    expect(refused?.reason).toMatchObject({
      name: "DomainError",
      messageKey: "people.errors.mobileTaken",
      field: "mobile",
    });
    expect(await db.person.count({ where: { mobile } })).toBe(1);
  });

  test("the last seat of a cohort goes to one trainee only", async () => {
    const actor = await anAdmin();
    const cohort = await createCohort({ capacity: 1 });
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => addPerson(traineeForm({ cohortId: cohort.id }), { actor, request: request(), now })),
    );
    expect(await db.enrollment.count({ where: { cohortId: cohort.id, status: "enrolled" } })).toBe(1);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toMatchObject({ messageKey: "people.errors.cohortFull" });
    }
  });
});

describe("roles", () => {
  test("an admin cannot take the admin role away from themselves", async () => {
    const actor = await anAdmin();
    const refused = await rejection(setRoles(actor.id, ["staff"], { actor, request: request(), now }));
    expect(refused).toMatchObject({ messageKey: "people.errors.cannotDropOwnAdmin", field: "roles" });
    expect(await rolesOf(actor.id)).toEqual(["admin"]);
  });

  test("granting and revoking roles is audited and ends the person's sessions", async () => {
    const actor = await anAdmin();
    const person = await createPerson({ roles: ["trainee"] });
    const firstSession = await createAuthSession(request(), person.id, {}, now);

    // Nothing changes: no events, the session stays.
    await setRoles(person.id, ["trainee"], { actor, request: request(), now });
    expect(await getCurrentUser(request(firstSession), now)).toMatchObject({ roles: ["trainee"] });

    await setRoles(person.id, ["trainee", "instructor"], { actor, request: request(), now: later(MINUTE) });
    expect(await rolesOf(person.id)).toEqual(["instructor", "trainee"]);
    expect(await getCurrentUser(request(firstSession), later(2 * MINUTE))).toBeNull();

    const secondSession = await createAuthSession(request(), person.id, {}, later(3 * MINUTE));
    await setRoles(person.id, ["instructor"], { actor, request: request(), now: later(4 * MINUTE) });
    expect(await rolesOf(person.id)).toEqual(["instructor"]);
    expect(await getCurrentUser(request(secondSession), later(5 * MINUTE))).toBeNull();

    const events = await db.auditEvent.findMany({
      where: { targetType: "person", targetId: person.id },
      orderBy: { at: "asc" },
      select: { action: true, actorId: true, detail: true, at: true },
    });
    expect(events.map((e) => ({ ...e, detail: JSON.parse(e.detail!) }))).toEqual([
      { action: "role.granted", actorId: actor.id, detail: { role: "instructor" }, at: later(MINUTE) },
      { action: "role.revoked", actorId: actor.id, detail: { role: "trainee" }, at: later(4 * MINUTE) },
    ]);

    // A fresh sign-in carries the new role's permissions.
    const thirdSession = await createAuthSession(request(), person.id, {}, later(6 * MINUTE));
    expect(await getCurrentUser(request(thirdSession), later(6 * MINUTE))).toMatchObject({ roles: ["instructor"] });
  });

  test("only admins change roles", async () => {
    const { actor } = await staffWithCohort();
    const person = await createPerson({ roles: ["trainee"] });
    const refused = await rejection(setRoles(person.id, ["trainee", "admin"], { actor, request: request(), now }));
    expect((refused as Response).status).toBe(403);
    expect(await rolesOf(person.id)).toEqual(["trainee"]);
  });
});

describe("cohort assignments", () => {
  test("staff and instructors cannot assign or unassign; an admin can, with audit events", async () => {
    const { actor: staff, mine } = await staffWithCohort();
    const instructor = await createPerson({ roles: ["instructor"] });
    const input = { personId: instructor.id, cohortId: mine.id, role: "instructor" as const };

    for (const actor of [staff, asUser(instructor.id, ["instructor"])]) {
      const refused = await rejection(assignToCohort(input, { actor, request: request(), now }));
      expect(refused).toBeInstanceOf(Response);
      expect((refused as Response).status).toBe(403);
    }
    expect(await db.cohortAssignment.count({ where: { personId: instructor.id } })).toBe(0);

    const admin = await anAdmin();
    await assignToCohort(input, { actor: admin, request: request(), now });
    await assignToCohort(input, { actor: admin, request: request(), now }); // twice: still one assignment, one event
    expect(
      await db.cohortAssignment.findMany({
        where: { personId: instructor.id },
        select: { cohortId: true, role: true },
      }),
    ).toEqual([{ cohortId: mine.id, role: "instructor" }]);

    const refusedUnassign = await rejection(unassignFromCohort(input, { actor: staff, request: request(), now }));
    expect((refusedUnassign as Response).status).toBe(403);
    expect(await db.cohortAssignment.count({ where: { personId: instructor.id } })).toBe(1);

    await unassignFromCohort(input, { actor: admin, request: request(), now: later(MINUTE) });
    expect(await db.cohortAssignment.count({ where: { personId: instructor.id } })).toBe(0);

    const events = await db.auditEvent.findMany({
      where: { targetId: instructor.id },
      orderBy: { at: "asc" },
      select: { action: true, actorId: true, detail: true },
    });
    expect(events.map((e) => ({ ...e, detail: JSON.parse(e.detail!) }))).toEqual([
      { action: "assignment.added", actorId: admin.id, detail: { cohortId: mine.id, role: "instructor" } },
      { action: "assignment.removed", actorId: admin.id, detail: { cohortId: mine.id, role: "instructor" } },
    ]);
  });
});

describe("who sees whom", () => {
  test("staff see the people of their cohorts, a trainee only themself, an admin everybody", async () => {
    const { actor: staff, mine, other } = await staffWithCohort();
    const [inMine, inOther, inBoth, unattached] = await Promise.all([
      createPerson({ name: "本班学员" }),
      createPerson({ name: "他班学员" }),
      createPerson({ name: "两班学员" }),
      createPerson({ name: "无班学员" }),
    ]);
    const [teacherMine, teacherOther] = await Promise.all([
      createPerson({ roles: ["instructor"], name: "本班讲师" }),
      createPerson({ roles: ["instructor"], name: "他班讲师" }),
    ]);
    await enroll(mine.id, inMine.id);
    await enroll(other.id, inOther.id);
    await enroll(mine.id, inBoth.id, "waitlisted");
    await enroll(other.id, inBoth.id);
    await assign(mine.id, teacherMine.id, "instructor");
    await assign(other.id, teacherOther.id, "instructor");

    const staffView = await listPeople(personScope(staff, "read:person"), { page: 1 });
    expect(staffView.people.map((p) => p.id).sort()).toEqual([staff.id, inMine.id, inBoth.id, teacherMine.id].sort());
    expect(staffView.total).toBe(4);
    expect(staffView.people.find((p) => p.id === teacherMine.id)?.roles).toEqual(["instructor"]);
    // A search cannot reach past the scope.
    expect(await listPeople(personScope(staff, "read:person"), { page: 1, search: "他班" })).toEqual({
      total: 0,
      people: [],
    });
    expect(
      (await listPeople(personScope(staff, "read:person"), { page: 1, search: "本班" })).people.map((p) => p.id).sort(),
    ).toEqual([inMine.id, teacherMine.id].sort());

    const traineeView = await listPeople(personScope(asUser(inMine.id, ["trainee"]), "read:person"), { page: 1 });
    expect(traineeView.people.map((p) => p.id)).toEqual([inMine.id]);
    expect(traineeView.total).toBe(1);

    // An instructor has no read:person at all.
    expect(
      (await listPeople(personScope(asUser(teacherMine.id, ["instructor"]), "read:person"), { page: 1 })).total,
    ).toBe(0);

    const adminView = await listPeople(personScope(await anAdmin(), "read:person"), { page: 1, search: "无班" });
    expect(adminView.people.map((p) => p.id)).toEqual([unattached.id]);
    expect((await listPeople(personScope(await anAdmin(), "read:person"), { page: 1 })).total).toBe(
      await db.person.count(),
    );
  });
});

describe("a person's page", () => {
  test("shows the pending invitation until it is used, and counts the sessions still open", async () => {
    const actor = await anAdmin();
    const form = traineeForm();
    const { personId, invitation } = await addPerson(form, { actor, request: request(), now });

    const invited = await getPersonDetail(personId, later(MINUTE));
    expect(invited).toMatchObject({ status: "invited", roles: ["trainee"], activeSessions: 0 });
    expect(invited.pendingInvitation).toEqual({ expiresAt: invitation.expiresAt, createdAt: now });
    // Expired: no longer shown as pending.
    expect((await getPersonDetail(personId, invitation.expiresAt)).pendingInvitation).toBeNull();

    await activateWithCode({
      identifier: form.mobile!,
      code: invitation.code,
      password: "Tangerine-ladder-42",
      request: request(),
      now: later(MINUTE),
    });
    const phone = await createAuthSession(request(), personId, {}, later(2 * MINUTE));
    await createAuthSession(request(), personId, {}, later(2 * MINUTE));
    await createAuthSession(request(phone), personId, {}, later(3 * MINUTE)); // signing in again on the phone replaces its session

    const active = await getPersonDetail(personId, later(4 * MINUTE));
    expect(active).toMatchObject({ status: "active", pendingInvitation: null, activeSessions: 2 });
  });
});

describe("re-inviting across roles", () => {
  // Staff reach the people of their cohorts, and admins may be assigned there too.
  // Whoever re-invites an account is shown its new code, so re-inviting is taking it over.
  test("a staff member cannot take over an admin's account by re-inviting them", async () => {
    const { actor: staff, mine } = await staffWithCohort();
    const admin = await createPerson({ roles: ["admin"] });
    await assign(mine.id, admin.id, "head_teacher");
    const staffCookie = await createAuthSession(request(), staff.id, {});

    const takeover = async () => {
      // What the route admin.people.$personId does before reinvitePerson.
      const user = await requirePersonPermission(request(staffCookie), admin.id, "update:person");
      const invitation = await reinvitePerson(admin.id, {
        actor: user,
        request: request(staffCookie),
        now: new Date(),
      });
      return activateWithCode({
        identifier: admin.mobile!,
        code: invitation.code,
        password: "staff-now-owns-this",
        request: request(),
        now: new Date(),
      });
    };
    const outcome = await takeover().catch((error: unknown) => error);

    expect(
      outcome,
      "the staff member activated the admin's account with a password of their choosing",
    ).not.toMatchObject({ ok: true });
    expect(await rolesOf(admin.id)).toEqual(["admin"]);
    expect(await signIn({ identifier: admin.mobile!, password: defaultTestPassword, request: request() })).toEqual({
      ok: true,
      personId: admin.id,
    });
  });

  test("staff re-invite and deactivate the trainees of their cohort, but not a fellow staff member or an admin", async () => {
    const { actor: staff, mine } = await staffWithCohort();
    const context = { actor: staff, request: request(), now };
    const [trainee, colleague, admin] = [
      await createPerson({ status: "invited", password: null }),
      await createPerson({ roles: ["staff"] }),
      await createPerson({ roles: ["admin"] }),
    ];
    await enroll(mine.id, trainee.id);
    await assign(mine.id, colleague.id, "staff");
    await assign(mine.id, admin.id, "head_teacher");

    for (const person of [colleague, admin]) {
      for (const action of [reinvitePerson, deactivatePerson]) {
        const refused = await rejection(action(person.id, context));
        expect(refused, action.name).toBeInstanceOf(Response);
        expect((refused as Response).status).toBe(403);
      }
      expect(await db.person.findUniqueOrThrow({ where: { id: person.id }, select: { status: true } })).toEqual({
        status: "active",
      });
      expect(await db.invitation.count({ where: { personId: person.id } })).toBe(0);
    }

    const invitation = await reinvitePerson(trainee.id, context);
    expect(invitation.code).toMatch(/^\d{8}$/);
    // A trainee who set their own password is reset by an admin, not by staff.
    const activated = await createPerson();
    await enroll(mine.id, activated.id);
    expect(await rejection(reinvitePerson(activated.id, context))).toMatchObject({ messageKey: "people.errors.reinviteActivated" });
    await deactivatePerson(trainee.id, context);
    expect(await db.person.findUniqueOrThrow({ where: { id: trainee.id }, select: { status: true } })).toEqual({
      status: "deactivated",
    });
  });
});
