// The trainee's "today" in the academy's time zone: a session running past midnight
// belongs to the day it is still running in, so its check-in stays on the home page.
import { expect, test } from "vitest";
import { getUpcomingSessions } from "~/modules/timetable/timetable.server.ts";
import { zonedInstant } from "~/utils/time.ts";
import { createCohort, createSession, enroll } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";

const tz = "Asia/Shanghai";

test("just after midnight, the evening session still running is today's; yesterday's finished one and tomorrow's are not", async () => {
  const cohort = await createCohort();
  const trainee = await createPerson({ roles: ["trainee"] });
  await enroll(cohort.id, trainee.id);
  const running = await createSession(cohort.id, { startsAt: zonedInstant("2026-12-01", "23:00", tz), hours: 2, title: "夜间交流" });
  const finished = await createSession(cohort.id, { startsAt: zonedInstant("2026-12-01", "19:00", tz), hours: 2, title: "晚课" });
  const morning = await createSession(cohort.id, { startsAt: zonedInstant("2026-12-02", "09:00", tz), hours: 3, title: "上午课" });
  const tomorrow = await createSession(cohort.id, { startsAt: zonedInstant("2026-12-03", "09:00", tz), hours: 3, title: "明天" });

  const { today, upcoming } = await getUpcomingSessions({ personId: trainee.id, now: zonedInstant("2026-12-02", "00:15", tz), timeZone: tz });

  expect(today.map((s) => s.id)).toEqual([running.id, morning.id]);
  expect(upcoming.map((s) => s.id)).toEqual([tomorrow.id]);
  expect([...today, ...upcoming].map((s) => s.id)).not.toContain(finished.id);
});
