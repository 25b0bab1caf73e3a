// Rates and counts on a hand-computed fixture, under both rules for excused sessions.
import { beforeAll, describe, expect, test } from "vitest";
import { cohortStandings, personStanding, sessionCounts } from "~/modules/attendance/standing.server.ts";
import { db } from "~/utils/db.server.ts";
import { createCohort, enroll } from "../factories/cohort.ts";
import { createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";

const now = new Date("2026-03-20T08:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

let cohortId: string;
let s: Record<"s1" | "s2" | "s3" | "s4" | "s5", string>;
let e: Record<"a" | "b" | "c" | "d", { id: string; personId: string }>;

async function record(enrollmentId: string, sessionId: string, status: string) {
  await db.attendance.create({ data: { enrollmentId, sessionId, status, method: "roll_call" } });
}
async function leave(enrollmentId: string, sessionId: string, status: string) {
  await db.leaveRequest.create({ data: { enrollmentId, sessionId, status, reason: "出差" } });
}

beforeAll(async () => {
  cohortId = (await createCohort()).id;
  const policy = await createModule(cohortId, { track: "policy" });
  const tech = await createModule(cohortId, { track: "technology" });
  s = {
    s1: (await createSession(policy.id, { startsAt: hoursAgo(72) })).id,
    s2: (await createSession(policy.id, { startsAt: hoursAgo(48) })).id,
    s3: (await createSession(tech.id, { startsAt: hoursAgo(24) })).id,
    s4: (await createSession(tech.id, { startsAt: new Date(now.getTime() + 24 * 3_600_000) })).id,
    s5: (await createSession(tech.id, { startsAt: hoursAgo(30), status: "cancelled" })).id,
  };
  const people = await Promise.all([createPerson(), createPerson(), createPerson(), createPerson()]);
  const [a, b, c, d] = await Promise.all([
    enroll(cohortId, people[0]!.id),
    enroll(cohortId, people[1]!.id),
    enroll(cohortId, people[2]!.id),
    enroll(cohortId, people[3]!.id, "withdrawn"),
  ]);
  e = {
    a: { id: a.id, personId: people[0]!.id },
    b: { id: b.id, personId: people[1]!.id },
    c: { id: c.id, personId: people[2]!.id },
    d: { id: d.id, personId: people[3]!.id },
  };
  // A: present, late, excused by approved leave.
  await record(e.a.id, s.s1, "present");
  await record(e.a.id, s.s2, "late");
  await leave(e.a.id, s.s3, "approved");
  // B: marked absent, no record (absent), marked excused and also approved leave (counted once).
  await record(e.b.id, s.s1, "absent");
  await record(e.b.id, s.s3, "excused");
  await leave(e.b.id, s.s3, "approved");
  // C: present, nothing, a pending leave (still absent), and a check-in to an upcoming session (not counted yet).
  await record(e.c.id, s.s1, "present");
  await leave(e.c.id, s.s3, "pending");
  await record(e.c.id, s.s4, "present");
  // D withdrew: not counted anywhere.
  await record(e.d.id, s.s1, "present");
});

describe("cohort standings", () => {
  test("excused sessions leave the denominator (the default rule)", async () => {
    const result = await cohortStandings({ cohortId, now });
    expect(result.excusedLeaveDenominator).toBe(true);
    expect(result.heldSessions).toBe(3);
    const by = new Map(result.enrollments.map((row) => [row.enrollmentId, row]));
    expect(result.enrollments).toHaveLength(3);
    expect(by.get(e.a.id)).toMatchObject({ present: 1, late: 1, excused: 1, absent: 0, attended: 2, counted: 2, rate: 1 });
    expect(by.get(e.b.id)).toMatchObject({ present: 0, late: 0, excused: 1, absent: 2, attended: 0, counted: 2, rate: 0 });
    expect(by.get(e.c.id)).toMatchObject({ present: 1, late: 0, excused: 0, absent: 2, attended: 1, counted: 3, rate: 1 / 3 });
    expect(result.total).toMatchObject({ present: 2, late: 1, excused: 2, absent: 4, attended: 3, counted: 7 });
  });

  test("excused sessions stay in the denominator when the cohort says so", async () => {
    await db.cohort.update({ where: { id: cohortId }, data: { excusedLeaveDenominator: false } });
    try {
      const result = await cohortStandings({ cohortId, now });
      const by = new Map(result.enrollments.map((row) => [row.enrollmentId, row]));
      expect(by.get(e.a.id)).toMatchObject({ counted: 3, rate: 2 / 3 });
      expect(by.get(e.b.id)).toMatchObject({ counted: 3, rate: 0 });
      expect(by.get(e.c.id)).toMatchObject({ counted: 3, rate: 1 / 3 });
      const person = await personStanding({ personId: e.a.personId, cohortId, now });
      expect(person!.overall).toMatchObject({ counted: 3, rate: 2 / 3 });
    } finally {
      await db.cohort.update({ where: { id: cohortId }, data: { excusedLeaveDenominator: true } });
    }
  });

  test("before a session's window closes nobody is absent from it; after, everyone without a record or leave is", async () => {
    const during = new Date(hoursAgo(24).getTime() + 3.1 * 3_600_000); // s3 ended 6 minutes ago: window still open
    const early = await cohortStandings({ cohortId, now: during });
    expect(early.heldSessions).toBe(2);
    expect(early.enrollments.find((r) => r.enrollmentId === e.c.id)).toMatchObject({ absent: 1 });
    const late = await cohortStandings({ cohortId, now: new Date(during.getTime() + 10 * 60_000) });
    expect(late.heldSessions).toBe(3);
    expect(late.enrollments.find((r) => r.enrollmentId === e.c.id)).toMatchObject({ absent: 2 });
  });
});

test("session counts: expected trainees, derived absence once held, cancelled counts nothing", async () => {
  const counts = await sessionCounts({ sessionIds: [s.s1, s.s2, s.s3, s.s4, s.s5], now });
  const by = new Map(counts.map((row) => [row.sessionId, row]));
  expect(by.get(s.s1)).toMatchObject({ expected: 3, present: 2, late: 0, excused: 0, absent: 1, guests: 0, phase: "held" });
  expect(by.get(s.s2)).toMatchObject({ present: 0, late: 1, excused: 0, absent: 2 });
  expect(by.get(s.s3)).toMatchObject({ present: 0, late: 0, excused: 2, absent: 1 });
  expect(by.get(s.s4)).toMatchObject({ present: 1, absent: 0, phase: "upcoming" });
  expect(by.get(s.s5)).toMatchObject({ present: 0, late: 0, excused: 0, absent: 0, phase: "cancelled" });
});

test("a trainee's standing: overall, per track, and every session with its effective status", async () => {
  const c = await personStanding({ personId: e.c.personId, cohortId, now });
  expect(c!.overall).toMatchObject({ present: 1, absent: 2, counted: 3, rate: 1 / 3 });
  expect(c!.tracks.find((t) => t.trackKey === "policy")).toMatchObject({ present: 1, absent: 1, rate: 0.5 });
  expect(c!.tracks.find((t) => t.trackKey === "technology")).toMatchObject({ absent: 1, rate: 0 });
  expect(c!.tracks.find((t) => t.trackKey === "management")).toMatchObject({ counted: 0, rate: null });
  const status = new Map(c!.sessions.map((row) => [row.sessionId, row]));
  expect(status.get(s.s2)!.status).toBe("absent");
  expect(status.get(s.s3)).toMatchObject({ status: "absent", leave: "pending" });
  expect(status.get(s.s4)).toMatchObject({ status: "present", phase: "upcoming" });
  expect(status.get(s.s5)).toMatchObject({ status: null, phase: "cancelled" });
  const a = await personStanding({ personId: e.a.personId, cohortId, now });
  expect(a!.sessions.find((row) => row.sessionId === s.s3)).toMatchObject({ status: "excused", leave: "approved", recorded: null });
  expect(await personStanding({ personId: e.d.personId, cohortId, now })).toBeNull();
});
