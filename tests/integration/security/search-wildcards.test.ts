// "q=%" in a search box found everyone: what is typed is now looked for literally,
// on SQLite and PostgreSQL alike.
import { expect, test } from "vitest";
import { getRoster } from "~/modules/cohorts/cohorts.server.ts";
import { listLecturers } from "~/modules/faculty/lecturers.server.ts";
import { listPeople } from "~/modules/people/people.server.ts";
import { createCohort, enroll } from "../../factories/cohort.ts";
import { createLecturer } from "../../factories/curriculum.ts";
import { createPerson } from "../../factories/person.ts";

test("people search: %, _ and \\ match only names, mobiles, e-mails and companies that hold them", async () => {
  const cohort = await createCohort();
  const plain = await createPerson({ name: "张伟" });
  const percent = await createPerson({ name: "百分百%科技" });
  const underscore = await createPerson({ name: "李雷", email: "li_lei@test.academy" });
  const backslash = await createPerson({ name: "王芳", company: "A\\B 贸易有限公司" });
  for (const person of [plain, percent, underscore, backslash]) await enroll(cohort.id, person.id);
  const ours = { id: { in: [plain.id, percent.id, underscore.id, backslash.id] } };

  const people = async (search: string) => (await listPeople(ours, { search, page: 1 })).people.map((p) => p.id).sort();
  expect(await people("%")).toEqual([percent.id]);
  expect(await people("_")).toEqual([underscore.id]);
  expect(await people("\\")).toEqual([backslash.id]);
  expect(await people("%科")).toEqual([percent.id]);
  expect(await people("LI_LEI")).toEqual([underscore.id]);
  expect(await people("张伟")).toEqual([plain.id]);
  expect((await listPeople(ours, { search: "%", page: 1 })).total).toBe(1);

  const roster = async (search: string) => (await getRoster(cohort.id, { search })).map((row) => row.person.id);
  expect(await roster("%")).toEqual([percent.id]);
  expect(await roster("_")).toEqual([underscore.id]);
  expect(await roster("A\\B")).toEqual([backslash.id]);
});

test("lecturer search: a % finds only a lecturer whose name holds one", async () => {
  const named = await createLecturer({ name: "赵教授 100%" });
  await createLecturer({ name: "钱教授" });
  expect((await listLecturers({ search: "%" })).map((l) => l.id)).toEqual([named.id]);
  expect((await listLecturers({ search: "_" })).map((l) => l.id)).toEqual([]);
});
