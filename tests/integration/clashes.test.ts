// Before a session is saved, staff are warned when it double-books a venue or
// a lecturer (in any cohort: a guest lecturer cannot teach two classes at
// once) or the cohort itself. Nothing is written until they confirm.
import { describe, expect, test } from "vitest";
import { findClashes } from "~/modules/timetable/clashes.server.ts";
import type { SessionInput } from "~/modules/timetable/session-rules.server.ts";
import { cancelSession, restoreSession, scheduleSession, updateSession } from "~/modules/timetable/sessions.server.ts";
import { db } from "~/utils/db.server.ts";
import { createCohort } from "../factories/cohort.ts";
import { createLecturer, createModule, createSession, createVenue } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";

const now = new Date("2026-02-20T02:00:00Z");
/** A wall-clock time in the academy's zone (Asia/Shanghai, UTC+8) as an instant. */
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
const day = "2026-03-10";

/** Two cohorts with a module each, a venue and two lecturers, all new: each test sees only its own bookings. */
async function scene() {
  // One after the other: the cohort factory creates the academy on first use.
  const cohortA = await createCohort({ title: "人工智能赋能产业升级专题班", startDate: "2026-03-01", endDate: "2026-04-30" });
  const cohortB = await createCohort({ title: "专精特新企业家研修班", startDate: "2026-03-01", endDate: "2026-04-30" });
  const [staff, venue, otherVenue, wang, li] = await Promise.all([
    createPerson({ roles: ["staff"], name: "班主任" }),
    createVenue({ name: `学院报告厅-${Math.random()}` }),
    createVenue({ name: `第二教室-${Math.random()}` }),
    createLecturer({ name: "王教授" }),
    createLecturer({ name: "李总" }),
  ]);
  const [moduleA, moduleB] = await Promise.all([
    createModule(cohortA.id, { title: "数字化转型政策解读" }),
    createModule(cohortB.id, { title: "智能制造前沿", track: "technology" }),
  ]);
  const input = (overrides: Partial<SessionInput> = {}): SessionInput => ({
    cohortId: cohortA.id,
    moduleId: moduleA.id,
    date: day,
    startTime: "09:00",
    endTime: "12:00",
    venueId: null,
    kind: "lecture",
    lecturerIds: [],
    notes: null,
    ...overrides,
  });
  return { cohortA, cohortB, moduleA, moduleB, staff: { id: staff.id }, venue, otherVenue, wang, li, input };
}

/** Everything a refused save must leave as it was. */
async function counts() {
  const [sessions, changes, lecturers] = await Promise.all([db.session.count(), db.sessionChange.count(), db.sessionLecturer.count()]);
  return { sessions, changes, lecturers };
}

describe("clashes", () => {
  test("a venue booked by another cohort at an overlapping time is a venue clash, and nothing is saved without confirmation", async () => {
    const s = await scene();
    const other = await createSession(s.moduleB.id, { startsAt: at(day, "10:00"), endsAt: at(day, "13:00"), venueId: s.venue.id, lecturerIds: [s.li.id] });
    const before = await counts();

    const outcome = await scheduleSession(s.input({ venueId: s.venue.id }), { actor: s.staff, now });

    expect(outcome.status).toBe("clashes");
    if (outcome.status !== "clashes") return;
    expect(outcome.clashes).toEqual([
      {
        kind: "venue",
        session: {
          id: other.id,
          cohortId: s.cohortB.id,
          cohortTitle: "专精特新企业家研修班",
          moduleTitle: "智能制造前沿",
          startsAt: at(day, "10:00"),
          endsAt: at(day, "13:00"),
          venueName: s.venue.name,
          lecturerNames: ["李总"],
        },
      },
    ]);
    expect(outcome.warnings).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  test("a lecturer teaching another cohort at an overlapping time is a lecturer clash naming the lecturer", async () => {
    const s = await scene();
    const other = await createSession(s.moduleB.id, { startsAt: at(day, "11:30"), endsAt: at(day, "15:00"), lecturerIds: [s.wang.id] });

    const clashes = await findClashes({ cohortId: s.cohortA.id, startsAt: at(day, "09:00"), endsAt: at(day, "12:00"), venueId: s.venue.id, lecturerIds: [s.wang.id, s.li.id] });

    expect(clashes.map((c) => [c.kind, c.session.id, c.lecturerName])).toEqual([["lecturer", other.id, "王教授"]]);
  });

  test("another session of the same cohort at an overlapping time is a cohort clash, whatever its venue", async () => {
    const s = await scene();
    const other = await createSession(s.moduleA.id, { startsAt: at(day, "08:00"), endsAt: at(day, "13:00"), venueId: s.otherVenue.id });

    const clashes = await findClashes({ cohortId: s.cohortA.id, startsAt: at(day, "09:00"), endsAt: at(day, "12:00"), venueId: s.venue.id, lecturerIds: [] });

    expect(clashes.map((c) => [c.kind, c.session.id, c.session.cohortId])).toEqual([["cohort", other.id, s.cohortA.id]]);
  });

  test("back-to-back sessions do not clash, before or after", async () => {
    const s = await scene();
    await createSession(s.moduleA.id, { startsAt: at(day, "09:00"), endsAt: at(day, "12:00"), venueId: s.venue.id, lecturerIds: [s.wang.id] });
    await createSession(s.moduleB.id, { startsAt: at(day, "14:00"), endsAt: at(day, "17:00"), venueId: s.venue.id, lecturerIds: [s.wang.id] });

    const outcome = await scheduleSession(s.input({ startTime: "12:00", endTime: "14:00", venueId: s.venue.id, lecturerIds: [s.wang.id] }), { actor: s.staff, now });

    expect(outcome.status).toBe("saved");
  });

  test("overlaps of every shape clash: starting inside, ending inside, containing, contained", async () => {
    const s = await scene();
    await createSession(s.moduleB.id, { startsAt: at(day, "10:00"), endsAt: at(day, "11:00"), venueId: s.venue.id });
    for (const [start, end] of [["10:30", "12:00"], ["09:00", "10:30"], ["09:00", "12:00"], ["10:15", "10:45"], ["10:00", "11:00"]] as const) {
      const clashes = await findClashes({ cohortId: s.cohortA.id, startsAt: at(day, start), endsAt: at(day, end), venueId: s.venue.id });
      expect(clashes.map((c) => c.kind), `${start}–${end}`).toEqual(["venue"]);
    }
  });

  test("a cancelled session never clashes", async () => {
    const s = await scene();
    await createSession(s.moduleB.id, { startsAt: at(day, "09:00"), endsAt: at(day, "12:00"), venueId: s.venue.id, lecturerIds: [s.wang.id], status: "cancelled" });
    await createSession(s.moduleA.id, { startsAt: at(day, "09:00"), endsAt: at(day, "12:00"), status: "cancelled" });

    const outcome = await scheduleSession(s.input({ venueId: s.venue.id, lecturerIds: [s.wang.id] }), { actor: s.staff, now });

    expect(outcome.status).toBe("saved");
  });

  test("editing a session does not clash with itself", async () => {
    const s = await scene();
    const first = await scheduleSession(s.input({ venueId: s.venue.id, lecturerIds: [s.wang.id] }), { actor: s.staff, now });
    if (first.status !== "saved") throw new Error("expected the first session to be saved");

    // Half an hour later: overlaps where it was, in the same cohort, venue and with the same lecturer.
    const moved = await updateSession(first.sessionId, s.input({ startTime: "09:30", endTime: "12:30", venueId: s.venue.id, lecturerIds: [s.wang.id] }), { actor: s.staff, now });

    expect(moved).toEqual({ status: "saved", sessionId: first.sessionId, changed: true });
  });

  test("several clashes at once are all listed: venue and lecturer in one cohort, a second lecturer in another, the cohort itself", async () => {
    const s = await scene();
    const third = await createCohort({ title: "县域商会会长培训班" });
    const thirdModule = await createModule(third.id, { title: "商会治理" });
    const inB = await createSession(s.moduleB.id, { startsAt: at(day, "08:30"), endsAt: at(day, "10:00"), venueId: s.venue.id, lecturerIds: [s.wang.id] });
    const inC = await createSession(thirdModule.id, { startsAt: at(day, "11:00"), endsAt: at(day, "12:30"), lecturerIds: [s.li.id] });
    const inA = await createSession(s.moduleA.id, { startsAt: at(day, "11:45"), endsAt: at(day, "13:00"), venueId: s.otherVenue.id });
    // Not a clash: another cohort, another venue, other lecturers.
    await createSession(thirdModule.id, { startsAt: at(day, "09:00"), endsAt: at(day, "12:00"), venueId: s.otherVenue.id });
    const before = await counts();

    const outcome = await scheduleSession(s.input({ venueId: s.venue.id, lecturerIds: [s.li.id, s.wang.id] }), { actor: s.staff, now });

    expect(outcome.status).toBe("clashes");
    if (outcome.status !== "clashes") return;
    expect(outcome.clashes.map((c) => [c.kind, c.session.id, c.lecturerName ?? null])).toEqual([
      ["venue", inB.id, null],
      ["lecturer", inB.id, "王教授"],
      ["lecturer", inC.id, "李总"],
      ["cohort", inA.id, null],
    ]);
    expect(await counts()).toEqual(before);
  });

  test("confirming saves the session despite its clashes, with its lecturers and its history", async () => {
    const s = await scene();
    await createSession(s.moduleB.id, { startsAt: at(day, "09:00"), endsAt: at(day, "12:00"), venueId: s.venue.id });

    const outcome = await scheduleSession(s.input({ venueId: s.venue.id, lecturerIds: [s.wang.id] }), { actor: s.staff, now, confirmClashes: true });

    expect(outcome.status).toBe("saved");
    if (outcome.status !== "saved") return;
    const saved = await db.session.findUniqueOrThrow({
      where: { id: outcome.sessionId },
      select: { venueId: true, status: true, lecturers: { select: { lecturerId: true } }, changes: { select: { kind: true, actorId: true } } },
    });
    expect(saved).toEqual({ venueId: s.venue.id, status: "scheduled", lecturers: [{ lecturerId: s.wang.id }], changes: [{ kind: "created", actorId: s.staff.id }] });
  });

  test("a date outside the cohort's dates is a warning to confirm, not a refusal", async () => {
    const s = await scene();
    const before = await counts();

    const outcome = await scheduleSession(s.input({ date: "2026-05-06" }), { actor: s.staff, now });
    expect(outcome).toEqual({ status: "clashes", clashes: [], warnings: [{ kind: "outside_cohort_dates", startDate: "2026-03-01", endDate: "2026-04-30" }] });
    expect(await counts()).toEqual(before);

    const confirmed = await scheduleSession(s.input({ date: "2026-05-06" }), { actor: s.staff, now, confirmClashes: true });
    expect(confirmed.status).toBe("saved");
  });

  test("a lecturer shared by no overlapping session does not clash, even when the venue is the same elsewhere in the day", async () => {
    const s = await scene();
    await createSession(s.moduleB.id, { startsAt: at(day, "09:00"), endsAt: at(day, "12:00"), lecturerIds: [s.li.id] });
    await createSession(s.moduleB.id, { startsAt: at("2026-03-11", "09:00"), endsAt: at("2026-03-11", "12:00"), venueId: s.venue.id, lecturerIds: [s.wang.id] });

    expect(await findClashes({ cohortId: s.cohortA.id, startsAt: at(day, "09:00"), endsAt: at(day, "12:00"), venueId: s.venue.id, lecturerIds: [s.wang.id] })).toEqual([]);
  });

  test("restoring a cancelled session checks for clashes again", async () => {
    const s = await scene();
    const first = await scheduleSession(s.input({ venueId: s.venue.id }), { actor: s.staff, now });
    if (first.status !== "saved") throw new Error("expected the first session to be saved");
    await cancelSession(first.sessionId, { cohortId: s.cohortA.id, actor: s.staff, now, reason: "讲师临时出差" });
    // While it is cancelled, another cohort takes the room.
    const taken = await scheduleSession(s.input({ cohortId: s.cohortB.id, moduleId: s.moduleB.id, venueId: s.venue.id }), { actor: s.staff, now });
    expect(taken.status).toBe("saved");
    const before = await counts();

    const refused = await restoreSession(first.sessionId, { cohortId: s.cohortA.id, actor: s.staff, now });
    expect(refused.status).toBe("clashes");
    if (refused.status === "clashes") expect(refused.clashes.map((c) => c.kind)).toEqual(["venue"]);
    expect(await counts()).toEqual(before);
    expect((await db.session.findUniqueOrThrow({ where: { id: first.sessionId }, select: { status: true } })).status).toBe("cancelled");

    const restored = await restoreSession(first.sessionId, { cohortId: s.cohortA.id, actor: s.staff, now, confirmClashes: true });
    expect(restored.status).toBe("saved");
    expect((await db.session.findUniqueOrThrow({ where: { id: first.sessionId }, select: { status: true } })).status).toBe("scheduled");
  });

  test("changing only the notes of a session whose clash was accepted does not ask again", async () => {
    const s = await scene();
    await createSession(s.moduleB.id, { startsAt: at(day, "09:00"), endsAt: at(day, "12:00"), venueId: s.venue.id });
    const first = await scheduleSession(s.input({ venueId: s.venue.id }), { actor: s.staff, now, confirmClashes: true });
    if (first.status !== "saved") throw new Error("expected the session to be saved");

    const notes = await updateSession(first.sessionId, s.input({ venueId: s.venue.id, notes: "请携带身份证" }), { actor: s.staff, now });
    expect(notes.status).toBe("saved");

    // Moving it still within the clash asks again.
    const later = await updateSession(first.sessionId, s.input({ startTime: "10:00", endTime: "12:00", venueId: s.venue.id, notes: "请携带身份证" }), { actor: s.staff, now });
    expect(later.status).toBe("clashes");
  });
});
