// Scheduling, changing, cancelling and restoring sessions: every change is
// kept with what it was before and after, the sequence goes up for each change
// trainees see, and a trainee reads only sessions of their own cohorts.
import { beforeAll, describe, expect, test } from "vitest";
import { presentHistory } from "~/modules/timetable/session-history.server.ts";
import { getSessionForStaff, getSessionForTrainee, presentSession } from "~/modules/timetable/session-pages.server.ts";
import type { SessionInput } from "~/modules/timetable/session-rules.server.ts";
import { cancelSession, restoreSession, scheduleSession, updateSession } from "~/modules/timetable/sessions.server.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { splitMessage } from "~/utils/messages.ts";
import { createCohort, enroll } from "../factories/cohort.ts";
import { createLecturer, createModule, createVenue } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";

const now = new Date("2026-02-20T02:00:00Z");
const later = new Date("2026-02-21T03:00:00Z");

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const outcome = await promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
  // Anything but a DomainError becomes a 500 page instead of a form error.
  expect(outcome).toBeInstanceOf(DomainError);
  return outcome as DomainError;
}

let s: Awaited<ReturnType<typeof scene>>;

async function scene() {
  const cohort = await createCohort({ title: "人工智能赋能产业升级专题班", startDate: "2026-03-01", endDate: "2026-04-30" });
  const otherCohort = await createCohort({ title: "专精特新企业家研修班", startDate: "2026-03-01", endDate: "2026-04-30" });
  const staff = await createPerson({ roles: ["staff"], name: "刘老师" });
  const hall = await createVenue({ name: "学院报告厅" });
  const museum = await createVenue({ name: "革命纪念馆", kind: "offsite", address: "红旗路 1 号" });
  const wang = await createLecturer({ name: "王教授" });
  const li = await createLecturer({ name: "李总" });
  await db.lecturer.update({ where: { id: li.id }, data: { title: "董事长", organisation: "长三角智造集团", region: "长三角", bio: "从事制造业数字化转型二十年。", photoPath: "lecturers/li.jpg" } });
  const module = await createModule(cohort.id, { title: "数字化转型政策解读", lecturerIds: [wang.id] });
  await db.module.update({ where: { id: module.id }, data: { description: "解读最新产业政策。", creditHours: 3 } });
  await db.material.create({ data: { moduleId: module.id, kind: "file", title: "讲义", fileName: "讲义.pdf", sizeBytes: 2048, storagePath: "materials/abc" } });
  await db.material.create({ data: { moduleId: module.id, kind: "link", title: "政策原文", url: "https://www.gov.cn/policy" } });
  const otherModule = await createModule(otherCohort.id, { title: "智能制造前沿", track: "technology" });
  return { cohort, otherCohort, staff: { id: staff.id }, hall, museum, wang, li, module, otherModule };
}

beforeAll(async () => {
  s = await scene();
});

let dayCounter = 0;
/** A fresh day in March for each session, so that sessions of different tests never meet. */
function input(overrides: Partial<SessionInput> = {}): SessionInput {
  dayCounter += 1;
  return {
    cohortId: s.cohort.id,
    moduleId: s.module.id,
    date: `2026-03-${String(dayCounter).padStart(2, "0")}`,
    startTime: "09:00",
    endTime: "12:00",
    venueId: s.hall.id,
    kind: "lecture",
    lecturerIds: [s.wang.id],
    notes: "请携带笔记本电脑",
    ...overrides,
  };
}

async function schedule(values: SessionInput) {
  const outcome = await scheduleSession(values, { actor: s.staff, now, confirmClashes: true });
  if (outcome.status !== "saved") throw new Error("expected the session to be saved");
  return outcome.sessionId;
}

const stateOf = (id: string) =>
  db.session.findUniqueOrThrow({
    where: { id },
    select: { startsAt: true, endsAt: true, venueId: true, kind: true, notes: true, status: true, sequence: true, lecturers: { select: { lecturerId: true }, orderBy: { lecturerId: "asc" } } },
  });

const changesOf = (sessionId: string) =>
  db.sessionChange.findMany({ where: { sessionId }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { kind: true, before: true, after: true, reason: true, actorId: true, at: true } });

const json = (text: string | null) => (text ? (JSON.parse(text) as Record<string, unknown>) : null);

describe("scheduling", () => {
  test("wall-clock times are the academy's: 2026-03-02 09:00 in Asia/Shanghai is 01:00 UTC", async () => {
    const id = await schedule({ ...input(), date: "2026-03-02", startTime: "09:00", endTime: "11:30" });
    const saved = await stateOf(id);
    expect(saved.startsAt.toISOString()).toBe("2026-03-02T01:00:00.000Z");
    expect(saved.endsAt.toISOString()).toBe("2026-03-02T03:30:00.000Z");
  });

  test("a new session keeps who scheduled it and a snapshot of what was scheduled, at sequence 0", async () => {
    const values = input({ lecturerIds: [s.wang.id, s.li.id] });
    const id = await schedule(values);
    const saved = await stateOf(id);
    expect(saved).toMatchObject({ venueId: s.hall.id, kind: "lecture", notes: "请携带笔记本电脑", status: "scheduled", sequence: 0 });
    expect(saved.lecturers.map((l) => l.lecturerId).sort()).toEqual([s.wang.id, s.li.id].sort());
    const [created, ...rest] = await changesOf(id);
    expect(rest).toEqual([]);
    expect(created).toMatchObject({ kind: "created", before: null, actorId: s.staff.id, at: now });
    expect(json(created!.after)).toEqual({
      startsAt: saved.startsAt.toISOString(),
      endsAt: saved.endsAt.toISOString(),
      venueName: "学院报告厅",
      kind: "lecture",
      lecturerNames: ["李总", "王教授"],
      notes: "请携带笔记本电脑",
      moduleTitle: "数字化转型政策解读",
    });
  });

  test("a whole-day site visit of 14 hours is fine; 14 hours and a minute is not", async () => {
    await schedule(input({ kind: "site_visit", venueId: s.museum.id, startTime: "07:00", endTime: "21:00" }));
    const error = await rejection(scheduleSession(input({ startTime: "07:00", endTime: "21:01" }), { actor: s.staff, now }));
    expect(error.field).toBe("endTime");
    expect(splitMessage(error.messageKey)).toEqual(["schedule.errors.tooLong", { hours: 14 }]);
  });

  test("broken rules are DomainErrors naming the field, and nothing is written", async () => {
    const before = await db.session.count();
    const cases: [Partial<SessionInput>, string, string][] = [
      [{ startTime: "12:00", endTime: "09:00" }, "endTime", "schedule.errors.endBeforeStart"],
      [{ startTime: "09:00", endTime: "09:00" }, "endTime", "schedule.errors.endBeforeStart"],
      [{ moduleId: s.otherModule.id }, "moduleId", "schedule.errors.moduleNotInCohort"],
      [{ moduleId: "no-such-module" }, "moduleId", "schedule.errors.moduleNotInCohort"],
      [{ date: "2026-02-30" }, "date", "schedule.errors.dateFormat"],
      [{ date: "2026/03/02" }, "date", "schedule.errors.dateFormat"],
      [{ startTime: "25:00" }, "startTime", "schedule.errors.timeFormat"],
      [{ endTime: "9:00" }, "endTime", "schedule.errors.timeFormat"],
      [{ kind: "party" }, "kind", "schedule.errors.kindRequired"],
      [{ venueId: "no-such-venue" }, "venueId", "schedule.errors.venueNotFound"],
      [{ lecturerIds: [s.wang.id, "no-such-lecturer"] }, "lecturerIds", "schedule.errors.lecturerNotFound"],
      [{ notes: "须".repeat(1001) }, "notes", "schedule.errors.notesTooLong"],
    ];
    for (const [overrides, field, key] of cases) {
      const error = await rejection(scheduleSession(input(overrides), { actor: s.staff, now, confirmClashes: true }));
      expect([error.field, error.messageKey], JSON.stringify(overrides)).toEqual([field, key]);
    }
    expect(await db.session.count()).toBe(before);
  });

  test("notes of exactly 1000 characters are kept; blank notes are stored as none", async () => {
    const long = await schedule(input({ notes: "须".repeat(1000) }));
    expect((await stateOf(long)).notes).toHaveLength(1000);
    const blank = await schedule(input({ notes: "   " }));
    expect((await stateOf(blank)).notes).toBeNull();
  });
});

describe("changing a session", () => {
  test("rescheduling records the times before and after with the reason, and bumps the sequence", async () => {
    const values = input();
    const id = await schedule(values);
    const old = await stateOf(id);

    const outcome = await updateSession(id, { ...values, startTime: "14:00", endTime: "17:00" }, { actor: s.staff, now: later, reason: "讲师航班延误" });

    expect(outcome).toEqual({ status: "saved", sessionId: id, changed: true });
    const saved = await stateOf(id);
    expect(saved.sequence).toBe(1);
    expect(saved.startsAt.toISOString()).toBe(`${values.date}T06:00:00.000Z`);
    const change = (await changesOf(id)).at(-1)!;
    expect(change).toMatchObject({ kind: "rescheduled", reason: "讲师航班延误", actorId: s.staff.id, at: later });
    expect(json(change.before)).toEqual({ startsAt: old.startsAt.toISOString(), endsAt: old.endsAt.toISOString() });
    expect(json(change.after)).toEqual({ startsAt: saved.startsAt.toISOString(), endsAt: saved.endsAt.toISOString() });
  });

  test("a new venue alone is a move; time and venue together are a reschedule that records both", async () => {
    const values = input();
    const id = await schedule(values);

    await updateSession(id, { ...values, venueId: s.museum.id }, { actor: s.staff, now: later });
    let change = (await changesOf(id)).at(-1)!;
    expect(change.kind).toBe("moved");
    expect([json(change.before), json(change.after)]).toEqual([{ venueName: "学院报告厅" }, { venueName: "革命纪念馆" }]);

    await updateSession(id, { ...values, venueId: s.hall.id, startTime: "08:30" }, { actor: s.staff, now: later });
    change = (await changesOf(id)).at(-1)!;
    expect(change.kind).toBe("rescheduled");
    expect(json(change.before)).toMatchObject({ venueName: "革命纪念馆" });
    expect(json(change.after)).toMatchObject({ venueName: "学院报告厅" });
    expect((await stateOf(id)).sequence).toBe(2);
  });

  test("new lecturers, kind or notes are an update trainees see: recorded and the sequence goes up", async () => {
    const values = input();
    const id = await schedule(values);

    await updateSession(id, { ...values, lecturerIds: [s.li.id], kind: "workshop", notes: "分组研讨，请提前阅读案例" }, { actor: s.staff, now: later });

    const saved = await stateOf(id);
    expect(saved).toMatchObject({ kind: "workshop", notes: "分组研讨，请提前阅读案例", sequence: 1, lecturers: [{ lecturerId: s.li.id }] });
    const change = (await changesOf(id)).at(-1)!;
    expect(change.kind).toBe("updated");
    expect(json(change.before)).toEqual({ lecturerNames: ["王教授"], kind: "lecture", notes: "请携带笔记本电脑" });
    expect(json(change.after)).toEqual({ lecturerNames: ["李总"], kind: "workshop", notes: "分组研讨，请提前阅读案例" });
  });

  test("saving without a change records nothing and keeps the sequence", async () => {
    const values = input();
    const id = await schedule(values);
    const outcome = await updateSession(id, { ...values, notes: ` ${values.notes} ` }, { actor: s.staff, now: later });
    expect(outcome).toEqual({ status: "saved", sessionId: id, changed: false });
    expect((await stateOf(id)).sequence).toBe(0);
    expect(await changesOf(id)).toHaveLength(1);
  });

  test("a session is changed only through its own cohort", async () => {
    const values = input();
    const id = await schedule(values);
    const error = await rejection(updateSession(id, { ...values, cohortId: s.otherCohort.id, moduleId: s.otherModule.id }, { actor: s.staff, now }));
    expect(error.messageKey).toBe("schedule.errors.sessionNotFound");
    const cancel = await rejection(cancelSession(id, { cohortId: s.otherCohort.id, actor: s.staff, now, reason: "x" }));
    expect(cancel.messageKey).toBe("schedule.errors.sessionNotFound");
    expect((await stateOf(id)).status).toBe("scheduled");
  });
});

describe("cancelling and restoring", () => {
  test("cancelling needs a reason; with one it keeps the history and bumps the sequence", async () => {
    const id = await schedule(input());

    for (const reason of ["", "   "]) {
      const error = await rejection(cancelSession(id, { cohortId: s.cohort.id, actor: s.staff, now: later, reason }));
      expect([error.field, error.messageKey]).toEqual(["reason", "schedule.errors.reasonRequired"]);
    }
    expect(await stateOf(id)).toMatchObject({ status: "scheduled", sequence: 0 });

    await cancelSession(id, { cohortId: s.cohort.id, actor: s.staff, now: later, reason: " 台风预警，停课一次 " });
    expect(await stateOf(id)).toMatchObject({ status: "cancelled", sequence: 1 });
    expect((await changesOf(id)).at(-1)).toMatchObject({ kind: "cancelled", reason: "台风预警，停课一次", actorId: s.staff.id, at: later });

    const twice = await rejection(cancelSession(id, { cohortId: s.cohort.id, actor: s.staff, now: later, reason: "again" }));
    expect(twice.messageKey).toBe("schedule.errors.alreadyCancelled");
    const edit = await rejection(updateSession(id, input({ notes: "x" }), { actor: s.staff, now: later }));
    expect(edit.messageKey).toBe("schedule.errors.restoreFirst");
    expect((await stateOf(id)).sequence).toBe(1);
  });

  test("restoring puts the session back on the timetable with history and a new sequence", async () => {
    const id = await schedule(input());
    const notCancelled = await rejection(restoreSession(id, { cohortId: s.cohort.id, actor: s.staff, now }));
    expect(notCancelled.messageKey).toBe("schedule.errors.notCancelled");

    await cancelSession(id, { cohortId: s.cohort.id, actor: s.staff, now, reason: "台风" });
    const outcome = await restoreSession(id, { cohortId: s.cohort.id, actor: s.staff, now: later });

    expect(outcome.status).toBe("saved");
    expect(await stateOf(id)).toMatchObject({ status: "scheduled", sequence: 2 });
    expect((await changesOf(id)).map((c) => c.kind)).toEqual(["created", "cancelled", "restored"]);
  });
});

describe("reading a session", () => {
  test("a trainee reads sessions of their cohort only while holding a seat; others get nothing", async () => {
    const id = await schedule(input());
    const [enrolled, completed, applied, withdrawn, elsewhere] = await Promise.all([createPerson(), createPerson(), createPerson(), createPerson(), createPerson()]);
    await enroll(s.cohort.id, enrolled.id, "enrolled");
    await enroll(s.cohort.id, completed.id, "completed");
    await enroll(s.cohort.id, applied.id, "applied");
    await enroll(s.cohort.id, withdrawn.id, "withdrawn");
    await enroll(s.otherCohort.id, elsewhere.id, "enrolled");

    expect((await getSessionForTrainee(enrolled.id, id))?.id).toBe(id);
    expect((await getSessionForTrainee(completed.id, id))?.id).toBe(id);
    expect(await getSessionForTrainee(applied.id, id)).toBeNull();
    expect(await getSessionForTrainee(withdrawn.id, id)).toBeNull();
    expect(await getSessionForTrainee(elsewhere.id, id)).toBeNull();
  });

  test("the session page has the venue, lecturers, module, number of materials and the history newest first; only staff see who changed it", async () => {
    const values = input({ venueId: s.museum.id, lecturerIds: [s.li.id], kind: "site_visit", notes: "8:00 在学院东门集合乘车" });
    const id = await schedule(values);
    await updateSession(id, { ...values, startTime: "10:00" }, { actor: s.staff, now: later, reason: "纪念馆开馆时间调整" });
    const trainee = await createPerson();
    await enroll(s.cohort.id, trainee.id);

    const staffView = await getSessionForStaff(s.cohort.id, id);
    expect(staffView).toMatchObject({
      id,
      cohortId: s.cohort.id,
      status: "scheduled",
      kind: "site_visit",
      notes: "8:00 在学院东门集合乘车",
      sequence: 1,
      venue: { name: "革命纪念馆", address: "红旗路 1 号", kind: "offsite" },
      lecturers: [{ id: s.li.id, name: "李总", title: "董事长", organisation: "长三角智造集团", region: "长三角", bio: "从事制造业数字化转型二十年。", hasPhoto: true }],
      module: { id: s.module.id, title: "数字化转型政策解读", track: "policy", creditHours: 3, description: "解读最新产业政策。" },
    });
    expect(staffView!.materialCount).toBe(2);
    expect(staffView!.history.map((h) => [h.kind, h.actorName])).toEqual([
      ["rescheduled", "刘老师"],
      ["created", "刘老师"],
    ]);
    expect(await getSessionForStaff(s.otherCohort.id, id)).toBeNull();

    const traineeView = await getSessionForTrainee(trainee.id, id);
    expect(traineeView!.history.map((h) => h.kind)).toEqual(["rescheduled", "created"]);
    expect(traineeView!.history.every((h) => !("actorName" in h))).toBe(true);

    const [rescheduled] = presentHistory(traineeView!.history, "Asia/Shanghai", "zh-CN");
    expect(rescheduled).toMatchObject({ kind: "rescheduled", actorName: null, reason: "纪念馆开馆时间调整" });
    expect(rescheduled!.changes).toEqual([{ field: "time", before: expect.stringMatching(/09:00–12:00$/), after: expect.stringMatching(/10:00–12:00$/) }]);
  });

  test("the page links lecturer photos only when there is one", async () => {
    const id = await schedule(input({ lecturerIds: [s.wang.id, s.li.id] }));
    const page = presentSession((await getSessionForStaff(s.cohort.id, id))!, "Asia/Shanghai", "en");

    expect(page.materialCount).toBe(2);
    expect(page.lecturers.map((l) => [l.name, l.photoUrl])).toEqual([
      ["李总", `/lecturers/${s.li.id}/photo`],
      ["王教授", null],
    ]);
    expect(page.time).toBe("09:00–12:00");
  });
});
