// The attendance forms: roll call, the paper sheet, leave and its decision. Browser-safe; messages are translation keys.
import { z } from "zod";
import { optionalText } from "~/utils/form-fields.ts";
import { attendanceStatuses } from "./rules.ts";

export const REASON_MAX = 300;
export const LEAVE_TEXT_MAX = 300;
const id = z.string().min(1).max(64);
const ids = z.array(id).max(1000, "attendance.errors.tooMany").default([]);

/** Either one row's button (`one` = "enrollmentId:status") or the selected rows with one status. */
export const RollCallSchema = z
  .object({
    one: z
      .string()
      .max(100)
      .regex(/^[^:]+:(present|late|excused|absent)$/)
      .optional(),
    enrollmentId: ids,
    status: z.enum(attendanceStatuses).optional(),
    reason: optionalText(REASON_MAX, "attendance.errors.reasonTooLong"),
  })
  .superRefine((value, ctx) => {
    if (value.one) return;
    if (!value.status) ctx.addIssue({ code: "custom", path: ["status"], message: "attendance.errors.statusRequired" });
    if (value.enrollmentId.length === 0) ctx.addIssue({ code: "custom", path: [], message: "attendance.errors.noneSelected" });
  })
  .transform((value) => {
    if (value.one) {
      const [enrollmentId, status] = value.one.split(":") as [string, (typeof attendanceStatuses)[number]];
      return { enrollmentIds: [enrollmentId], status, reason: value.reason };
    }
    return { enrollmentIds: value.enrollmentId, status: value.status!, reason: value.reason };
  });

/** The sheet says who signed; the intent makes an empty sheet (everyone absent) a deliberate act. */
export const PaperSheetSchema = z.object({ intent: z.literal("enter-sheet"), present: ids });

export const LeaveRequestSchema = z.object({
  enrollmentId: id,
  reason: z
    .string({ required_error: "attendance.errors.leaveReasonRequired" })
    .trim()
    .min(1, "attendance.errors.leaveReasonRequired")
    .max(LEAVE_TEXT_MAX, "attendance.errors.leaveReasonTooLong"),
});

export const LeaveDecisionSchema = z.object({
  leaveId: id,
  decision: z.enum(["approved", "declined"], { errorMap: () => ({ message: "attendance.errors.decisionRequired" }) }),
  note: optionalText(LEAVE_TEXT_MAX, "attendance.errors.leaveNoteTooLong"),
});

export const LeaveWithdrawSchema = z.object({ leaveId: id });
