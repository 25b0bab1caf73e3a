// Roll call with its history, the paper sign-in sheet, leave from request to decision, and the grid's export.
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, test } from "vitest";
import { rolePermissions } from "~/modules/accounts/permissions.server.ts";
import { writeGridWorkbook } from "~/modules/attendance/grid-export.server.ts";
import { cohortGrid } from "~/modules/attendance/grid.server.ts";
import { decideLeave, requestLeave, withdrawLeave } from "~/modules/attendance/leave.server.ts";
import { enterSignInSheet, markAttendance, rollCallRows } from "~/modules/attendance/roll-call.server.ts";
import { personStanding } from "~/modules/attendance/standing.server.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { assign, createCohort, enroll } from "../factories/cohort.ts";
import { createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";

const now = new Date("2026-03-20T08:00:00Z");
const HOUR = 3_600_000;

async function domainError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.messageKey;
    throw error;
  }
  throw new Error("expected a DomainError");
}

let cohortId: string;
let staff: { id: string; permissions: (typeof rolePermissions)["staff"][number][] };
let trainees: { id: string; name: string; enrollmentId: string; actor: { id: string; permissions: (typeof rolePermissions)["trainee"][number][] } }[];
let held: string;
let open: string;
let upcoming: string;

beforeEach(async () => {
  cohortId = (await createCohort()).id;
  const person = await createPerson({ roles: ["staff"], name: "王老师" });
  await assign(cohortId, person.id, "staff");
  staff = { id: person.id, permissions: [...rolePermissions.staff] };
  trainees = [];
  for (const name of ["=HYPERLINK(\"x\")", "李四", "王五"]) {
    const p = await createPerson({ name });
    const e = await enroll(cohortId, p.id);
    trainees.push({ id: p.id, name, enrollmentId: e.id, actor: { id: p.id, permissions: [...rolePermissions.trainee] } });
  }
  const module = await createModule(cohortId, { title: "数字化转型" });
  held = (await createSession(module.id, { startsAt: new Date(now.getTime() - 26 * HOUR) })).id;
  open = (await createSession(module.id, { startsAt: new Date(now.getTime() - HOUR) })).id;
  upcoming = (await createSession(module.id, { startsAt: new Date(now.getTime() + 48 * HOUR) })).id;
});

describe("roll call", () => {
  test("keeps who changed what, from what, to what and why; a change to an existing record needs a reason", async () => {
    const [a] = trainees;
    expect(await markAttendance({ actor: staff, sessionId: open, enrollmentIds: [a!.enrollmentId], status: "present", reason: null, now })).toBe(1);
    expect(await domainError(markAttendance({ actor: staff, sessionId: open, enrollmentIds: [a!.enrollmentId], status: "late", reason: null, now }))).toBe(
      "attendance.errors.reasonRequired",
    );
    const later = new Date(now.getTime() + 60_000);
    await markAttendance({ actor: staff, sessionId: open, enrollmentIds: [a!.enrollmentId], status: "late", reason: "九点二十到", now: later });
    // The same status again writes nothing.
    expect(await markAttendance({ actor: staff, sessionId: open, enrollmentIds: [a!.enrollmentId], status: "late", reason: "再次", now: later })).toBe(0);
    const row = (await rollCallRows(staff, open)).find((r) => r.enrollmentId === a!.enrollmentId)!;
    expect(row.recorded).toBe("late");
    expect(row.history).toEqual([
      { at: now, from: null, to: "present", method: "roll_call", actorName: "王老师", note: null },
      { at: later, from: "present", to: "late", method: "roll_call", actorName: "王老师", note: "九点二十到" },
    ]);
  });

  test("marking many at once is all or nothing", async () => {
    const [a, b, c] = trainees;
    await markAttendance({ actor: staff, sessionId: open, enrollmentIds: [a!.enrollmentId], status: "present", reason: null, now });
    // The trainee with a record comes last: the two before it would be written if the marks were not one transaction.
    const all = [b!.enrollmentId, c!.enrollmentId, a!.enrollmentId];
    expect(await domainError(markAttendance({ actor: staff, sessionId: open, enrollmentIds: all, status: "absent", reason: null, now }))).toBe(
      "attendance.errors.reasonRequired",
    );
    expect(await db.attendance.count({ where: { sessionId: open } })).toBe(1);
    expect(await markAttendance({ actor: staff, sessionId: open, enrollmentIds: all, status: "absent", reason: "点名未到", now })).toBe(3);
    expect(await db.attendanceChange.count({ where: { attendance: { sessionId: open } } })).toBe(4);
  });

  test("before check-in opens only excused can be recorded; a trainee of another cohort cannot be marked", async () => {
    const [a] = trainees;
    expect(await domainError(markAttendance({ actor: staff, sessionId: upcoming, enrollmentIds: [a!.enrollmentId], status: "present", reason: null, now }))).toBe(
      "attendance.errors.notStarted",
    );
    await markAttendance({ actor: staff, sessionId: upcoming, enrollmentIds: [a!.enrollmentId], status: "excused", reason: null, now });
    const stranger = await enroll((await createCohort()).id, (await createPerson()).id);
    expect(await domainError(markAttendance({ actor: staff, sessionId: open, enrollmentIds: [stranger.id], status: "present", reason: null, now }))).toBe(
      "attendance.errors.notInCohort",
    );
  });

  test("the paper sheet: ticked present, everyone else absent, existing records kept, in one go", async () => {
    const [a, b, c] = trainees;
    await db.attendance.create({ data: { enrollmentId: c!.enrollmentId, sessionId: held, status: "late", method: "qr" } });
    expect(await enterSignInSheet({ actor: staff, sessionId: held, presentIds: [a!.enrollmentId, c!.enrollmentId], now })).toBe(2);
    const records = await db.attendance.findMany({ where: { sessionId: held }, select: { enrollmentId: true, status: true, method: true } });
    const by = new Map(records.map((r) => [r.enrollmentId, r]));
    expect(by.get(a!.enrollmentId)).toMatchObject({ status: "present", method: "import" });
    expect(by.get(b!.enrollmentId)).toMatchObject({ status: "absent", method: "import" });
    expect(by.get(c!.enrollmentId)).toMatchObject({ status: "late", method: "qr" });
  });
});

describe("leave", () => {
  test("asked, approved, and the session reads excused for the trainee", async () => {
    const [a] = trainees;
    const id = await requestLeave({ actor: a!.actor, enrollmentId: a!.enrollmentId, sessionId: upcoming, reason: "出差", now });
    expect(await domainError(requestLeave({ actor: a!.actor, enrollmentId: a!.enrollmentId, sessionId: upcoming, reason: "再请一次", now }))).toBe(
      "attendance.errors.leaveExists",
    );
    expect(await domainError(decideLeave({ actor: staff, leaveId: id, decision: "declined", note: null, now }))).toBe("attendance.errors.declineNoteRequired");
    await decideLeave({ actor: staff, leaveId: id, decision: "approved", note: "同意", now });
    expect(await domainError(decideLeave({ actor: staff, leaveId: id, decision: "declined", note: "改主意", now }))).toBe("attendance.errors.leaveDecided");
    expect(await db.attendance.count({ where: { sessionId: upcoming } })).toBe(0);
    const after = new Date(now.getTime() + 72 * HOUR);
    const standing = await personStanding({ personId: a!.id, cohortId, now: after });
    expect(standing!.sessions.find((s) => s.sessionId === upcoming)).toMatchObject({ status: "excused", leave: "approved" });
  });

  test("approval turns a recorded absence into excused with its history, and leaves a check-in as it is", async () => {
    const [a, b] = trainees;
    await markAttendance({ actor: staff, sessionId: held, enrollmentIds: [a!.enrollmentId], status: "absent", reason: null, now });
    const first = await requestLeave({ actor: a!.actor, enrollmentId: a!.enrollmentId, sessionId: held, reason: "生病", now });
    await decideLeave({ actor: staff, leaveId: first, decision: "approved", note: "有病假条", now });
    const row = (await rollCallRows(staff, held)).find((r) => r.enrollmentId === a!.enrollmentId)!;
    expect(row.recorded).toBe("excused");
    expect(row.history.at(-1)).toMatchObject({ from: "absent", to: "excused", method: "leave", note: "有病假条" });

    const second = await requestLeave({ actor: b!.actor, enrollmentId: b!.enrollmentId, sessionId: open, reason: "会议", now });
    await markAttendance({ actor: staff, sessionId: open, enrollmentIds: [b!.enrollmentId], status: "present", reason: null, now });
    await decideLeave({ actor: staff, leaveId: second, decision: "approved", note: null, now });
    expect((await db.attendance.findFirstOrThrow({ where: { sessionId: open, enrollmentId: b!.enrollmentId } })).status).toBe("present");
  });

  test("up to three days after a session, not later; not after checking in; a waiting request can be withdrawn", async () => {
    const [a, b] = trainees;
    const sessionEnd = new Date(now.getTime() - 23 * HOUR);
    const tooLate = new Date(sessionEnd.getTime() + 3 * 24 * HOUR + 60_000);
    expect(await domainError(requestLeave({ actor: a!.actor, enrollmentId: a!.enrollmentId, sessionId: held, reason: "忘了", now: tooLate }))).toBe(
      "attendance.errors.leaveTooLate",
    );
    await markAttendance({ actor: staff, sessionId: open, enrollmentIds: [b!.enrollmentId], status: "present", reason: null, now });
    expect(await domainError(requestLeave({ actor: b!.actor, enrollmentId: b!.enrollmentId, sessionId: open, reason: "x", now }))).toBe(
      "attendance.errors.alreadyAttended",
    );
    const id = await requestLeave({ actor: a!.actor, enrollmentId: a!.enrollmentId, sessionId: held, reason: "补请", now });
    await withdrawLeave({ actor: a!.actor, leaveId: id, now });
    expect((await db.leaveRequest.findUniqueOrThrow({ where: { id } })).status).toBe("withdrawn");
    expect(await domainError(requestLeave({ actor: a!.actor, enrollmentId: a!.enrollmentId, sessionId: held, reason: "x".repeat(301), now }))).toBe(
      "attendance.errors.leaveReasonTooLong",
    );
  });
});

test("the grid's export reads back: statuses, counts, rates and the rule, with a name that looks like a formula kept as text", async () => {
  const [a, b] = trainees;
  await markAttendance({ actor: staff, sessionId: held, enrollmentIds: [a!.enrollmentId], status: "present", reason: null, now });
  await markAttendance({ actor: staff, sessionId: held, enrollmentIds: [b!.enrollmentId], status: "late", reason: null, now });
  const grid = await cohortGrid({ cohortId, now });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeGridWorkbook({ title: "测试班" }, grid, "Asia/Shanghai", "zh-CN")) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getCell("A2").value).toBe("出勤率 = 出勤与迟到 ÷ 已举行课次（请假的课次不计入分母）");
  expect(sheet.getRow(3).values).toEqual([undefined, "姓名", "单位", "3月19日 14:00", "3月20日 15:00", "3月22日 16:00", "出勤", "迟到", "请假", "缺勤", "出勤率"]);
  const rows = [4, 5, 6].map((n) => sheet.getRow(n).values as unknown[]);
  const byName = new Map(rows.map((r) => [r[1], r]));
  // Rows are in name order; the formula-looking name is written with a leading apostrophe.
  expect(byName.get("'=HYPERLINK(\"x\")")!.slice(3, 11)).toEqual(["出勤", undefined, undefined, 1, 0, 0, 0, 1]);
  expect(byName.get("李四")!.slice(3, 11)).toEqual(["迟到", undefined, undefined, 0, 1, 0, 0, 1]);
  expect(byName.get("王五")!.slice(3, 11)).toEqual(["缺勤", undefined, undefined, 0, 0, 0, 1, 0]);
  expect(sheet.getRow(7).getCell(3).value).toBeCloseTo(0.667, 3);
  expect(sheet.getRow(7).getCell(10).value).toBeCloseTo(0.667, 3);
});
