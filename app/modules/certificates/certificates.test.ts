import { describe, expect, test } from "vitest";
import { evaluateRule, ruleStanding, sessionsNeeded, type CertificateRule, type SessionForRule } from "./certificates.ts";

const rule: CertificateRule = { minAttendancePercent: 80, requireEveryTrack: true, minTrackPercent: null, minCreditHours: null };
const tracks = ["policy", "technology", "management"] as const;

function sessions(track: SessionForRule["trackKey"], statuses: (SessionForRule["status"] | "upcoming")[]): SessionForRule[] {
  return statuses.map((status) =>
    status === "upcoming"
      ? { trackKey: track, moduleId: `m-${track}`, phase: "upcoming", status: null }
      : { trackKey: track, moduleId: `m-${track}`, phase: "held", status },
  );
}

const standing = (list: SessionForRule[], excusedLeaveDenominator = true, hours = 1) =>
  ruleStanding(list, {
    excusedLeaveDenominator,
    trackKeys: tracks,
    hoursPerSession: new Map(tracks.map((t) => [`m-${t}`, hours])),
  });

describe("the certificate rule", () => {
  test("exactly at the threshold passes; one session below does not", () => {
    // 8 of 10 = 80 %.
    const at = [...sessions("policy", ["present", "present", "present", "late", "absent"]), ...sessions("technology", ["present", "present", "present", "present", "absent"])];
    expect(evaluateRule(rule, standing(at))).toMatchObject({ eligible: true, shortfalls: [] });
    // One more absence: 8 of 11 = 72.7 %, and nothing is left to make it up.
    const result = evaluateRule(rule, standing([...at, ...sessions("technology", ["absent"])]));
    expect(result.eligible).toBe(false);
    expect(result.shortfalls).toEqual([{ kind: "overall", percent: 80, rate: 8 / 11, needSessions: null }]);
  });

  test("excused sessions leave the denominator or count as missed, by the cohort's choice", () => {
    const list = [...sessions("policy", ["present", "present", "present", "present", "excused"]), ...sessions("technology", ["present", "present", "present", "excused", "absent"])];
    // Excused out: 7 of 8 = 87.5 %. Excused in: 7 of 10 = 70 %.
    expect(evaluateRule(rule, standing(list, true)).eligible).toBe(true);
    const counted = evaluateRule(rule, standing(list, false));
    expect(counted.eligible).toBe(false);
    expect(counted.shortfalls).toEqual([{ kind: "overall", percent: 80, rate: 0.7, needSessions: null }]);
    expect(counted.nearly).toBe(true);
  });

  test("a track with no sessions does not block every track; a track with sessions never attended does", () => {
    const list = [...sessions("policy", ["present", "present"]), ...sessions("technology", ["present", "present"])];
    expect(evaluateRule(rule, standing(list)).eligible).toBe(true);
    const unattended = [...list, ...sessions("management", ["absent"])];
    // 4 of 5 = 80 % overall, yet management was never attended.
    expect(evaluateRule(rule, standing(unattended)).shortfalls).toEqual([{ kind: "trackUnattended", trackKey: "management", needSessions: null }]);
    expect(evaluateRule({ ...rule, requireEveryTrack: false }, standing(unattended)).eligible).toBe(true);
  });

  test("what is still needed: sessions to come in the track, and credit hours", () => {
    const list = [
      ...sessions("policy", ["present", "present", "present", "present", "present", "present", "present", "present"]),
      ...sessions("management", ["present", "absent", "absent", "upcoming", "upcoming", "upcoming"]),
    ];
    const result = evaluateRule({ ...rule, minTrackPercent: 60, minCreditHours: 12 }, standing(list));
    // Overall 9 of 11 passes; management 1 of 3, and 60 % needs 3 of 5 → two more. Hours: 9 attended, 3 to come.
    expect(result.shortfalls).toEqual([
      { kind: "track", trackKey: "management", percent: 60, rate: 1 / 3, needSessions: 2 },
      { kind: "hours", minHours: 12, hours: 9, needHours: 3, reachable: true },
    ]);
    expect(result.nearly).toBe(true);
  });

  test("sessions needed is the fewest that reach the percentage, or null when too few are left", () => {
    expect(sessionsNeeded({ attended: 7, counted: 10, upcoming: 5 }, 80)).toBe(5);
    expect(sessionsNeeded({ attended: 7, counted: 10, upcoming: 4 }, 80)).toBeNull();
    expect(sessionsNeeded({ attended: 8, counted: 10, upcoming: 0 }, 80)).toBe(0);
    expect(sessionsNeeded({ attended: 9, counted: 10, upcoming: 9 }, 100)).toBeNull();
  });

  test("nothing held yet is not eligible", () => {
    expect(evaluateRule(rule, standing(sessions("policy", ["upcoming"]))).eligible).toBe(false);
  });
});
