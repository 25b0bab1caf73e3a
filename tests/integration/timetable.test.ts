// Weeks of the timetable, read in the academy's time zone, and only ever the reader's own cohorts.
import { expect, test } from "vitest";
import { defaultCohortWeek, getCohortWeek, getPersonWeek, mondayOf, parseWeek, weekData } from "~/modules/timetable/timetable.server.ts";
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

test("the timetable file lists every session in time order, in the reader's language, with nothing that could run as a formula", async () => {
  const ExcelJS = (await import("exceljs")).default;
  const { writeTimetableWorkbook } = await import("~/modules/timetable/timetable-export.server.ts");
  const { getCohortSessions } = await import("~/modules/timetable/timetable.server.ts");
  const { db } = await import("~/utils/db.server.ts");
  const cohort = await createCohort({ title: "数字经济专题班" });
  const module = await createModule(cohort.id, { track: "technology", title: "=HYPERLINK(\"http://x\")" });
  await createSession(module.id, { startsAt: new Date("2026-03-03T06:00:00Z") });
  const first = await createSession(module.id, { startsAt: new Date("2026-03-02T01:00:00Z"), kind: "site_visit" });
  await db.session.update({ where: { id: first.id }, data: { status: "cancelled" } });

  const read = async (language: "zh-CN" | "en") => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeTimetableWorkbook({ title: "数字经济专题班", dates: "2026年3月2日 – 3月6日" }, await getCohortSessions(cohort.id), tz, language)) as never);
    const sheet = workbook.worksheets[0]!;
    return [1, 2, 3, 4].map((n) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v))));
  };
  const [title, header, monday, tuesday] = await read("zh-CN");
  expect(title![0]).toBe("数字经济专题班 课程表（2026年3月2日 – 3月6日）");
  expect(header).toEqual(["日期", "时间", "板块", "课程模块", "教学形式", "主讲", "地点", "地址", "学员须知", "状态"]);
  expect(monday!.slice(0, 5)).toEqual(["3月2日周一", "09:00–12:00", "技术前沿", "'=HYPERLINK(\"http://x\")", "现场教学"]);
  expect(monday!.at(-1)).toBe("已取消");
  expect(tuesday!.slice(0, 2)).toEqual(["3月3日周二", "14:00–17:00"]);
  const [, englishHeader, englishMonday] = await read("en");
  expect(englishHeader![0]).toBe("Date");
  expect(englishMonday![2]).toBe("Technology frontier");
});
