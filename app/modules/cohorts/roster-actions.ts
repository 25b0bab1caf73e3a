// What staff do to one row of a cohort's roster, told apart by `intent`.
import { z } from "zod";

const id = z.string().min(1).max(64);
const reason = z.string().trim().max(500, "enrollment.errors.reasonTooLong");

export const RosterActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), enrollmentId: id }),
  z.object({ intent: z.literal("waitlist"), enrollmentId: id }),
  z.object({ intent: z.literal("decline"), enrollmentId: id, reason: reason.min(1, "enrollment.errors.reasonRequired") }),
  z.object({ intent: z.literal("withdraw"), enrollmentId: id, reason: reason.min(1, "enrollment.errors.reasonRequired") }),
  z.object({
    intent: z.literal("attendance-from"),
    enrollmentId: id,
    mode: z.enum(["start", "date"], { errorMap: () => ({ message: "enrollment.errors.attendanceFromDate" }) }),
    /** YYYY-MM-DD in the academy's time zone, when mode is "date"; checked where the zone is known. */
    date: z.string().max(10).optional(),
    reason: reason.min(1, "enrollment.errors.reasonRequired"),
  }),
  z.object({ intent: z.literal("move"), enrollmentId: id, toCohortId: z.string({ required_error: "enrollment.errors.targetRequired" }).min(1, "enrollment.errors.targetRequired").max(64) }),
]);
