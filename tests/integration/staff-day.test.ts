// The staff's day is scoped: staff see today's sessions of their own cohorts,
// an instructor their own teaching first, then the rest of their cohorts' day.
import { beforeAll, describe, expect, test } from "vitest";
import { getStaffDay } from "~/modules/attendance/staff-day.server.ts";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort, enroll } from "../factories/cohort.ts";
import { createLecturer, createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";

// Noon in Shanghai.
const now = new Date("2026-03-20T04:00:00Z");
const at = (iso: string) => new Date(iso);
const timeZone = "Asia/Shanghai";

let ids: Record<"a1" | "a2" | "b1" | "b2", string>;
let staff: ReturnType<typeof asUser>;
let instructor: ReturnType<typeof asUser>;
let admin: ReturnType<typeof asUser>;

beforeAll(async () => {
  const [a, b] = [await createCohort(), await createCohort()];
  const [staffPerson, teacherPerson, adminPerson, trainee, other] = await Promise.all([
    createPerson({ roles: ["staff"] }),
    createPerson({ roles: ["instructor"] }),
    createPerson({ roles: ["admin"] }),
    createPerson(),
    createPerson(),
  ]);
  staff = asUser(staffPerson.id, ["staff"]);
  instructor = asUser(teacherPerson.id, ["instructor"]);
  admin = asUser(adminPerson.id, ["admin"]);
  await assign(a.id, staffPerson.id, "head_teacher");
  await assign(a.id, teacherPerson.id, "instructor");
  const mine = await createLecturer({ personId: teacherPerson.id });
  const someoneElse = await createLecturer();
  const [moduleA, moduleB] = [await createModule(a.id), await createModule(b.id)];
  // Cohort A: the instructor's afternoon session and a colleague's morning one; yesterday's and a cancelled one do not show.
  const a1 = await createSession(moduleA.id, { startsAt: at("2026-03-20T06:00:00Z"), lecturerIds: [mine.id] });
  const a2 = await createSession(moduleA.id, { startsAt: at("2026-03-20T01:00:00Z"), lecturerIds: [someoneElse.id] });
  await createSession(moduleA.id, { startsAt: at("2026-03-19T06:00:00Z"), lecturerIds: [mine.id] });
  await createSession(moduleA.id, { startsAt: at("2026-03-20T08:00:00Z"), status: "cancelled" });
  // Cohort B, where the instructor is a guest lecturer without an assignment.
  const b1 = await createSession(moduleB.id, { startsAt: at("2026-03-20T01:30:00Z") });
  const b2 = await createSession(moduleB.id, { startsAt: at("2026-03-20T07:00:00Z"), lecturerIds: [mine.id] });
  ids = { a1: a1.id, a2: a2.id, b1: b1.id, b2: b2.id };

  const [enrolledA] = await Promise.all([enroll(a.id, trainee.id), enroll(a.id, other.id), enroll(b.id, trainee.id)]);
  await db.attendance.create({ data: { enrollmentId: enrolledA.id, sessionId: a1.id, status: "present", method: "qr" } });
  const enrolledB = await db.enrollment.findFirstOrThrow({ where: { cohortId: b.id }, select: { id: true } });
  await db.leaveRequest.createMany({
    data: [
      { enrollmentId: enrolledA.id, sessionId: a1.id, reason: "出差", status: "pending" },
      { enrollmentId: enrolledA.id, sessionId: a2.id, reason: "出差", status: "approved" },
      { enrollmentId: enrolledB.id, sessionId: b1.id, reason: "出差", status: "pending" },
    ],
  });
});

describe("the staff's day", () => {
  test("staff see today's sessions of their own cohorts only, with check-in counts and the leave waiting there", async () => {
    const day = await getStaffDay({ user: staff, now, timeZone });
    expect(day.sessions.map((s) => s.id)).toEqual([ids.a2, ids.a1]);
    expect(day.sessions.find((s) => s.id === ids.a1)).toMatchObject({ checkedIn: 1, expected: 2, mayRunCheckIn: true, mayOpen: true, teaching: false });
    expect(day.pendingLeave).toBe(1);
  });

  test("an instructor lands on their own teaching first, then the rest of their cohort's day, and decides no leave", async () => {
    const day = await getStaffDay({ user: instructor, now, timeZone });
    expect(day.sessions.map((s) => s.id)).toEqual([ids.a1, ids.b2, ids.a2]);
    expect(day.sessions.map((s) => s.teaching)).toEqual([true, true, false]);
    // The guest-lectured session runs its check-in, but its cohort's pages are not theirs to open.
    expect(day.sessions.find((s) => s.id === ids.b2)).toMatchObject({ mayRunCheckIn: true, mayOpen: false });
    expect(day.pendingLeave).toBeNull();
  });

  test("an admin sees every cohort's day and all waiting leave", async () => {
    const day = await getStaffDay({ user: admin, now, timeZone });
    expect(day.sessions.map((s) => s.id)).toEqual([ids.a2, ids.b1, ids.a1, ids.b2]);
    expect(day.pendingLeave).toBe(2);
  });
});
