import { describe, expect, test } from "vitest";
import { sessionState } from "~/modules/timetable/session-state.ts";
import { withMyStatus } from "./session-state.ts";

const at = (time: string) => new Date(`2025-11-26T${time}:00+08:00`);
const session = { startsAt: at("14:00"), endsAt: at("17:00"), cancelled: false };

describe("a session card's state", () => {
  test("follows the session's own times, whatever the check-in window", () => {
    expect(sessionState(session, at("13:59"))).toBe("upcoming");
    expect(sessionState(session, at("14:00"))).toBe("in_progress");
    expect(sessionState(session, at("16:59"))).toBe("in_progress");
    expect(sessionState(session, at("17:00"))).toBe("ended");
  });

  test("a cancelled session stays cancelled, before and after its time", () => {
    expect(sessionState({ ...session, cancelled: true }, at("10:00"))).toBe("cancelled");
    expect(sessionState({ ...session, cancelled: true }, at("18:00"))).toBe("cancelled");
  });
});

describe("my status on a card", () => {
  const statuses = new Map([
    ["ended", "late" as const],
    ["running", "present" as const],
    ["open", null],
  ]);
  test("shows only once the session has ended, and nothing while nothing counts yet", () => {
    const cards = withMyStatus(
      [
        { id: "ended", state: "ended" as const },
        { id: "running", state: "in_progress" as const },
        { id: "open", state: "ended" as const },
        { id: "elsewhere", state: "ended" as const },
        { id: "cancelled", state: "cancelled" as const },
      ],
      statuses,
    );
    expect(cards.map((card) => card.myStatus)).toEqual(["late", null, null, null, null]);
  });
});
