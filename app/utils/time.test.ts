import { describe, expect, test } from "vitest";
import { addDays, formatTimeRange, isCalendarDate, localDate, zonedDayRange, zonedInstant, zoneOffsetMinutes } from "./time.ts";

describe("academy time", () => {
  test("Shanghai wall-clock times map to UTC eight hours earlier", () => {
    expect(zonedInstant("2025-03-10", "09:00", "Asia/Shanghai").toISOString()).toBe("2025-03-10T01:00:00.000Z");
    expect(zonedInstant("2025-03-10", "00:30", "Asia/Shanghai").toISOString()).toBe("2025-03-09T16:30:00.000Z");
    expect(zoneOffsetMinutes(new Date("2025-07-01T00:00:00Z"), "Asia/Shanghai")).toBe(480);
  });

  test("a local day runs from local midnight to the next", () => {
    const { start, end } = zonedDayRange("2025-03-10", "Asia/Shanghai");
    expect(start.toISOString()).toBe("2025-03-09T16:00:00.000Z");
    expect(end.toISOString()).toBe("2025-03-10T16:00:00.000Z");
  });

  test("late evening UTC is already tomorrow in Shanghai", () => {
    expect(localDate(new Date("2025-03-10T17:00:00Z"), "Asia/Shanghai")).toBe("2025-03-11");
    expect(localDate(new Date("2025-03-10T15:59:00Z"), "Asia/Shanghai")).toBe("2025-03-10");
  });

  test("zones with daylight saving keep the wall clock across the change", () => {
    // Berlin moved from UTC+1 to UTC+2 on 2025-03-30.
    expect(zonedInstant("2025-03-29", "09:00", "Europe/Berlin").toISOString()).toBe("2025-03-29T08:00:00.000Z");
    expect(zonedInstant("2025-03-31", "09:00", "Europe/Berlin").toISOString()).toBe("2025-03-31T07:00:00.000Z");
    const { start, end } = zonedDayRange("2025-03-30", "Europe/Berlin");
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  test("adding days crosses months and years", () => {
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
  });

  test("session times are shown in the academy's zone, 24-hour", () => {
    const start = new Date("2025-03-10T06:00:00Z");
    const end = new Date("2025-03-10T09:00:00Z");
    expect(formatTimeRange(start, end, "Asia/Shanghai")).toBe("14:00–17:00");
  });
});

test("a calendar date must exist: February has no 30th", () => {
  expect(["2026-02-28", "2024-02-29"].map(isCalendarDate)).toEqual([true, true]);
  expect(["2026-02-30", "2025-02-29", "2026-13-01", "26-1-1", ""].map(isCalendarDate)).toEqual([false, false, false, false, false]);
});
