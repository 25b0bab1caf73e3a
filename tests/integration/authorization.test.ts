// Permission checks as a loader meets them: a real request with a session cookie.
import { describe, expect, test } from "vitest";
import { createAuthSession, endAuthSession, getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { requireCohortPermission, requirePersonPermission } from "~/modules/accounts/authorization.server.ts";
import { rolePermissions } from "~/modules/accounts/permissions.server.ts";
import { decideLeave, requestLeave, withdrawLeave } from "~/modules/attendance/leave.server.ts";
import { enterSignInSheet, markAttendance } from "~/modules/attendance/roll-call.server.ts";
import { accesses, actions, entities, roleKeys, type RoleKey } from "~/modules/accounts/roles.ts";
import { requireCheckInStaff } from "~/modules/attendance/check-in-screen.server.ts";
import { action as checkInPanelAction } from "~/routes/admin.cohorts.$cohortId.sessions.$sessionId_.check-in.tsx";
import {
  addPerson,
  assignToCohort,
  deactivatePerson,
  reactivatePerson,
  reinvitePerson,
  setRoles,
  unassignFromCohort,
  updateTraineeDetails,
} from "~/modules/people/people.server.ts";
import { PersonCreateSchema } from "~/modules/people/people.ts";
import { TraineeProfileSchema } from "~/modules/people/profile.ts";
import { commitRosterImport, issueCohortActivationCodes, previewRosterImport } from "~/modules/roster/import.server.ts";
import { action as lecturerAction } from "~/routes/admin.lecturers.$lecturerId.tsx";
import { action as certificatesRouteAction } from "~/routes/admin.cohorts.$cohortId.certificates.tsx";
import { action as rosterRouteAction } from "~/routes/admin.cohorts.$cohortId.roster.tsx";
import { changeAttendanceFrom } from "~/modules/cohorts/attendance-from.server.ts";
import { loader as certificateArchiveLoader } from "~/routes/admin.cohorts.$cohortId.certificates[.zip].tsx";
import { loader as certificateFileLoader } from "~/routes/certificates.$certificateId.$kind.tsx";
import { issueByException, issueToEligible, reissueCertificate, revokeCertificate } from "~/modules/certificates/issuance.server.ts";
import { action as organisationAction } from "~/routes/admin.organisations.$organisationId.tsx";
import { action as apiTokensAction } from "~/routes/admin.api-tokens.tsx";
import { addOrganisationViewer, removeOrganisationViewer } from "~/modules/accounts/organisation-viewers.server.ts";
import { createReportToken, revokeReportToken } from "~/modules/reports/api-tokens.server.ts";
import { demoSealPng } from "~/modules/certificates/document-samples.server.ts";
import { rotateSigningKey } from "~/modules/certificates/credential-keys.server.ts";
import { action as settingsAction } from "~/routes/admin.settings.tsx";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort, createSession as createSessionWithModule, enroll } from "../factories/cohort.ts";
import { createLecturer, createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";
import { rosterXlsx } from "../factories/roster-files.ts";
import { asUser } from "../factories/user.ts";

// requireUser reads the clock, so these sessions begin now rather than at a fixed time.
async function signedIn(roles: RoleKey[]) {
  const person = await createPerson({ roles });
  const setCookie = await createAuthSession(new Request("http://localhost/"), person.id, {});
  const request = (path = "/admin") =>
    new Request(`http://localhost${path}`, { headers: { Cookie: setCookie.split(";")[0]! } });
  return { person, request };
}

/** What a loader's check threw, or "passed" with the user it returned. */
async function outcome(
  check: Promise<{ id: string }>,
): Promise<{ passed: string } | { status: number; location: string | null }> {
  try {
    const user = await check;
    return { passed: user.id };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, location: thrown.headers.get("Location") };
  }
}

const forbidden = { status: 403, location: null };

async function twoCohorts() {
  // One after the other: the cohort factory reads its sequence after an await.
  const a = await createCohort({ title: "A班" });
  const b = await createCohort({ title: "B班" });
  return { a, b };
}

/** Two cohorts, and signed in: staff of the first, staff of the second, an instructor of the first. */
async function staffOfTwoCohorts() {
  const { a, b } = await twoCohorts();
  const staffHere = await signedIn(["staff"]);
  await assign(a.id, staffHere.person.id, "staff");
  const staffElsewhere = await signedIn(["staff"]);
  await assign(b.id, staffElsewhere.person.id, "staff");
  const instructorHere = await signedIn(["instructor"]);
  await assign(a.id, instructorHere.person.id, "instructor");
  return { a, b, staffHere, staffElsewhere, instructorHere };
}

describe("signed out", () => {
  test("every check sends the browser to sign in, remembering where it was going", async () => {
    const { a } = await twoCohorts();
    const trainee = await createPerson();
    const anonymous = new Request("http://localhost/admin/cohorts/abc?tab=people");

    const cohortCheck = await outcome(requireCohortPermission(anonymous, a.id, "read:cohort"));
    expect(cohortCheck).toEqual({
      status: 302,
      location: `/login?${new URLSearchParams({ redirectTo: "/admin/cohorts/abc?tab=people" })}`,
    });
    const personCheck = await outcome(requirePersonPermission(anonymous, trainee.id, "read:person"));
    expect(personCheck).toMatchObject({ status: 302, location: expect.stringMatching(/^\/login/) });
  });

  test("a session that was signed out no longer passes", async () => {
    const { a } = await twoCohorts();
    const admin = await signedIn(["admin"]);
    expect(await outcome(requireCohortPermission(admin.request(), a.id, "read:cohort"))).toEqual({
      passed: admin.person.id,
    });
    await endAuthSession(admin.request());
    expect(await outcome(requireCohortPermission(admin.request("/"), a.id, "read:cohort"))).toEqual({
      status: 302,
      location: "/login",
    });
  });
});

describe("cohort permissions", () => {
  test("an instructor passes for the cohort they teach and gets 403 for another", async () => {
    const { a, b } = await twoCohorts();
    const instructor = await signedIn(["instructor"]);
    await assign(a.id, instructor.person.id, "instructor");

    expect(await outcome(requireCohortPermission(instructor.request(), a.id, "read:cohort"))).toEqual({
      passed: instructor.person.id,
    });
    expect(await outcome(requireCohortPermission(instructor.request(), a.id, "update:attendance"))).toEqual({
      passed: instructor.person.id,
    });
    expect(await outcome(requireCohortPermission(instructor.request(), b.id, "read:cohort"))).toEqual(forbidden);
    // Assigned, but the role does not carry the permission.
    expect(await outcome(requireCohortPermission(instructor.request(), a.id, "update:cohort"))).toEqual(forbidden);
  });

  test("a trainee enrolled in a cohort holds no cohort-wide permission in it", async () => {
    const { a } = await twoCohorts();
    const trainee = await signedIn(["trainee"]);
    await enroll(a.id, trainee.person.id);
    expect(await outcome(requireCohortPermission(trainee.request(), a.id, "read:cohort"))).toEqual(forbidden);
    expect(await outcome(requireCohortPermission(trainee.request(), a.id, "read:attendance"))).toEqual(forbidden);
  });

  test("an admin passes for every cohort without being assigned", async () => {
    const { a, b } = await twoCohorts();
    const admin = await signedIn(["admin"]);
    for (const cohort of [a, b]) {
      for (const need of ["read:cohort", "update:cohort", "delete:cohort", "read:audit"] as const) {
        expect(await outcome(requireCohortPermission(admin.request(), cohort.id, need))).toEqual({
          passed: admin.person.id,
        });
      }
    }
  });
});

describe("person permissions", () => {
  test("a trainee may read their own record and nobody else's", async () => {
    const { a } = await twoCohorts();
    const trainee = await signedIn(["trainee"]);
    const classmate = await createPerson();
    await enroll(a.id, trainee.person.id);
    await enroll(a.id, classmate.id);

    expect(await outcome(requirePersonPermission(trainee.request(), trainee.person.id, "read:person"))).toEqual({
      passed: trainee.person.id,
    });
    expect(await outcome(requirePersonPermission(trainee.request(), classmate.id, "read:person"))).toEqual(forbidden);
    expect(await outcome(requirePersonPermission(trainee.request(), classmate.id, "update:person"))).toEqual(forbidden);
    expect(await outcome(requirePersonPermission(trainee.request(), "no-such-person", "read:person"))).toEqual(
      forbidden,
    );
  });

  test("a staff member reads the people of their cohorts, not a person enrolled only in another", async () => {
    const { a, b } = await twoCohorts();
    const staff = await signedIn(["staff"]);
    await assign(a.id, staff.person.id, "staff");
    const [inA, onlyInB, applicantToA] = await Promise.all([createPerson(), createPerson(), createPerson()]);
    await enroll(a.id, inA.id);
    await enroll(b.id, onlyInB.id);
    await enroll(a.id, applicantToA.id, "applied");
    const teacherOfA = await createPerson({ roles: ["instructor"] });
    await assign(a.id, teacherOfA.id, "instructor");

    for (const id of [inA.id, applicantToA.id, teacherOfA.id, staff.person.id]) {
      expect(await outcome(requirePersonPermission(staff.request(), id, "read:person"))).toEqual({
        passed: staff.person.id,
      });
    }
    expect(await outcome(requirePersonPermission(staff.request(), onlyInB.id, "read:person"))).toEqual(forbidden);
    expect(await outcome(requirePersonPermission(staff.request(), onlyInB.id, "update:person"))).toEqual(forbidden);
  });

  test("an instructor has no reach over people at all", async () => {
    const { a } = await twoCohorts();
    const instructor = await signedIn(["instructor"]);
    await assign(a.id, instructor.person.id, "instructor");
    const trainee = await createPerson();
    await enroll(a.id, trainee.id);
    expect(await outcome(requirePersonPermission(instructor.request(), trainee.id, "read:person"))).toEqual(forbidden);
  });

  test("an admin passes for anybody", async () => {
    const admin = await signedIn(["admin"]);
    const [trainee, staff] = await Promise.all([createPerson(), createPerson({ roles: ["staff"] })]);
    for (const id of [trainee.id, staff.id, admin.person.id]) {
      expect(await outcome(requirePersonPermission(admin.request(), id, "update:person"))).toEqual({
        passed: admin.person.id,
      });
    }
  });
});

describe("the permission matrix", () => {
  test("every permission is action:entity:access with known parts, listed once per role", () => {
    for (const role of roleKeys) {
      const permissions = rolePermissions[role];
      expect(permissions.length).toBeGreaterThan(0);
      expect(new Set(permissions).size).toBe(permissions.length);
      for (const permission of permissions) {
        const parts = permission.split(":");
        expect(parts, permission).toHaveLength(3);
        const [action, entity, access] = parts as [string, string, string];
        expect(actions as readonly string[], permission).toContain(action);
        expect(entities as readonly string[], permission).toContain(entity);
        expect(accesses as readonly string[], permission).toContain(access);
      }
    }
    // Trainees reach only their own records; only admins reach any record of audit.
    expect(rolePermissions.trainee.every((p) => p.endsWith(":own"))).toBe(true);
    expect(roleKeys.filter((role) => rolePermissions[role].some((p) => p.startsWith("read:audit:")))).toEqual([
      "admin",
    ]);
    // Organisation viewers only read, only through their organisation's cohorts, and only reports and rosters.
    expect([...rolePermissions.viewer].sort()).toEqual(["read:report:organisation", "read:roster:organisation"]);
    expect(roleKeys.filter((role) => rolePermissions[role].some((p) => p.endsWith(":organisation")))).toEqual(["viewer"]);
  });

  test("a signed-in user carries exactly the permissions the matrix gives their roles, as written to the database", async () => {
    for (const roles of [["admin"], ["staff"], ["instructor"], ["trainee"], ["viewer"], ["instructor", "trainee"]] as RoleKey[][]) {
      const { request } = await signedIn(roles);
      const user = await getCurrentUser(request());
      const expected = [...new Set(roles.flatMap((role) => rolePermissions[role]))].sort();
      expect([...user!.permissions].sort(), roles.join("+")).toEqual(expected);
    }
  });
});

describe("attendance write paths", () => {
  const now = new Date();
  const status = async (work: Promise<unknown>) => {
    try {
      await work;
      return "passed";
    } catch (thrown) {
      if (thrown instanceof Response) return thrown.status;
      throw thrown;
    }
  };
  async function scene() {
    const { a, b } = await twoCohorts();
    const otherStaff = await signedIn(["staff"]);
    await assign(b.id, otherStaff.person.id, "staff");
    const bystander = await signedIn(["instructor"]);
    await assign(a.id, bystander.person.id, "instructor");
    const teacher = await signedIn(["instructor"]);
    await assign(a.id, teacher.person.id, "instructor");
    const lecturer = await createLecturer({ personId: teacher.person.id });
    const module = await createModule(a.id);
    const session = await createSession(module.id, { startsAt: new Date(now.getTime() - 3_600_000), lecturerIds: [lecturer.id] });
    const trainee = await signedIn(["trainee"]);
    const enrollment = await enroll(a.id, trainee.person.id);
    const classmate = await signedIn(["trainee"]);
    await enroll(a.id, classmate.person.id);
    const user = async (who: { request: (path?: string) => Request }) => (await getCurrentUser(who.request()))!;
    return { session, enrollment, otherStaff: await user(otherStaff), bystander: await user(bystander), teacher: await user(teacher), trainee: await user(trainee), classmate: await user(classmate) };
  }

  test("roll call: staff of another cohort and an instructor not teaching the session are refused; the session's lecturer may", async () => {
    const { session, enrollment, otherStaff, bystander, teacher } = await scene();
    const mark = (actor: Awaited<ReturnType<typeof scene>>["teacher"]) =>
      markAttendance({ actor, sessionId: session.id, enrollmentIds: [enrollment.id], status: "present", reason: null, now });
    expect(await status(mark(otherStaff))).toBe(403);
    expect(await status(mark(bystander))).toBe(403);
    expect(await status(enterSignInSheet({ actor: bystander, sessionId: session.id, presentIds: [], now }))).toBe(403);
    expect(await status(mark(teacher))).toBe("passed");
  });

  test("leave: only staff of the cohort decide, and a trainee asks only for their own enrollment", async () => {
    const { session, enrollment, otherStaff, teacher, trainee, classmate } = await scene();
    expect(await status(requestLeave({ actor: classmate, enrollmentId: enrollment.id, sessionId: session.id, reason: "代请", now }))).toBe(403);
    const leaveId = await requestLeave({ actor: trainee, enrollmentId: enrollment.id, sessionId: session.id, reason: "出差", now });
    expect(await status(decideLeave({ actor: otherStaff, leaveId, decision: "approved", note: null, now }))).toBe(403);
    expect(await status(decideLeave({ actor: teacher, leaveId, decision: "approved", note: null, now }))).toBe(403);
    expect(await status(withdrawLeave({ actor: classmate, leaveId, now }))).toBe(403);
  });
});

describe("a cohort id that does not exist", () => {
  test("is not found for staff-side users and forbidden for trainees, never an error", async () => {
    const admin = await signedIn(["admin"]);
    const trainee = await signedIn(["trainee"]);
    expect(await outcome(requireCohortPermission(admin.request(), "no-such-cohort", "read:cohort"))).toEqual({ status: 404, location: null });
    expect(await outcome(requireCohortPermission(trainee.request(), "no-such-cohort", "read:cohort"))).toEqual(forbidden);
  });
});

describe("writes on people, roles and invitations, by staff of another cohort and by an instructor", () => {
  // Every domain function that writes a person, a role or an invitation, tried
  // by staff of cohort B and by an instructor of cohort A against cohort A's people.
  test("each is refused (403 or a field error), and nothing is written", async () => {
    const { a, b } = await twoCohorts();
    const staffOfA = await createPerson({ roles: ["staff"] });
    await assign(a.id, staffOfA.id, "staff");
    const staffOfB = await createPerson({ roles: ["staff"] });
    await assign(b.id, staffOfB.id, "staff");
    const instructor = await createPerson({ roles: ["instructor"] });
    await assign(a.id, instructor.id, "instructor");
    const trainee = await createPerson({ status: "invited", password: null });
    await enroll(a.id, trainee.id);
    const applicant = await createPerson();
    const application = await enroll(a.id, applicant.id, "applied");
    const now = new Date();
    const request = () => new Request("http://localhost/");
    const bytes = await rosterXlsx([{ name: "新人", mobile: "13933334444", company: "新企业有限公司" }]);
    const written = async () => ({
      people: await db.person.count(),
      roles: await db.personRole.count(),
      invitations: await db.invitation.count(),
      enrollments: await db.enrollment.findMany({ where: { cohortId: a.id }, select: { status: true }, orderBy: { id: "asc" } }),
      assignments: await db.cohortAssignment.count(),
      trainee: await db.person.findUniqueOrThrow({ where: { id: trainee.id }, select: { name: true, status: true, passwordHash: true } }),
    });

    for (const [label, actor] of [
      ["staff of another cohort", asUser(staffOfB.id, ["staff"])],
      ["instructor", asUser(instructor.id, ["instructor"])],
    ] as const) {
      const context = { actor, request: request(), now };
      const before = await written();
      const attempts: [string, () => Promise<unknown>][] = [
        ["addPerson", () => addPerson(PersonCreateSchema.parse({ name: "越权", mobile: "13933335555", role: "trainee", company: "某企业", cohortId: a.id }), context)],
        ["reinvitePerson", () => reinvitePerson(trainee.id, context)],
        ["deactivatePerson", () => deactivatePerson(trainee.id, context)],
        ["reactivatePerson", () => reactivatePerson(trainee.id, context)],
        ["updateTraineeDetails", () => updateTraineeDetails(trainee.id, TraineeProfileSchema.parse({ name: "改名", mobile: trainee.mobile, company: "改企业" }), context)],
        ["setRoles", () => setRoles(trainee.id, ["admin"], context)],
        ["assignToCohort", () => assignToCohort({ personId: trainee.id, cohortId: a.id, role: "staff" }, context)],
        ["unassignFromCohort", () => unassignFromCohort({ personId: staffOfA.id, cohortId: a.id, role: "staff" }, context)],
        ["previewRosterImport", () => previewRosterImport({ cohortId: a.id, fileName: "r.xlsx", bytes, actor })],
        ["commitRosterImport", () => commitRosterImport({ cohortId: a.id, fileName: "r.xlsx", bytes, actor, request: request(), now })],
        ["issueCohortActivationCodes", () => issueCohortActivationCodes({ cohortId: a.id, actor, request: request(), now })],
      ];
      for (const [name, attempt] of attempts) {
        const refused = await attempt().then(
          () => "passed",
          (error: unknown) => error,
        );
        const status = refused instanceof Response ? refused.status : (refused as { name?: string }).name;
        expect(["403", "DomainError"], `${label}: ${name}`).toContain(String(status));
      }
      expect(await written(), label).toEqual(before);
    }

    // The routes that decide applications, import rosters and issue codes gate on update:enrollment in the cohort.
    for (const person of [staffOfB, instructor]) {
      const cookie = (await createAuthSession(new Request("http://localhost/"), person.id, {})).split(";")[0]!;
      const signed = new Request(`http://localhost/admin/cohorts/${a.id}/import`, { headers: { Cookie: cookie } });
      expect(await outcome(requireCohortPermission(signed, a.id, "update:enrollment"))).toEqual(forbidden);
      expect(await outcome(requirePersonPermission(signed, trainee.id, "update:person"))).toEqual(forbidden);
    }
    expect(await db.enrollment.findUniqueOrThrow({ where: { id: application.id }, select: { status: true } })).toEqual({ status: "applied" });
  });
});

describe("lecturer account links", () => {
  // The link/unlink forms of /admin/lecturers/<id>, posted by someone who must not change them.
  async function post(cookie: string, lecturerId: string, form: Record<string, string>) {
    const request = new Request(`http://localhost/admin/lecturers/${lecturerId}`, { method: "POST", body: new URLSearchParams(form), headers: { Cookie: cookie } });
    try {
      const data = await lecturerAction({ request, params: { lecturerId }, context: {} });
      return { status: 200, errors: Object.values(data.result.error ?? {}).flat() };
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      return { status: thrown.status, errors: [] };
    }
  }

  async function lecturerOfB() {
    const { a, b } = await twoCohorts();
    const account = await createPerson({ roles: ["instructor"] });
    await assign(b.id, account.id, "instructor");
    const lecturer = await createLecturer({ personId: account.id });
    const unlinked = await createLecturer();
    const module = await createModule(b.id, { lecturerIds: [lecturer.id, unlinked.id] });
    await createSession(module.id, { startsAt: new Date(Date.now() + 86_400_000), lecturerIds: [lecturer.id] });
    const newcomer = await createPerson({ roles: ["instructor"] });
    await assign(a.id, newcomer.id, "instructor");
    return { a, b, account, lecturer, unlinked, newcomer };
  }

  const links = (...ids: string[]) => db.lecturer.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: { id: true, personId: true } });

  test("staff of another cohort can neither link nor unlink, and nothing is written", async () => {
    const { a, account, lecturer, unlinked, newcomer } = await lecturerOfB();
    const staff = await signedIn(["staff"]);
    await assign(a.id, staff.person.id, "staff");
    const cookie = staff.request().headers.get("Cookie")!;
    const before = await links(lecturer.id, unlinked.id);

    expect(await post(cookie, lecturer.id, { intent: "unlink" })).toEqual({ status: 200, errors: ["faculty.errors.linkNeedsAdmin"] });
    expect(await post(cookie, unlinked.id, { intent: "link", personId: newcomer.id })).toEqual({ status: 200, errors: ["faculty.errors.linkNeedsAdmin"] });
    expect(await links(lecturer.id, unlinked.id)).toEqual(before);
    expect(before.find((row) => row.id === lecturer.id)?.personId).toBe(account.id);
    expect(await db.auditEvent.count({ where: { action: { startsWith: "lecturer.account_" } } })).toBe(0);
  });

  test("an instructor, even the linked lecturer, is refused before anything is read", async () => {
    const { b, account, lecturer, unlinked, newcomer } = await lecturerOfB();
    const instructor = await signedIn(["instructor"]);
    await assign(b.id, instructor.person.id, "instructor");
    const accountCookie = (await createAuthSession(new Request("http://localhost/"), account.id, {})).split(";")[0]!;
    const before = await links(lecturer.id, unlinked.id);
    for (const cookie of [instructor.request().headers.get("Cookie")!, accountCookie]) {
      expect(await post(cookie, lecturer.id, { intent: "unlink" })).toEqual({ status: 403, errors: [] });
      expect(await post(cookie, unlinked.id, { intent: "link", personId: newcomer.id })).toEqual({ status: 403, errors: [] });
    }
    expect(await links(lecturer.id, unlinked.id)).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: { startsWith: "lecturer.account_" } } })).toBe(0);
  });
});

describe("check-in", () => {
  test("the projector and the panel's actions: staff and the instructor of the cohort, the session's lecturer; not staff of another cohort", async () => {
    const { a, staffHere, staffElsewhere, instructorHere } = await staffOfTwoCohorts();
    const session = await createSessionWithModule(a.id, { startsAt: new Date("2025-03-03T01:00:00Z") });
    const lecturer = await signedIn(["instructor"]);
    const lecturerRecord = await createLecturer({ personId: lecturer.person.id });
    await db.sessionLecturer.create({ data: { sessionId: session.id, lecturerId: lecturerRecord.id } });
    const check = (who: { request: () => Request }) => outcome(requireCheckInStaff(who.request(), session.id).then((r) => r.user));

    expect(await check(staffHere)).toEqual({ passed: staffHere.person.id });
    expect(await check(instructorHere)).toEqual({ passed: instructorHere.person.id });
    expect(await check(lecturer)).toEqual({ passed: lecturer.person.id });
    expect(await check(staffElsewhere)).toEqual(forbidden);

    // The panel's settings form: staff of another cohort and an instructor change nothing.
    const post = (who: { request: (path?: string) => Request }) => {
      const base = who.request(`/admin/cohorts/${a.id}/sessions/${session.id}/check-in`);
      const body = new URLSearchParams({ intent: "settings", opensMinutesBefore: "5", closesMinutesAfter: "5", lateAfterMinutes: "", openToGuests: "on" });
      const request = new Request(base.url, { method: "POST", headers: { Cookie: base.headers.get("Cookie")!, "Content-Type": "application/x-www-form-urlencoded" }, body });
      return checkInPanelAction({ request, params: { cohortId: a.id, sessionId: session.id }, context: {} }).then((r) => ({ status: r.status }), (r: Response) => ({ status: r.status }));
    };
    expect(await post(staffElsewhere)).toEqual({ status: 403 });
    expect(await post(instructorHere)).toEqual({ status: 403 });
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).openToGuests).toBe(false);
    expect(await post(staffHere)).toEqual({ status: 302 });
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).openToGuests).toBe(true);
  });
});

describe("certificates: only staff of the cohort and admins issue, revoke and reissue", () => {
  test("staff of another cohort and an instructor of this one are refused, through the domain and through the page's form", async () => {
    const { a, staffHere, staffElsewhere, instructorHere } = await staffOfTwoCohorts();
    const trainee = await createPerson();
    const enrollment = await enroll(a.id, trainee.id);
    const context = { request: new Request("http://localhost/admin"), origin: "http://localhost", now: new Date() };
    const refused = async (work: Promise<unknown>) => outcome(work.then(() => ({ id: "done" })));
    const as = (who: { person: { id: string } }, roles: RoleKey[]) => asUser(who.person.id, roles);

    for (const [who, roles] of [[staffElsewhere, ["staff"]], [instructorHere, ["instructor"]]] as const) {
      expect(await refused(issueToEligible(as(who, [...roles]), a.id, context))).toEqual(forbidden);
      expect(await refused(issueByException(as(who, [...roles]), a.id, { enrollmentId: enrollment.id, reason: "试图破例" }, context))).toEqual(forbidden);
    }
    expect(await db.certificate.count({ where: { enrollmentId: enrollment.id } })).toBe(0);

    const issued = await issueByException(as(staffHere, ["staff"]), a.id, { enrollmentId: enrollment.id, reason: "经学院批准" }, context);
    expect(issued).toMatchObject({ ok: true });
    const certificate = await db.certificate.findFirstOrThrow({ where: { enrollmentId: enrollment.id } });
    for (const [who, roles] of [[staffElsewhere, ["staff"]], [instructorHere, ["instructor"]]] as const) {
      expect(await refused(revokeCertificate(as(who, [...roles]), a.id, { certificateId: certificate.id, reason: "试图撤销" }, context))).toEqual(forbidden);
      expect(await refused(reissueCertificate(as(who, [...roles]), a.id, { certificateId: certificate.id, reason: "试图补发" }, context))).toEqual(forbidden);
    }

    // The page's form as a loader meets it.
    const post = (who: { request: (path?: string) => Request }) => {
      const base = who.request(`/admin/cohorts/${a.id}/certificates`);
      const body = new URLSearchParams({ intent: "revoke", certificateId: certificate.id, reason: "试图撤销" });
      const request = new Request(base.url, { method: "POST", headers: { Cookie: base.headers.get("Cookie")!, "Content-Type": "application/x-www-form-urlencoded" }, body });
      return certificatesRouteAction({ request, params: { cohortId: a.id }, context: {} }).then(() => ({ status: 200 }), (r: Response) => ({ status: r.status }));
    };
    expect(await post(staffElsewhere)).toEqual({ status: 403 });
    expect(await post(instructorHere)).toEqual({ status: 403 });
    const unchanged = await db.certificate.findUniqueOrThrow({ where: { id: certificate.id } });
    expect(unchanged.revokedAt).toBeNull();
    expect(unchanged.supersededById).toBeNull();
    expect(await post(staffHere)).toEqual({ status: 200 });
    expect((await db.certificate.findUniqueOrThrow({ where: { id: certificate.id } })).revokedAt).not.toBeNull();
  });
});

describe("the attendance start of an enrollment: only staff of the cohort and admins change it", () => {
  test("staff of another cohort and an instructor of this one are refused, through the domain and through the roster's form; nothing is written", async () => {
    const { a, staffHere, staffElsewhere, instructorHere } = await staffOfTwoCohorts();
    const trainee = await createPerson();
    const enrollment = await enroll(a.id, trainee.id);
    const refused = async (work: Promise<unknown>) => outcome(work.then(() => ({ id: "done" })));
    const change = (who: { person: { id: string } }, roles: RoleKey[]) =>
      changeAttendanceFrom({ actor: asUser(who.person.id, roles), cohortId: a.id, enrollmentId: enrollment.id, attendanceFrom: new Date(), reason: "插班", now: new Date() });
    const audit = () => db.auditEvent.count({ where: { action: "enrollment.attendance_from_changed" } });
    const before = await audit();
    expect(await refused(change(staffElsewhere, ["staff"]))).toEqual(forbidden);
    expect(await refused(change(instructorHere, ["instructor"]))).toEqual(forbidden);

    const post = (who: { request: (path?: string) => Request }) => {
      const base = who.request(`/admin/cohorts/${a.id}/roster`);
      const body = new URLSearchParams({ intent: "attendance-from", enrollmentId: enrollment.id, mode: "date", date: "2026-03-19", reason: "插班" });
      const request = new Request(base.url, { method: "POST", headers: { Cookie: base.headers.get("Cookie")!, "Content-Type": "application/x-www-form-urlencoded" }, body });
      return rosterRouteAction({ request, params: { cohortId: a.id }, context: {} }).then(() => ({ status: 200 }), (r: Response) => ({ status: r.status }));
    };
    expect(await post(staffElsewhere)).toEqual({ status: 403 });
    expect(await post(instructorHere)).toEqual({ status: 403 });
    expect((await db.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).attendanceFrom).toBeNull();
    expect(await audit()).toBe(before);

    expect(await post(staffHere)).toEqual({ status: 200 });
    expect((await db.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).attendanceFrom).not.toBeNull();
    expect(await audit()).toBe(before + 1);
  });
});

describe("credentials: only admins rotate the signing key", () => {
  test("staff of another cohort, staff of this one and an instructor are refused, through the domain and through the settings form; nothing changes", async () => {
    const { staffHere, staffElsewhere, instructorHere: instructor } = await staffOfTwoCohorts();
    const admin = await signedIn(["admin"]);
    const context = { request: new Request("http://localhost/admin/settings"), now: new Date() };
    const post = (who: { request: (path?: string) => Request }) => {
      const base = who.request("/admin/settings");
      const body = new URLSearchParams({ intent: "rotateKey", confirm: "yes" });
      const request = new Request(base.url, { method: "POST", headers: { Cookie: base.headers.get("Cookie")!, "Content-Type": "application/x-www-form-urlencoded" }, body });
      return settingsAction({ request, params: {}, context: {} }).then(() => ({ status: 200 }), (r: Response) => ({ status: r.status }));
    };
    const keysBefore = await db.signingKey.findMany({ orderBy: { keyId: "asc" } });

    for (const [who, roles] of [[staffElsewhere, ["staff"]], [staffHere, ["staff"]], [instructor, ["instructor"]]] as const) {
      expect(await outcome(rotateSigningKey(asUser(who.person.id, [...roles]), context).then(() => ({ id: "done" })))).toEqual(forbidden);
      expect(await post(who)).toEqual({ status: 403 });
    }
    expect(await db.signingKey.findMany({ orderBy: { keyId: "asc" } })).toEqual(keysBefore);
    expect(await db.auditEvent.count({ where: { action: "credential.key_rotated" } })).toBe(0);

    expect(await post(admin)).toEqual({ status: 200 });
    expect(await db.signingKey.count({ where: { retiredAt: null } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "credential.key_rotated", actorId: admin.person.id } })).toBe(1);
  });
});

describe("certificate files: only the trainee and the cohort's staff download them; only staff draw missing ones", () => {
  test("staff of another cohort and an instructor of this one cannot draw, download or archive a cohort's certificates", async () => {
    const [a, b] = await Promise.all([createCohort(), createCohort()]);
    const trainee = await signedIn(["trainee"]);
    const enrollment = await enroll(a.id, trainee.person.id);
    const staffElsewhere = await signedIn(["staff"]);
    await assign(b.id, staffElsewhere.person.id, "staff");
    const instructorHere = await signedIn(["instructor"]);
    await assign(a.id, instructorHere.person.id, "instructor");
    const otherTrainee = await signedIn(["trainee"]);
    await enroll(b.id, otherTrainee.person.id);
    const context = { request: new Request("http://localhost/admin"), origin: "http://localhost", now: new Date() };
    const staffHere = await signedIn(["staff"]);
    await assign(a.id, staffHere.person.id, "staff");
    const issued = await issueByException(asUser(staffHere.person.id, ["staff"]), a.id, { enrollmentId: enrollment.id, reason: "经学院批准" }, context);
    if (!issued.ok) throw new Error(issued.error);
    // Left without files, as after an interrupted batch: the "draw them now" form is a write.
    const status = (work: Promise<unknown>) => work.then(() => 200, (r: Response) => r.status);
    for (const who of [staffElsewhere, instructorHere]) {
      const base = who.request(`/admin/cohorts/${a.id}/certificates`);
      const request = new Request(base.url, { method: "POST", headers: { Cookie: base.headers.get("Cookie")!, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ intent: "documents" }) });
      expect(await status(certificatesRouteAction({ request, params: { cohortId: a.id }, context: {} }))).toBe(403);
      expect(await status(certificateArchiveLoader({ request: who.request(`/admin/cohorts/${a.id}/certificates.zip`), params: { cohortId: a.id }, context: {} }))).toBe(403);
    }
    for (const who of [staffElsewhere, instructorHere, otherTrainee]) {
      const request = who.request(`/certificates/${issued.id}/pdf`);
      expect(await status(certificateFileLoader({ request, params: { certificateId: issued.id, kind: "pdf" }, context: {} }))).toBe(403);
    }
    expect((await db.certificate.findUniqueOrThrow({ where: { id: issued.id } })).pdfSha256).toBeNull();
  });
});

describe("organisations' seals and signatures", () => {
  // The forms of /admin/organisations/<id>, posted by someone who must not change what certificates print.
  async function post(cookie: string, organisationId: string, form: FormData) {
    const request = new Request(`http://localhost/admin/organisations/${organisationId}`, { method: "POST", body: form, headers: { Cookie: cookie } });
    try {
      const data = await organisationAction({ request, params: { organisationId }, context: {} });
      return { status: 200, errors: data.errors };
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      return { status: thrown.status, errors: [] };
    }
  }

  function upload(kind: "seal" | "signature", png: Uint8Array) {
    const form = new FormData();
    form.set("intent", "upload");
    form.set("kind", kind);
    form.set("image", new File([new Uint8Array(png)], "seal.png", { type: "image/png" }));
    return form;
  }

  test("staff (of a cohort the organisation runs) and an instructor are refused, and nothing is written; an admin may", async () => {
    const { a } = await twoCohorts();
    const organisation = await db.organisation.create({ data: { name: "测试市工商业联合会", kind: "federation", level: "city" } });
    await db.cohortOrganisation.create({ data: { cohortId: a.id, organisationId: organisation.id, role: "organiser" } });
    const staff = await signedIn(["staff"]);
    await assign(a.id, staff.person.id, "staff");
    const instructor = await signedIn(["instructor"]);
    await assign(a.id, instructor.person.id, "instructor");
    const admin = await signedIn(["admin"]);
    const png = await demoSealPng(organisation.name);
    const signatory = new FormData();
    signatory.set("intent", "signatory");
    signatory.set("signatoryName", "冒名");

    for (const who of [staff, instructor]) {
      const cookie = who.request().headers.get("Cookie")!;
      expect(await post(cookie, organisation.id, upload("seal", png))).toEqual({ status: 403, errors: [] });
      expect(await post(cookie, organisation.id, signatory)).toEqual({ status: 403, errors: [] });
    }
    const untouched = await db.organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect([untouched.sealSha256, untouched.signatoryName]).toEqual([null, null]);
    expect(await db.auditEvent.count({ where: { action: "organisation.seal_changed" } })).toBe(0);

    expect(await post(admin.request().headers.get("Cookie")!, organisation.id, upload("seal", png))).toEqual({ status: 200, errors: [] });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).sealSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.auditEvent.count({ where: { action: "organisation.seal_changed" } })).toBe(1);
  });

  test("an admin's upload that is not a PNG with transparency is refused with a clear message", async () => {
    const organisation = await db.organisation.create({ data: { name: "测试大学", kind: "university" } });
    const admin = await signedIn(["admin"]);
    const cookie = admin.request().headers.get("Cookie")!;
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    const result = await post(cookie, organisation.id, upload("seal", jpeg));
    expect(result.status).toBe(200);
    expect(result.errors[0]).toContain("organisations.errors.imageNotPng");
    expect((await db.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).sealSha256).toBeNull();
  });
});

describe("organisation viewers and reports API tokens: only admins make or remove them", () => {
  async function postForm(route: typeof organisationAction | typeof apiTokensAction, path: string, cookie: string, fields: Record<string, string>, params: Record<string, string> = {}) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    const request = new Request(`http://localhost${path}`, { method: "POST", body: form, headers: { Cookie: cookie } });
    try {
      const data = await route({ request, params, context: {} });
      return { status: 200, errors: data.errors };
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      return { status: thrown.status, errors: [] };
    }
  }

  test("staff of another cohort, staff of a cohort the organisation co-organises and an instructor are refused, through the domain and the page's form; nothing is written", async () => {
    const { a, b } = await twoCohorts();
    const organisation = await db.organisation.create({ data: { name: `测试县工商联${process.pid}`, kind: "federation", level: "county" } });
    await db.cohortOrganisation.create({ data: { cohortId: a.id, organisationId: organisation.id, role: "co_organiser" } });
    const ownStaff = await signedIn(["staff"]);
    await assign(a.id, ownStaff.person.id, "staff");
    const otherStaff = await signedIn(["staff"]);
    await assign(b.id, otherStaff.person.id, "staff");
    const instructor = await signedIn(["instructor"]);
    await assign(a.id, instructor.person.id, "instructor");
    const admin = await signedIn(["admin"]);
    const existing = await addOrganisationViewer({ name: "周晓岚", mobile: "13612340001", organisationId: organisation.id }, { actor: asUser(admin.person.id, ["admin"]), now: new Date() });
    const token = await createReportToken({ name: "统计平台", organisationId: null }, { actor: asUser(admin.person.id, ["admin"]), now: new Date() });
    const before = { viewers: await db.organisationViewer.count(), tokens: await db.reportApiToken.count(), audit: await db.auditEvent.count() };

    for (const who of [ownStaff, otherStaff, instructor]) {
      const actor = { id: who.person.id, permissions: (await getCurrentUser(who.request()))!.permissions };
      const context = { actor, now: new Date() };
      await expect(addOrganisationViewer({ name: "冒名", mobile: "13612340002", organisationId: organisation.id }, context)).rejects.toMatchObject({ status: 403 });
      await expect(removeOrganisationViewer({ organisationId: organisation.id, personId: existing.personId }, context)).rejects.toMatchObject({ status: 403 });
      await expect(createReportToken({ name: "冒名", organisationId: null }, context)).rejects.toMatchObject({ status: 403 });
      await expect(revokeReportToken(token.id, context)).rejects.toMatchObject({ status: 403 });

      const cookie = who.request().headers.get("Cookie")!;
      const page = `/admin/organisations/${organisation.id}`;
      const params = { organisationId: organisation.id };
      expect(await postForm(organisationAction, page, cookie, { intent: "viewer-add", name: "冒名", mobile: "13612340002" }, params)).toEqual({ status: 403, errors: [] });
      expect(await postForm(organisationAction, page, cookie, { intent: "viewer-remove", personId: existing.personId }, params)).toEqual({ status: 403, errors: [] });
      expect(await postForm(apiTokensAction, "/admin/api-tokens", cookie, { intent: "create", name: "冒名" })).toEqual({ status: 403, errors: [] });
      expect(await postForm(apiTokensAction, "/admin/api-tokens", cookie, { intent: "revoke", tokenId: token.id })).toEqual({ status: 403, errors: [] });
    }
    expect({ viewers: await db.organisationViewer.count(), tokens: await db.reportApiToken.count(), audit: await db.auditEvent.count() }).toEqual(before);
    expect(await db.person.count({ where: { mobile: "13612340002" } })).toBe(0);
    expect((await db.reportApiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();

    // The admin's own forms do what the others could not.
    const adminCookie = admin.request().headers.get("Cookie")!;
    expect(await postForm(organisationAction, `/admin/organisations/${organisation.id}`, adminCookie, { intent: "viewer-add", name: "李华", mobile: "13612340003" }, { organisationId: organisation.id })).toEqual({ status: 200, errors: [] });
    expect(await postForm(apiTokensAction, "/admin/api-tokens", adminCookie, { intent: "revoke", tokenId: token.id })).toEqual({ status: 200, errors: [] });
    expect(await db.organisationViewer.count({ where: { organisationId: organisation.id } })).toBe(2);
  });

  test("a viewer is refused by every staff-side check: no cohort, person or attendance permission anywhere", async () => {
    const { a } = await twoCohorts();
    const viewer = await signedIn(["viewer"]);
    const trainee = await createPerson();
    await enroll(a.id, trainee.id);
    for (const need of ["read:cohort", "read:enrollment", "read:attendance", "read:curriculum", "read:certificate", "update:attendance"] as const) {
      expect(await outcome(requireCohortPermission(viewer.request(), a.id, need)), need).toEqual(forbidden);
    }
    expect(await outcome(requirePersonPermission(viewer.request(), trainee.id, "read:person"))).toEqual(forbidden);
  });
});
