// Security regression: linking a lecturer profile to an account. A staff member
// of one cohort linked another cohort's lecturer profile to an instructor
// account of their choosing (which then saw that cohort's sessions, materials
// and calendar feed) and unlinked the real lecturer. Linking is now scoped like
// every other change to a person, and audited.
import { describe, expect, test } from "vitest";
import { createAuthSession } from "~/modules/accounts/auth-session.server.ts";
import { getTeachingSchedule } from "~/modules/faculty/lecturers.server.ts";
import { action as lecturerAction, loader as lecturerLoader } from "~/routes/admin.lecturers.$lecturerId.tsx";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort, enroll } from "../../factories/cohort.ts";
import { createLecturer, createModule, createSession } from "../../factories/curriculum.ts";
import { createPerson } from "../../factories/person.ts";
import type { RoleKey } from "~/modules/accounts/roles.ts";

async function signedIn(roles: RoleKey[]) {
  const person = await createPerson({ roles });
  const cookie = (await createAuthSession(new Request("http://localhost/"), person.id, {})).split(";")[0]!;
  return { person, cookie };
}

/** The page's form post, as the attacker sent it. */
async function post(cookie: string, lecturerId: string, form: Record<string, string>) {
  const request = new Request(`http://localhost/admin/lecturers/${lecturerId}`, { method: "POST", body: new URLSearchParams(form), headers: { Cookie: cookie } });
  try {
    const data = await lecturerAction({ request, params: { lecturerId }, context: {} });
    return { status: 200, errors: Object.values(data.result.error ?? {}).flat() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, errors: [] };
    throw thrown;
  }
}

async function page(cookie: string, lecturerId: string) {
  return lecturerLoader({ request: new Request(`http://localhost/admin/lecturers/${lecturerId}`, { headers: { Cookie: cookie } }), params: { lecturerId }, context: {} });
}

const linkOf = async (lecturerId: string) => (await db.lecturer.findUniqueOrThrow({ where: { id: lecturerId }, select: { personId: true } })).personId;
const linkEvents = () => db.auditEvent.findMany({ where: { action: { startsWith: "lecturer.account_" } }, orderBy: { at: "asc" }, select: { action: true, actorId: true, targetId: true } });

/** Cohort A with its staff member and an instructor; cohort B with its lecturer, who signs in with their own account. */
async function twoCohorts() {
  const a = await createCohort({ title: "A班" });
  const b = await createCohort({ title: "B班" });
  const staffOfA = await signedIn(["staff"]);
  await assign(a.id, staffOfA.person.id, "staff");
  const instructorOfA = await createPerson({ roles: ["instructor"] });
  await assign(a.id, instructorOfA.id, "instructor");
  const realLecturer = await createPerson({ roles: ["instructor"] });
  await assign(b.id, realLecturer.id, "instructor");
  const lecturerOfB = await createLecturer({ name: "B班讲师", personId: realLecturer.id });
  const moduleOfB = await createModule(b.id, { lecturerIds: [lecturerOfB.id] });
  await createSession(moduleOfB.id, { startsAt: new Date(Date.now() + 86_400_000), lecturerIds: [lecturerOfB.id] });
  return { a, b, staffOfA, instructorOfA, realLecturer, lecturerOfB };
}

describe("staff of one cohort and another cohort's lecturer", () => {
  test("cannot unlink the real lecturer, nor link the profile to an account of their choosing", async () => {
    const { staffOfA, instructorOfA, realLecturer, lecturerOfB } = await twoCohorts();

    expect(await post(staffOfA.cookie, lecturerOfB.id, { intent: "unlink" })).toEqual({ status: 200, errors: ["faculty.errors.linkNeedsAdmin"] });
    expect(await linkOf(lecturerOfB.id)).toBe(realLecturer.id);

    // The same profile while not linked (say the admin unlinked it for a moment): still not theirs to link.
    await db.lecturer.update({ where: { id: lecturerOfB.id }, data: { personId: null } });
    expect(await post(staffOfA.cookie, lecturerOfB.id, { intent: "link", personId: instructorOfA.id })).toEqual({ status: 200, errors: ["faculty.errors.linkNeedsAdmin"] });
    expect(await linkOf(lecturerOfB.id)).toBeNull();
    const schedule = await getTeachingSchedule({ personId: instructorOfA.id, now: new Date(), timeZone: "Asia/Shanghai", language: "zh-CN" });
    expect(schedule).toEqual({ lecturer: null, upcoming: [], past: [] });
    expect(await linkEvents()).toEqual([]);

    // The page offers them neither control, and no accounts to pick from.
    const data = await page(staffOfA.cookie, lecturerOfB.id);
    expect(data).toMatchObject({ canManage: true, canLink: false, accounts: [] });
  });

  test("a profile taught in their cohort and another one is the admin's to link", async () => {
    const { a, staffOfA, instructorOfA, lecturerOfB } = await twoCohorts();
    await createModule(a.id, { lecturerIds: [lecturerOfB.id] });
    expect(await post(staffOfA.cookie, lecturerOfB.id, { intent: "unlink" })).toMatchObject({ errors: ["faculty.errors.linkNeedsAdmin"] });
    await db.lecturer.update({ where: { id: lecturerOfB.id }, data: { personId: null } });
    expect(await post(staffOfA.cookie, lecturerOfB.id, { intent: "link", personId: instructorOfA.id })).toMatchObject({ errors: ["faculty.errors.linkNeedsAdmin"] });
    expect(await linkOf(lecturerOfB.id)).toBeNull();
  });
});

describe("staff of a cohort and their own lecturer", () => {
  test("link only accounts of their cohorts that hold no staff-side role, and unlink only those", async () => {
    const { a, b, staffOfA, instructorOfA, realLecturer } = await twoCohorts();
    const lecturerOfA = await createLecturer({ name: "A班讲师" });
    await createModule(a.id, { lecturerIds: [lecturerOfA.id] });
    const unassigned = await createPerson({ roles: ["instructor"] });
    const staffInA = await createPerson({ roles: ["staff", "instructor"] });
    await assign(a.id, staffInA.id, "staff");
    const adminInA = await createPerson({ roles: ["admin", "instructor"] });
    await enroll(a.id, adminInA.id);
    const instructorOfB = await createPerson({ roles: ["instructor"] });
    await assign(b.id, instructorOfB.id, "instructor");

    const offered = (await page(staffOfA.cookie, lecturerOfA.id)) as { canLink: boolean; accounts: { id: string }[] };
    expect(offered.canLink).toBe(true);
    expect(offered.accounts.map((account) => account.id)).toEqual([instructorOfA.id]);

    for (const outside of [unassigned, staffInA, adminInA, realLecturer, instructorOfB]) {
      expect(await post(staffOfA.cookie, lecturerOfA.id, { intent: "link", personId: outside.id })).toEqual({
        status: 200,
        errors: ["faculty.errors.accountOutOfReach"],
      });
    }
    expect(await linkOf(lecturerOfA.id)).toBeNull();

    expect(await post(staffOfA.cookie, lecturerOfA.id, { intent: "link", personId: instructorOfA.id })).toEqual({ status: 200, errors: [] });
    expect(await linkOf(lecturerOfA.id)).toBe(instructorOfA.id);
    expect(await post(staffOfA.cookie, lecturerOfA.id, { intent: "unlink" })).toEqual({ status: 200, errors: [] });
    expect(await linkOf(lecturerOfA.id)).toBeNull();

    // An account an admin linked from outside their reach stays linked.
    await db.lecturer.update({ where: { id: lecturerOfA.id }, data: { personId: unassigned.id } });
    expect(await post(staffOfA.cookie, lecturerOfA.id, { intent: "unlink" })).toEqual({ status: 200, errors: ["faculty.errors.accountOutOfReach"] });
    expect(await linkOf(lecturerOfA.id)).toBe(unassigned.id);

    expect(await linkEvents()).toEqual([
      { action: "lecturer.account_linked", actorId: staffOfA.person.id, targetId: instructorOfA.id },
      { action: "lecturer.account_unlinked", actorId: staffOfA.person.id, targetId: instructorOfA.id },
    ]);
  });
});

describe("an admin", () => {
  test("links and unlinks any profile, and each change is in the audit log", async () => {
    const { instructorOfA, realLecturer, lecturerOfB } = await twoCohorts();
    const admin = await signedIn(["admin"]);
    expect(await post(admin.cookie, lecturerOfB.id, { intent: "unlink" })).toEqual({ status: 200, errors: [] });
    expect(await post(admin.cookie, lecturerOfB.id, { intent: "link", personId: instructorOfA.id })).toEqual({ status: 200, errors: [] });
    expect(await linkOf(lecturerOfB.id)).toBe(instructorOfA.id);
    const events = await linkEvents();
    expect(events.slice(-2)).toEqual([
      { action: "lecturer.account_unlinked", actorId: admin.person.id, targetId: realLecturer.id },
      { action: "lecturer.account_linked", actorId: admin.person.id, targetId: instructorOfA.id },
    ]);
  });
});
