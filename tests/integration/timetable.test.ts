// Weeks of the timetable, read in the academy's time zone, and only ever the reader's own cohorts.
import { expect, test } from "vitest";
import { defaultCohortWeek, getCohortWeek, getPersonWeek, mondayOf, parseWeek, weekData } from "~/modules/curriculum/timetable.server.ts";
import { createCohort, enroll } from "../factories/cohort.ts";
import { createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";

const tz = "Asia/Shanghai";

test("weeks run Monday to Sunday and a ?week= value must be a real date", () => {
  expect(mondayOf("2026-03-01")).toBe("2026-02-23"); // a Sunday
  expect(mondayOf("2026-03-02")).toBe("2026-03-02");
  expect(parseWeek("2026-03-04")).toBe("2026-03-02");
  expect(parseWeek("2026-02-30")).toBeNull();
  expect(parseWeek("next week")).toBeNull();
  expect(parseWeek(null)).toBeNull();
});

test("a week holds the sessions of its local days: Sunday 23:00 in Shanghai is that week, Monday 00:30 the next", async () => {
  const cohort = await createCohort();
  const module = await createModule(cohort.id);
  const sundayLate = await createSession(module.id, { startsAt: new Date("2026-03-08T15:00:00Z"), endsAt: new Date("2026-03-08T15:45:00Z") });
  const mondayEarly = await createSession(module.id, { startsAt: new Date("2026-03-08T16:30:00Z") });
  const week = await getCohortWeek(cohort.id, "2026-03-02", tz);
  expect(week.map((s) => s.id)).toEqual([sundayLate.id]);
  expect((await getCohortWeek(cohort.id, "2026-03-09", tz)).map((s) => s.id)).toEqual([mondayEarly.id]);

  const data = weekData("2026-03-02", week, new Date("2026-03-04T04:00:00Z"), tz, "zh-CN");
  expect(data.days.map((d) => d.sessions.length)).toEqual([0, 0, 0, 0, 0, 0, 1]);
  expect(data.days[2]!.isToday).toBe(true);
  expect(data.days[6]!.sessions[0]!.time).toBe("23:00–23:45");
  expect([data.previous, data.next, data.thisWeek]).toEqual(["2026-02-23", "2026-03-09", "2026-03-02"]);
});

test("a trainee's week holds the sessions of the cohorts where they hold a seat, and no other", async () => {
  const [mine, other, withdrawnFrom] = [await createCohort(), await createCohort(), await createCohort()];
  const trainee = await createPerson();
  await enroll(mine.id, trainee.id);
  await enroll(withdrawnFrom.id, trainee.id, "withdrawn");
  const at = new Date("2026-03-03T01:00:00Z");
  const own = await createSession((await createModule(mine.id)).id, { startsAt: at });
  await createSession((await createModule(other.id)).id, { startsAt: at });
  await createSession((await createModule(withdrawnFrom.id)).id, { startsAt: at });
  expect((await getPersonWeek(trainee.id, "2026-03-02", tz)).map((s) => s.id)).toEqual([own.id]);
});

test("the staff timetable opens on this week while sessions run, else on the next or the last session's week", async () => {
  const cohort = await createCohort();
  const module = await createModule(cohort.id);
  await createSession(module.id, { startsAt: new Date("2026-04-15T01:00:00Z") });
  await createSession(module.id, { startsAt: new Date("2026-05-20T01:00:00Z") });
  expect(await defaultCohortWeek(cohort.id, new Date("2026-03-01T00:00:00Z"), tz)).toBe("2026-04-13");
  expect(await defaultCohortWeek(cohort.id, new Date("2026-04-14T00:00:00Z"), tz)).toBe("2026-04-13");
  expect(await defaultCohortWeek(cohort.id, new Date("2026-04-20T00:00:00Z"), tz)).toBe("2026-05-18");
  expect(await defaultCohortWeek(cohort.id, new Date("2026-09-01T00:00:00Z"), tz)).toBe("2026-05-18");
});
