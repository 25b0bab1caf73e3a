// The cohort form (create and edit), shared by server and browser.
import { z } from "zod";
import { isCalendarDate } from "~/utils/time.ts";

const date = (required: string) =>
  z
    .string({ required_error: required })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "cohort.errors.dateFormat")
    .refine(isCalendarDate, "cohort.errors.dateFormat");

/** An optional number left empty means "no such requirement". */
const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v);

export const CohortFormSchema = z
  .object({
    title: z.string({ required_error: "cohort.errors.titleRequired" }).trim().min(1, "cohort.errors.titleRequired").max(100, "cohort.errors.titleTooLong"),
    code: z
      .string({ required_error: "cohort.errors.codeRequired" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,30}$/, "cohort.errors.codeFormat"),
    description: z.string().trim().max(2000, "cohort.errors.descriptionTooLong").optional().transform((v) => v || null),
    startDate: date("cohort.errors.startRequired"),
    endDate: date("cohort.errors.endRequired"),
    capacity: z.coerce
      .number({ required_error: "cohort.errors.capacityRequired", invalid_type_error: "cohort.errors.capacityRange" })
      .int("cohort.errors.capacityRange")
      .min(1, "cohort.errors.capacityRange")
      .max(5000, "cohort.errors.capacityRange"),
    venueId: z.string().max(64).optional().transform((v) => v || null),
    organiserId: z.string().max(64).optional().transform((v) => v || null),
    coOrganiserIds: z.array(z.string().max(64)).max(10).default([]),
    partnerId: z.string().max(64).optional().transform((v) => v || null),
    certMinAttendancePercent: z.coerce.number({ invalid_type_error: "cohort.errors.percentRange" }).int("cohort.errors.percentRange").min(0, "cohort.errors.percentRange").max(100, "cohort.errors.percentRange").default(80),
    certRequireEveryTrack: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
    certMinTrackPercent: z.preprocess(
      blankToNull,
      z.coerce.number({ invalid_type_error: "cohort.errors.trackPercentRange" }).int("cohort.errors.trackPercentRange").min(0, "cohort.errors.trackPercentRange").max(100, "cohort.errors.trackPercentRange").nullable(),
    ),
    certMinCreditHours: z.preprocess(
      blankToNull,
      z.coerce.number({ invalid_type_error: "cohort.errors.hoursRange" }).min(0, "cohort.errors.hoursRange").max(2000, "cohort.errors.hoursRange").refine((h) => Number.isInteger(h * 2), "cohort.errors.hoursRange").nullable(),
    ),
    /** "out": sessions with approved leave leave the denominator of the rate; "in": they count as absent. */
    excusedLeaveDenominator: z
      .enum(["out", "in"], { errorMap: () => ({ message: "cohort.errors.excusedLeaveChoice" }) })
      .default("out")
      .transform((v) => v === "out"),
    lateAfterMinutes: z.coerce.number({ invalid_type_error: "cohort.errors.lateRange" }).int("cohort.errors.lateRange").min(0, "cohort.errors.lateRange").max(240, "cohort.errors.lateRange").default(15),
  })
  .superRefine((value, ctx) => {
    if (value.endDate < value.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "cohort.errors.endBeforeStart" });
  });

export type CohortFormInput = z.output<typeof CohortFormSchema>;

export const CohortStatusSchema = z.object({
  intent: z.literal("status"),
  to: z.enum(["draft", "enrolling", "running", "completed", "archived"]),
  reason: z.string().trim().max(500, "cohort.errors.reasonTooLong").optional().transform((v) => v || null),
});
