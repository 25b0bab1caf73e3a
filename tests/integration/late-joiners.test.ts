// A trainee who joined a running cohort (decision 0018): sessions held before
// they joined count neither for nor against them, unless they have a record
// there. Figures on a fixture worked out by hand; then the paths that set
// attendanceFrom: a move, a roster import, a staff add and the roster row action.
import { beforeAll, describe, expect, test } from "vitest";
import { cohortGrid } from "~/modules/attendance/grid.server.ts";
import { enterSignInSheet, rollCallRows } from "~/modules/attendance/roll-call.server.ts";
import { cohortStandings, personStanding, sessionCounts } from "~/modules/attendance/standing.server.ts";
import { cohortProgress } from "~/modules/certificates/progress.server.ts";
import { changeAttendanceFrom } from "~/modules/cohorts/attendance-from.server.ts";
import { moveEnrollment } from "~/modules/cohorts/enrollment.server.ts";
import { addPerson } from "~/modules/people/people.server.ts";
import { loadReport } from "~/modules/reports/report.server.ts";
import { commitRosterImport, previewRosterImport } from "~/modules/roster/import.server.ts";
import { db } from "~/utils/db.server.ts";
import { createCohort, enroll } from "../factories/cohort.ts";
import { createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";
import { demoRosterRows, rosterXlsx } from "../factories/roster-files.ts";
import { asUser } from "../factories/user.ts";

const now = new Date("2026-03-20T08:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const year = { from: "2026-01-01", to: "2026-12-31" };

let cohortId: string;
let s: Record<"s0" | "s1" | "s2" | "s3" | "s4" | "s5", string>;
let onTime: { id: string; personId: string };
let late: { id: string; personId: string };
let adminId: string;

async function record(enrollmentId: string, sessionId: string, status: string) {
  await db.attendance.create({ data: { enrollmentId, sessionId, status, method: "roll_call" } });
}

beforeAll(async () => {
  cohortId = (await createCohort({ title: "插班测试班" })).id;
  await db.cohort.update({ where: { id: cohortId }, data: { certMinAttendancePercent: 60, certRequireEveryTrack: false } });
  const policy = await createModule(cohortId, { track: "policy" });
  const tech = await createModule(cohortId, { track: "technology" });
  s = {
    s0: (await createSession(policy.id, { startsAt: hoursAgo(96) })).id,
    s1: (await createSession(policy.id, { startsAt: hoursAgo(72) })).id,
    s2: (await createSession(tech.id, { startsAt: hoursAgo(48) })).id,
    s3: (await createSession(tech.id, { startsAt: hoursAgo(24) })).id,
    s4: (await createSession(tech.id, { startsAt: hoursAgo(6) })).id,
    s5: (await createSession(tech.id, { startsAt: new Date(now.getTime() + 24 * 3_600_000) })).id,
  };
  const [p1, p2, admin] = await Promise.all([createPerson(), createPerson(), createPerson({ roles: ["admin"] })]);
  adminId = admin.id;
  await db.traineeProfile.update({ where: { personId: p1.id }, data: { district: "西城区" } });
  await db.traineeProfile.update({ where: { personId: p2.id }, data: { district: "东城区" } });
  onTime = { id: (await enroll(cohortId, p1.id)).id, personId: p1.id };
  late = { id: (await enroll(cohortId, p2.id)).id, personId: p2.id };
  // Joined 30 hours ago: after s0, s1, s2 had started.
  await db.enrollment.update({ where: { id: late.id }, data: { attendanceFrom: hoursAgo(30) } });
  for (const id of [s.s0, s.s1, s.s2, s.s3, s.s4]) await record(onTime.id, id, "present");
  // The late joiner: a record before joining (it wins), approved leave before joining (irrelevant),
  // present after joining, nothing at s4 (absent).
  await record(late.id, s.s1, "present");
  await db.leaveRequest.create({ data: { enrollmentId: late.id, sessionId: s.s2, status: "approved", reason: "出差" } });
  await record(late.id, s.s3, "present");
});

describe("a late joiner's figures", () => {
  test("rate: sessions before joining without a record leave both sides; a record there counts", async () => {
    const standings = await cohortStandings({ cohortId, now });
    const mine = standings.enrollments.find((e) => e.enrollmentId === late.id)!;
    expect(mine).toMatchObject({ present: 2, late: 0, excused: 0, absent: 1, attended: 2, counted: 3 });
    expect(mine.rate).toBeCloseTo(2 / 3);
    expect(standings.enrollments.find((e) => e.enrollmentId === onTime.id)).toMatchObject({ present: 5, absent: 0, rate: 1 });
    expect(standings.total).toMatchObject({ present: 7, excused: 0, absent: 1, counted: 8 });

    const own = (await personStanding({ personId: late.personId, cohortId, now }))!;
    expect(own.overall).toMatchObject({ attended: 2, counted: 3, absent: 1, excused: 0 });
    expect(own.sessions.map((x) => x.status)).toEqual(["before_joining", "present", "before_joining", "present", "absent", null]);
  });

  test("session counts expect the late joiner only where they had joined or have a record", async () => {
    const counts = new Map((await sessionCounts({ sessionIds: Object.values(s), now })).map((c) => [c.sessionId, c]));
    expect(counts.get(s.s0)).toMatchObject({ expected: 1, present: 1, absent: 0 });
    expect(counts.get(s.s1)).toMatchObject({ expected: 2, present: 2, absent: 0 });
    expect(counts.get(s.s2)).toMatchObject({ expected: 1, present: 1, excused: 0, absent: 0 });
    expect(counts.get(s.s4)).toMatchObject({ expected: 2, present: 1, absent: 1 });
  });

  test("the grid shows the sessions before joining apart and leaves them out of every rate", async () => {
    const grid = await cohortGrid({ cohortId, now });
    const row = grid.rows.find((r) => r.enrollmentId === late.id)!;
    expect(row.cells).toEqual(["before_joining", "present", "before_joining", "present", "absent", null]);
    expect(row.standing).toMatchObject({ attended: 2, counted: 3 });
    expect(grid.sessions[0]!.standing).toMatchObject({ attended: 1, counted: 1 });
    expect(grid.cohort).toMatchObject({ attended: 7, counted: 8 });
  });

  test("certificate eligibility reads the same rate: 2 of 3 meets a 60% rule", async () => {
    const progress = await cohortProgress(cohortId, now);
    const mine = progress.enrollments.find((e) => e.enrollmentId === late.id)!;
    expect(mine.standing.overall).toMatchObject({ attended: 2, counted: 3 });
    expect(mine.evaluation.eligible).toBe(true);
  });

  test("the report: attendance rate, the cohort row and the district rows leave the sessions before joining out", async () => {
    const report = await loadReport({ range: year, cohortIds: [cohortId], now });
    expect(report.attendance).toMatchObject({ attended: 7, counted: 8 });
    expect(report.personTimes.trainees).toBe(7);
    const district = new Map(report.breakdowns.district.rows.map((r) => [r.key, r.attendance]));
    expect(district.get("东城区")).toMatchObject({ attended: 2, counted: 3 });
    expect(district.get("西城区")).toMatchObject({ attended: 5, counted: 5 });
  });

  test("roll call does not list them absent before joining, and the paper sheet marks them only when ticked", async () => {
    const admin = asUser(adminId, ["admin"]);
    const rows = await rollCallRows(admin, s.s0);
    expect(rows.find((r) => r.enrollmentId === late.id)).toMatchObject({ recorded: null, beforeJoining: true });
    await enterSignInSheet({ actor: admin, sessionId: s.s0, presentIds: [onTime.id], now });
    expect(await db.attendance.count({ where: { enrollmentId: late.id, sessionId: s.s0 } })).toBe(0);
  });
});

describe("what sets the attendance start", () => {
  test("a move into a running cohort counts from the move", async () => {
    const from = await createCohort({ title: "原班" });
    const person = await createPerson();
    const old = await enroll(from.id, person.id);
    await moveEnrollment({ cohortId: from.id, enrollmentId: old.id, toCohortId: cohortId, actorId: adminId, now });
    const moved = await db.enrollment.findUniqueOrThrow({ where: { cohortId_personId: { cohortId, personId: person.id } }, select: { status: true, attendanceFrom: true } });
    expect(moved).toEqual({ status: "enrolled", attendanceFrom: now });
    const standing = (await personStanding({ personId: person.id, cohortId, now }))!;
    expect(standing.overall).toMatchObject({ absent: 0, counted: 0 });
  });

  test("an import into a running cohort counts from the import unless the box is ticked; before the first session nothing is set", async () => {
    const actor = asUser(adminId, ["admin"]);
    const request = new Request("http://localhost/");
    const running = await createCohort({ title: "已开班" });
    await createSession((await createModule(running.id)).id, { startsAt: hoursAgo(24) });
    const rows = demoRosterRows(2, { firstMobile: "13711100001" });
    const bytes = await rosterXlsx(rows);
    const preview = await previewRosterImport({ cohortId: running.id, fileName: "名单.xlsx", bytes, actor, now });
    expect(preview.sessionsStarted).toBe(1);
    expect(await commitRosterImport({ cohortId: running.id, fileName: "名单.xlsx", bytes, actor, request, now })).toMatchObject({ ok: true, enrolled: 2 });
    const starts = await db.enrollment.findMany({ where: { cohortId: running.id }, select: { attendanceFrom: true } });
    expect(starts.map((e) => e.attendanceFrom)).toEqual([now, now]);

    const ticked = await createCohort({ title: "补录班" });
    await createSession((await createModule(ticked.id)).id, { startsAt: hoursAgo(24) });
    const more = await rosterXlsx(demoRosterRows(2, { firstMobile: "13711200001" }));
    await commitRosterImport({ cohortId: ticked.id, fileName: "名单.xlsx", bytes: more, actor, request, now, countFromStart: true });
    expect((await db.enrollment.findMany({ where: { cohortId: ticked.id }, select: { attendanceFrom: true } })).map((e) => e.attendanceFrom)).toEqual([null, null]);

    const ahead = await createCohort({ title: "未开班" });
    await createSession((await createModule(ahead.id)).id, { startsAt: new Date(now.getTime() + 48 * 3_600_000) });
    const early = await rosterXlsx(demoRosterRows(1, { firstMobile: "13711300001" }));
    expect((await previewRosterImport({ cohortId: ahead.id, fileName: "名单.xlsx", bytes: early, actor, now })).sessionsStarted).toBe(0);
    await commitRosterImport({ cohortId: ahead.id, fileName: "名单.xlsx", bytes: early, actor, request, now });
    expect((await db.enrollment.findFirstOrThrow({ where: { cohortId: ahead.id }, select: { attendanceFrom: true } })).attendanceFrom).toBeNull();
  });

  test("a trainee added by staff into a running cohort counts from now, or from the start when chosen", async () => {
    const context = { actor: asUser(adminId, ["admin"]), request: new Request("http://localhost/"), now };
    const a = await addPerson({ name: "插班学员", mobile: "13711400001", email: undefined, role: "trainee", cohortId }, context);
    const b = await addPerson({ name: "补录学员", mobile: "13711400002", email: undefined, role: "trainee", cohortId, countFromStart: true }, context);
    const start = async (personId: string) =>
      (await db.enrollment.findUniqueOrThrow({ where: { cohortId_personId: { cohortId, personId } }, select: { attendanceFrom: true } })).attendanceFrom;
    expect(await start(a.personId)).toEqual(now);
    expect(await start(b.personId)).toBeNull();
  });

  test("staff change it from the roster row with a reason, and the audit log keeps the old and new value", async () => {
    const person = await createPerson();
    const enrollment = await enroll(cohortId, person.id);
    const actor = asUser(adminId, ["admin"]);
    await expect(changeAttendanceFrom({ actor, cohortId, enrollmentId: enrollment.id, attendanceFrom: hoursAgo(30), reason: " ", now })).rejects.toMatchObject({
      messageKey: "enrollment.errors.reasonRequired",
    });
    await changeAttendanceFrom({ actor, cohortId, enrollmentId: enrollment.id, attendanceFrom: hoursAgo(30), reason: "3月19日插班", now });
    expect((await db.enrollment.findUniqueOrThrow({ where: { id: enrollment.id }, select: { attendanceFrom: true } })).attendanceFrom).toEqual(hoursAgo(30));
    await changeAttendanceFrom({ actor, cohortId, enrollmentId: enrollment.id, attendanceFrom: null, reason: "名单录入晚了一天", now });
    const events = await db.auditEvent.findMany({
      where: { action: "enrollment.attendance_from_changed", targetId: enrollment.id },
      orderBy: { at: "asc" },
      select: { actorId: true, detail: true },
    });
    expect(events.map((e) => ({ actorId: e.actorId, ...JSON.parse(e.detail!) }))).toEqual([
      { actorId: adminId, cohortId, personId: person.id, from: null, to: hoursAgo(30).toISOString(), reason: "3月19日插班" },
      { actorId: adminId, cohortId, personId: person.id, from: hoursAgo(30).toISOString(), to: null, reason: "名单录入晚了一天" },
    ]);
  });
});
