import { expect, test } from "vitest";
import { clashFingerprint, SessionActionSchema, SessionFormSchema } from "./sessions.ts";

// Values as a submitted form holds them: strings, and a list for the ticked lecturers.
const form = (values: Record<string, string | string[]>) => values;

const valid = { moduleId: "m1", date: "2026-03-02", startTime: "09:00", endTime: "12:00", kind: "lecture", venueId: "", notes: "" };

test("the form reads times with or without seconds, an empty venue as none and blank notes as none", () => {
  const parsed = SessionFormSchema.parse(form({ ...valid, startTime: "09:00:00", lecturerIds: ["a", "b"] }));
  expect(parsed).toMatchObject({ startTime: "09:00", endTime: "12:00", venueId: null, notes: null, lecturerIds: ["a", "b"] });
});

test("an end before or at the start is an error on the end time", () => {
  for (const endTime of ["08:59", "09:00"]) {
    const result = SessionFormSchema.safeParse(form({ ...valid, endTime }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["endTime", "schedule.errors.endBeforeStart"]]);
  }
});

test("malformed dates, times and kinds say which field is wrong", () => {
  const result = SessionFormSchema.safeParse(form({ ...valid, date: "2026-02-30", startTime: "9am", kind: "party" }));
  expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
    ["date", "schedule.errors.dateFormat"],
    ["startTime", "schedule.errors.timeFormat"],
    ["kind", "schedule.errors.kindRequired"],
  ]);
});

test("cancelling needs a reason; an unknown intent is refused", () => {
  expect(SessionActionSchema.safeParse({ intent: "cancel", reason: "  " }).error?.issues[0]?.message).toBe("schedule.errors.reasonRequired");
  expect(SessionActionSchema.safeParse({ intent: "cancel", reason: "台风" }).success).toBe(true);
  expect(SessionActionSchema.safeParse({ intent: "matrix-probe" }).success).toBe(false);
});

test("a confirmation fits only the time, venue and lecturers it was given for", () => {
  const base = { date: "2026-03-02", startTime: "09:00", endTime: "12:00", venueId: "v1", lecturerIds: ["b", "a"] };
  expect(clashFingerprint(base)).toBe(clashFingerprint({ ...base, lecturerIds: ["a", "b", "a"] }));
  expect(clashFingerprint(base)).not.toBe(clashFingerprint({ ...base, startTime: "09:30" }));
  expect(clashFingerprint(base)).not.toBe(clashFingerprint({ ...base, venueId: null }));
  expect(clashFingerprint(base)).not.toBe(clashFingerprint({ ...base, lecturerIds: ["a"] }));
});
