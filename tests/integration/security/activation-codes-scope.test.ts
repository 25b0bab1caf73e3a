// Whoever is handed an activation code owns the account it opens. Codes from
// staff actions go only to never-activated trainees wholly within the actor's
// cohorts; nothing staff do yields a code for a staff-side account.
import { describe, expect, test } from "vitest";
import { reinvitePerson } from "~/modules/people/people.server.ts";
import { issueCohortActivationCodes } from "~/modules/roster/import.server.ts";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort, enroll } from "../../factories/cohort.ts";
import { createPerson } from "../../factories/person.ts";
import { asUser } from "../../factories/user.ts";

const now = new Date("2025-03-03T01:00:00Z");
const request = () => new Request("http://localhost/");
const invited = (roles: ("admin" | "staff" | "instructor" | "trainee")[] = ["trainee"]) => createPerson({ roles, status: "invited", password: null });

async function cohortWithEveryKindOfInvitee() {
  const a = await createCohort({ title: "A班" });
  const b = await createCohort({ title: "B班" });
  const staff = await createPerson({ roles: ["staff"] });
  await assign(a.id, staff.id, "staff");
  const people = {
    trainee: await invited(),
    alsoInB: await invited(),
    admin: await invited(["admin"]),
    staffMember: await invited(["staff"]),
    instructor: await invited(["instructor"]),
    adminTrainee: await invited(["admin", "trainee"]),
    activated: await createPerson(),
  };
  for (const person of Object.values(people)) await enroll(a.id, person.id);
  await enroll(b.id, people.alsoInB.id);
  return { a, b, people, staff: asUser(staff.id, ["staff"]) };
}

describe("the cohort's activation-code list", () => {
  test("staff get codes only for never-activated trainees wholly within their cohorts", async () => {
    const { a, people, staff } = await cohortWithEveryKindOfInvitee();
    const issued = await issueCohortActivationCodes({ cohortId: a.id, actor: staff, request: request(), now });
    expect(issued.map((p) => p.id)).toEqual([people.trainee.id]);
    // No invitation was written for anyone else either.
    const others = Object.values(people).filter((p) => p.id !== people.trainee.id).map((p) => p.id);
    expect(await db.invitation.count({ where: { personId: { in: others } } })).toBe(0);
  });

  test("an admin's list holds trainees only, too: a staff-side account never appears on a cohort list", async () => {
    const { a, people } = await cohortWithEveryKindOfInvitee();
    const admin = await createPerson({ roles: ["admin"] });
    const issued = await issueCohortActivationCodes({ cohortId: a.id, actor: asUser(admin.id, ["admin"]), request: request(), now });
    expect(issued.map((p) => p.id).sort()).toEqual([people.trainee.id, people.alsoInB.id].sort());
  });

  test("staff of another cohort and instructors get no list at all", async () => {
    const { a, b } = await cohortWithEveryKindOfInvitee();
    const staffOfB = await createPerson({ roles: ["staff"] });
    await assign(b.id, staffOfB.id, "staff");
    const instructor = await createPerson({ roles: ["instructor"] });
    await assign(a.id, instructor.id, "instructor");
    for (const actor of [asUser(staffOfB.id, ["staff"]), asUser(instructor.id, ["instructor"])]) {
      const refused = await issueCohortActivationCodes({ cohortId: a.id, actor, request: request(), now }).catch((e: unknown) => e);
      expect((refused as Response).status).toBe(403);
    }
    expect(await db.invitation.count({ where: { person: { enrollments: { some: { cohortId: a.id } } } } })).toBe(0);
  });
});

describe("re-inviting one person", () => {
  test("staff re-invite an un-activated trainee of their own, and nobody with another role, another cohort or a password", async () => {
    const { people, staff } = await cohortWithEveryKindOfInvitee();
    const context = { actor: staff, request: request(), now };
    expect((await reinvitePerson(people.trainee.id, context)).code).toMatch(/^\d{8}$/);
    for (const [label, person] of Object.entries(people)) {
      if (person.id === people.trainee.id) continue;
      const refused = await reinvitePerson(person.id, context).catch((e: unknown) => e);
      if (label === "activated") expect(refused).toMatchObject({ messageKey: "people.errors.reinviteActivated" });
      else expect((refused as Response).status, label).toBe(403);
      expect(await db.invitation.count({ where: { personId: person.id } }), label).toBe(0);
    }
  });
});
