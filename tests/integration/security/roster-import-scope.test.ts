// Roster import as an attacker on the staff side uses it: a sheet holding the
// mobile number of someone outside the importer's cohorts, or of a staff-side
// account, must neither show, change nor hand over that person.
import { describe, expect, test } from "vitest";
import { activateWithCode } from "~/modules/accounts/invitations.server.ts";
import { signIn } from "~/modules/accounts/sign-in.server.ts";
import { addPerson, reinvitePerson } from "~/modules/people/people.server.ts";
import { PersonCreateSchema } from "~/modules/people/people.ts";
import { commitRosterImport, issueCohortActivationCodes, previewRosterImport } from "~/modules/roster/import.server.ts";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort, enroll } from "../../factories/cohort.ts";
import { createPerson, defaultTestPassword } from "../../factories/person.ts";
import { rosterXlsx } from "../../factories/roster-files.ts";
import { asUser } from "../../factories/user.ts";

const now = new Date("2025-03-03T01:00:00Z");
const request = () => new Request("http://localhost/");

/** A staff member running cohort A, and cohort B that somebody else runs. */
async function staffOfA() {
  const a = await createCohort({ title: "A班", status: "enrolling" });
  const b = await createCohort({ title: "B班", status: "enrolling" });
  const staff = await createPerson({ roles: ["staff"], name: "A班班主任" });
  await assign(a.id, staff.id, "staff");
  return { a, b, actor: asUser(staff.id, ["staff"]) };
}

const sheet = (mobile: string, overrides: Record<string, string> = {}) =>
  rosterXlsx([{ name: "花名册上的名字", mobile, company: "花名册上的企业有限公司", email: "attacker@evil.test", ...overrides }]);

const snapshot = (personId: string) =>
  db.person.findUniqueOrThrow({
    where: { id: personId },
    select: {
      name: true,
      email: true,
      status: true,
      passwordHash: true,
      roles: { select: { role: { select: { key: true } } } },
      trainee: { select: { company: true } },
      enrollments: { select: { cohortId: true, status: true } },
      invitations: { select: { id: true, revokedAt: true } },
    },
  });

describe("attack 1: staff become admin through an un-activated admin's mobile", () => {
  test("the import refuses the row, the code list leaves the admin out, and no code opens the admin account", async () => {
    const { a, actor } = await staffOfA();
    const owner = await createPerson({ roles: ["admin"] });
    const { personId: newAdmin } = await addPerson(
      PersonCreateSchema.parse({ name: "新管理员", mobile: "13911112222", role: "admin" }),
      { actor: asUser(owner.id, ["admin"]), request: request(), now },
    );
    const before = await snapshot(newAdmin);
    const bytes = await sheet("13911112222");

    const preview = await previewRosterImport({ cohortId: a.id, fileName: "roster.xlsx", bytes, actor });
    expect(preview.issues).toEqual([
      { rowNumber: 2, column: "mobile", messageKey: "roster.errors.notATrainee", value: "13911112222" },
    ]);
    expect(preview.knownPeople).toEqual([]);
    const commit = await commitRosterImport({ cohortId: a.id, fileName: "roster.xlsx", bytes, actor, request: request(), now });
    expect(commit.ok).toBe(false);
    expect(await snapshot(newAdmin)).toEqual(before);

    const codes = await issueCohortActivationCodes({ cohortId: a.id, actor, request: request(), now });
    expect(codes.map((c) => c.id)).not.toContain(newAdmin);
    const takeover = await activateWithCode({ identifier: "13911112222", code: "00000000", password: "staff-now-owns-this", request: request(), now });
    expect(takeover).toMatchObject({ ok: false });
    expect((await snapshot(newAdmin)).status).toBe("invited");
  });
});

describe("attack 2: reading and writing people outside the importer's cohorts", () => {
  test("staff of another cohort and an instructor with no cohort: a row error, and nothing about them changes", async () => {
    const { a, b, actor } = await staffOfA();
    const staffOfB = await createPerson({ roles: ["staff"], email: "b.staff@academy.test" });
    await assign(b.id, staffOfB.id, "staff");
    const loneInstructor = await createPerson({ roles: ["instructor"], email: "teacher@academy.test" });
    const before = await Promise.all([snapshot(staffOfB.id), snapshot(loneInstructor.id)]);
    const bytes = await rosterXlsx([
      { name: "改名", mobile: staffOfB.mobile, company: "某公司", email: "attacker1@evil.test" },
      { name: "改名", mobile: loneInstructor.mobile, company: "某公司", email: "attacker2@evil.test" },
    ]);

    const preview = await previewRosterImport({ cohortId: a.id, fileName: "roster.xlsx", bytes, actor });
    expect(preview.issues.map((i) => [i.rowNumber, i.column, i.messageKey])).toEqual([
      [2, "mobile", "roster.errors.notATrainee"],
      [3, "mobile", "roster.errors.notATrainee"],
    ]);
    expect(JSON.stringify(preview)).not.toContain("b.staff@academy.test");
    expect(JSON.stringify(preview)).not.toContain("teacher@academy.test");
    expect((await commitRosterImport({ cohortId: a.id, fileName: "roster.xlsx", bytes, actor, request: request(), now })).ok).toBe(false);
    expect(await Promise.all([snapshot(staffOfB.id), snapshot(loneInstructor.id)])).toEqual(before);
    // And the e-mail sign-in of the staff member of B still works.
    expect(await signIn({ identifier: "b.staff@academy.test", password: defaultTestPassword, request: request(), now })).toMatchObject({ ok: true });
  });

  test("a trainee of another cohort is enrolled once, with no current details shown or overwritten, and stays out of the importer's hands", async () => {
    const { a, b, actor } = await staffOfA();
    const trainee = await createPerson({ name: "B班学员", email: "b.trainee@example.com", company: "B班学员的企业有限公司" });
    await enroll(b.id, trainee.id);
    const before = await snapshot(trainee.id);
    const bytes = await sheet(trainee.mobile!);

    const preview = await previewRosterImport({ cohortId: a.id, fileName: "roster.xlsx", bytes, actor });
    expect(preview.issues).toEqual([]);
    expect(preview.knownPeople).toEqual([expect.objectContaining({ personId: trainee.id, changes: [] })]);
    expect(preview.accountNotes).toEqual([{ rowNumber: 2, name: "花名册上的名字", note: "outsideScope" }]);
    for (const secret of ["B班学员", "b.trainee@example.com", "B班学员的企业有限公司"]) expect(JSON.stringify(preview)).not.toContain(secret);

    const commit = await commitRosterImport({ cohortId: a.id, fileName: "roster.xlsx", bytes, actor, request: request(), now });
    expect(commit).toEqual({ ok: true, created: 0, enrolled: 1, updated: 0 });
    const after = await snapshot(trainee.id);
    expect({ ...after, enrollments: [] }).toEqual({ ...before, enrollments: [] });
    expect(after.enrollments.map((e) => e.cohortId).sort()).toEqual([a.id, b.id].sort());
    expect(await db.person.count({ where: { mobile: trainee.mobile } })).toBe(1);

    // Enrolled in A now, but still in B: not A's staff to re-invite (take over).
    const reinvite = await reinvitePerson(trainee.id, { actor, request: request(), now }).catch((e: unknown) => e);
    expect(reinvite).toBeInstanceOf(Response);
    expect((reinvite as Response).status).toBe(403);
    expect(await db.invitation.count({ where: { personId: trainee.id } })).toBe(0);
  });

  test("a trainee in no cohort with a password of their own: enrolled, details kept, and the password stays theirs", async () => {
    const { a, actor } = await staffOfA();
    const loner = await createPerson({ email: "loner@example.com" });
    const bytes = await sheet(loner.mobile!);

    const preview = await previewRosterImport({ cohortId: a.id, fileName: "roster.xlsx", bytes, actor });
    expect(preview.accountNotes).toEqual([expect.objectContaining({ note: "outsideScope" })]);
    expect(JSON.stringify(preview)).not.toContain("loner@example.com");
    await commitRosterImport({ cohortId: a.id, fileName: "roster.xlsx", bytes, actor, request: request(), now });

    expect((await snapshot(loner.id)).email).toBe("loner@example.com");
    expect(await reinvitePerson(loner.id, { actor, request: request(), now }).catch((e: unknown) => e)).toMatchObject({
      messageKey: "people.errors.reinviteActivated",
    });
    expect(await issueCohortActivationCodes({ cohortId: a.id, actor, request: request(), now })).toEqual([]);
    expect(await signIn({ identifier: loner.mobile!, password: defaultTestPassword, request: request(), now })).toMatchObject({ ok: true });
  });

  test("a trainee wholly within the importer's cohorts: details shown and updated as before", async () => {
    const { a, actor } = await staffOfA();
    const mine = await createPerson({ company: "旧企业有限公司" });
    await enroll(a.id, mine.id, "applied");
    const bytes = await rosterXlsx([{ name: mine.name, mobile: mine.mobile, company: "新企业有限公司" }]);

    const preview = await previewRosterImport({ cohortId: a.id, fileName: "roster.xlsx", bytes, actor });
    expect(preview.knownPeople[0]?.changes).toEqual([{ field: "company", from: "旧企业有限公司", to: "新企业有限公司" }]);
    expect(preview.accountNotes).toEqual([]);
  });

  test("only staff running the cohort may preview or commit; an instructor may not", async () => {
    const { a, b } = await staffOfA();
    const staffOfB = await createPerson({ roles: ["staff"] });
    await assign(b.id, staffOfB.id, "staff");
    const instructor = await createPerson({ roles: ["instructor"] });
    await assign(a.id, instructor.id, "instructor");
    const bytes = await sheet("13922223333");
    for (const actor of [asUser(staffOfB.id, ["staff"]), asUser(instructor.id, ["instructor"])]) {
      const refused = await previewRosterImport({ cohortId: a.id, fileName: "r.xlsx", bytes, actor }).catch((e: unknown) => e);
      expect((refused as Response).status).toBe(403);
      const commit = await commitRosterImport({ cohortId: a.id, fileName: "r.xlsx", bytes, actor, request: request(), now }).catch((e: unknown) => e);
      expect((commit as Response).status).toBe(403);
    }
    expect(await db.person.count({ where: { mobile: "13922223333" } })).toBe(0);
  });
});
