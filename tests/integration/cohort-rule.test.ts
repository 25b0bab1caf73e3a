// The cohort's certificate rule as staff set it on the cohort form: every field
// is saved, and the certificates' evaluation and the attendance rate follow it.
import { expect, test } from "vitest";
import { updateCohort } from "~/modules/cohorts/cohort-admin.server.ts";
import { CohortFormSchema } from "~/modules/cohorts/cohort-form.ts";
import { cohortProgress } from "~/modules/certificates/progress.server.ts";
import { db } from "~/utils/db.server.ts";
import { createCohort } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";

test("every field of the rule is saved from the form, and the rule the certificates are judged by is the saved one", async () => {
  const cohort = await createCohort();
  const actor = await createPerson({ roles: ["admin"] });
  const form = {
    title: cohort.title,
    code: cohort.code,
    startDate: "2025-03-01",
    endDate: "2025-04-30",
    capacity: "50",
    certMinAttendancePercent: "75",
    certMinTrackPercent: "60",
    certMinCreditHours: "20.5",
    excusedLeaveDenominator: "in",
  };
  await updateCohort(cohort.id, CohortFormSchema.parse(form), actor.id, new Date());
  const saved = await db.cohort.findUniqueOrThrow({
    where: { id: cohort.id },
    select: { certMinAttendancePercent: true, certRequireEveryTrack: true, certMinTrackPercent: true, certMinCreditHours: true, excusedLeaveDenominator: true },
  });
  expect(saved).toEqual({ certMinAttendancePercent: 75, certRequireEveryTrack: false, certMinTrackPercent: 60, certMinCreditHours: 20.5, excusedLeaveDenominator: false });
  const progress = await cohortProgress(cohort.id, new Date());
  expect(progress).toMatchObject({ rule: { minAttendancePercent: 75, requireEveryTrack: false, minTrackPercent: 60, minCreditHours: 20.5 }, excusedLeaveDenominator: false });

  await updateCohort(cohort.id, CohortFormSchema.parse({ ...form, certRequireEveryTrack: "on", certMinTrackPercent: "", certMinCreditHours: "", excusedLeaveDenominator: "out" }), actor.id, new Date());
  expect((await cohortProgress(cohort.id, new Date())).rule).toEqual({ minAttendancePercent: 75, requireEveryTrack: true, minTrackPercent: null, minCreditHours: null });
  expect((await db.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: { excusedLeaveDenominator: true } })).excusedLeaveDenominator).toBe(true);
});
