import { describe, expect, it } from "vitest";
import { attendanceRate, checkInStatus, checkInWindow, effectiveStatus, isBeforeJoining, sessionPhase } from "./rules.ts";

const session = {
  startsAt: new Date("2026-03-10T01:00:00Z"),
  endsAt: new Date("2026-03-10T03:00:00Z"),
  status: "scheduled",
};

describe("check-in window and phases", () => {
  it("opens 30 minutes before and closes 15 after by default, or as the session says", () => {
    expect(checkInWindow(session)).toEqual({ opensAt: new Date("2026-03-10T00:30:00Z"), closesAt: new Date("2026-03-10T03:15:00Z") });
    const own = checkInWindow({ ...session, checkInOpensMinutesBefore: 0, checkInClosesMinutesAfter: 60 });
    expect(own).toEqual({ opensAt: session.startsAt, closesAt: new Date("2026-03-10T04:00:00Z") });
  });
  it("is upcoming, open, then held at the very minute the window closes; cancelled is never held", () => {
    expect(sessionPhase(session, new Date("2026-03-10T00:29:59Z"))).toBe("upcoming");
    expect(sessionPhase(session, new Date("2026-03-10T00:30:00Z"))).toBe("open");
    expect(sessionPhase(session, new Date("2026-03-10T03:14:59Z"))).toBe("open");
    expect(sessionPhase(session, new Date("2026-03-10T03:15:00Z"))).toBe("held");
    expect(sessionPhase({ ...session, status: "cancelled" }, new Date("2026-03-11T00:00:00Z"))).toBe("cancelled");
  });
});

describe("late threshold", () => {
  it("is late only after start + threshold; the session's threshold wins", () => {
    expect(checkInStatus(session, 15, new Date("2026-03-10T01:15:00Z"))).toBe("present");
    expect(checkInStatus(session, 15, new Date("2026-03-10T01:15:01Z"))).toBe("late");
    expect(checkInStatus({ ...session, lateAfterMinutes: 5 }, 15, new Date("2026-03-10T01:06:00Z"))).toBe("late");
  });
});

describe("standing and rate", () => {
  it("derives absence once held, excused from approved leave, and keeps a record over both", () => {
    expect(effectiveStatus({ recorded: null, approvedLeave: false, held: false })).toBeNull();
    expect(effectiveStatus({ recorded: null, approvedLeave: false, held: true })).toBe("absent");
    expect(effectiveStatus({ recorded: null, approvedLeave: true, held: true })).toBe("excused");
    expect(effectiveStatus({ recorded: "late", approvedLeave: true, held: true })).toBe("late");
    expect(effectiveStatus({ recorded: "present", approvedLeave: false, held: true, cancelled: true })).toBeNull();
  });
  it("leaves a held session before the trainee joined out of the count unless it has a record", () => {
    const joined = new Date("2026-03-10T02:00:00Z");
    const before = isBeforeJoining(session, joined);
    expect(before).toBe(true);
    expect(isBeforeJoining(session, null)).toBe(false);
    expect(isBeforeJoining(session, session.startsAt)).toBe(false);
    expect(effectiveStatus({ recorded: null, approvedLeave: false, held: true, beforeJoining: before })).toBe("before_joining");
    expect(effectiveStatus({ recorded: null, approvedLeave: true, held: true, beforeJoining: before })).toBe("before_joining");
    expect(effectiveStatus({ recorded: "present", approvedLeave: false, held: true, beforeJoining: before })).toBe("present");
    expect(attendanceRate(["before_joining", "present", "absent"], true)).toEqual({ attended: 1, counted: 2, rate: 0.5 });
    expect(attendanceRate(["before_joining"], false).rate).toBeNull();
  });
  it("counts excused in or out of the denominator as the cohort's rule says", () => {
    const statuses = ["present", "late", "excused", "absent", null] as const;
    expect(attendanceRate(statuses, true)).toEqual({ attended: 2, counted: 3, rate: 2 / 3 });
    expect(attendanceRate(statuses, false)).toEqual({ attended: 2, counted: 4, rate: 0.5 });
    expect(attendanceRate([null], true).rate).toBeNull();
  });
});
