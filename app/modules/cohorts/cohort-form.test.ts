import { expect, test } from "vitest";
import { CohortFormSchema } from "./cohort-form.ts";

test("a cohort's dates must be real days: 30 February is refused under the field", () => {
  const result = CohortFormSchema.safeParse({ title: "测试班", code: "T-01", startDate: "2026-02-30", endDate: "2026-03-05", capacity: "50" });
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toContainEqual(["startDate", "cohort.errors.dateFormat"]);
  expect(CohortFormSchema.safeParse({ title: "测试班", code: "T-01", startDate: "2026-02-28", endDate: "2026-03-05", capacity: "50" }).success).toBe(true);
});

test("the certificate rule's per-track percentage and credit hours are optional: empty means no requirement", () => {
  const base = { title: "测试班", code: "T-01", startDate: "2026-03-01", endDate: "2026-03-05", capacity: "50" };
  expect(CohortFormSchema.parse({ ...base, certMinTrackPercent: "", certMinCreditHours: "" })).toMatchObject({ certMinTrackPercent: null, certMinCreditHours: null });
  expect(CohortFormSchema.parse(base)).toMatchObject({ certMinTrackPercent: null, certMinCreditHours: null });
  expect(CohortFormSchema.parse({ ...base, certMinTrackPercent: "60", certMinCreditHours: "24.5" })).toMatchObject({ certMinTrackPercent: 60, certMinCreditHours: 24.5 });
  const bad = CohortFormSchema.safeParse({ ...base, certMinTrackPercent: "120", certMinCreditHours: "3.3" });
  expect(bad.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
    ["certMinTrackPercent", "cohort.errors.trackPercentRange"],
    ["certMinCreditHours", "cohort.errors.hoursRange"],
  ]);
});

test("staff choose whether sessions with approved leave leave the rate's denominator; anything else is refused under the field", () => {
  const base = { title: "测试班", code: "T-01", startDate: "2026-03-01", endDate: "2026-03-05", capacity: "50" };
  expect(CohortFormSchema.parse({ ...base, excusedLeaveDenominator: "out" })).toMatchObject({ excusedLeaveDenominator: true });
  expect(CohortFormSchema.parse({ ...base, excusedLeaveDenominator: "in" })).toMatchObject({ excusedLeaveDenominator: false });
  // A new cohort's default, as the database's.
  expect(CohortFormSchema.parse(base)).toMatchObject({ excusedLeaveDenominator: true });
  const bad = CohortFormSchema.safeParse({ ...base, excusedLeaveDenominator: "sometimes" });
  expect(bad.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["excusedLeaveDenominator", "cohort.errors.excusedLeaveChoice"]]);
});
