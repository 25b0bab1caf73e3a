import { expect, test } from "vitest";
import { cohortScope } from "~/modules/accounts/authorization.server.ts";
import { listCohorts } from "~/modules/cohorts/cohorts.server.ts";
import { asUser } from "../factories/user.ts";
import { assign, createCohort, enroll } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";

test("admins see every cohort with its counts; staff and instructors only their own", async () => {
  const mine = await createCohort({ capacity: 3 });
  const other = await createCohort();
  const [a, b, c, d] = await Promise.all([createPerson(), createPerson(), createPerson(), createPerson()]);
  await enroll(mine.id, a.id, "enrolled");
  await enroll(mine.id, b.id, "enrolled");
  await enroll(mine.id, c.id, "waitlisted");
  await enroll(mine.id, d.id, "withdrawn");
  await enroll(other.id, a.id, "applied");

  const admin = await createPerson({ roles: ["admin"] });
  const teacher = await createPerson({ roles: ["instructor"] });
  await assign(mine.id, teacher.id, "instructor");

  const adminView = await listCohorts(cohortScope(asUser(admin.id, ["admin"]), "read:cohort"));
  expect(adminView.map((row) => row.id).sort()).toEqual([mine.id, other.id].sort());
  expect(adminView.find((row) => row.id === mine.id)).toMatchObject({ enrolled: 2, waitlisted: 1, applied: 0, capacity: 3 });
  expect(adminView.find((row) => row.id === other.id)).toMatchObject({ enrolled: 0, applied: 1 });

  const teacherView = await listCohorts(cohortScope(asUser(teacher.id, ["instructor"]), "read:cohort"));
  expect(teacherView.map((row) => row.id)).toEqual([mine.id]);

  const unassigned = await createPerson({ roles: ["staff"] });
  expect(await listCohorts(cohortScope(asUser(unassigned.id, ["staff"]), "read:cohort"))).toEqual([]);
});
