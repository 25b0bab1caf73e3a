import { expect, test } from "vitest";
import { CohortFormSchema } from "./cohort-form.ts";

test("a cohort's dates must be real days: 30 February is refused under the field", () => {
  const result = CohortFormSchema.safeParse({ title: "测试班", code: "T-01", startDate: "2026-02-30", endDate: "2026-03-05", capacity: "50" });
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toContainEqual(["startDate", "cohort.errors.dateFormat"]);
  expect(CohortFormSchema.safeParse({ title: "测试班", code: "T-01", startDate: "2026-02-28", endDate: "2026-03-05", capacity: "50" }).success).toBe(true);
});
