// The add-person form, shared by server and browser. Messages are translation keys.
import { z } from "zod";
import { normalizeEmail, normalizeMobile } from "~/modules/accounts/identifiers.ts";

export const assignableRoles = ["trainee", "instructor", "staff", "admin"] as const;
export type AssignableRole = (typeof assignableRoles)[number];

/** How a staff-side person is attached to a cohort. */
export const assignmentRoles = ["staff", "head_teacher", "instructor"] as const;
export type AssignmentRole = (typeof assignmentRoles)[number];

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((value) => value || undefined);

export const PersonCreateSchema = z
  .object({
    name: z
      .string({ required_error: "people.errors.nameRequired" })
      .trim()
      .min(1, "people.errors.nameRequired")
      .max(50, "people.errors.nameTooLong"),
    mobile: optionalText(30, "people.errors.mobileInvalid"),
    email: optionalText(254, "people.errors.emailInvalid"),
    role: z.enum(assignableRoles, { errorMap: () => ({ message: "people.errors.roleRequired" }) }),
    cohortId: optionalText(64, "people.errors.cohortRequired"),
    company: optionalText(100, "people.errors.companyTooLong"),
    position: optionalText(50, "people.errors.positionTooLong"),
    /** Into a cohort that has begun: count attendance from its start rather than from today (decision 0018). */
    countFromStart: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.mobile && !normalizeMobile(value.mobile)) {
      ctx.addIssue({ code: "custom", path: ["mobile"], message: "people.errors.mobileInvalid" });
    }
    if (value.email && !normalizeEmail(value.email)) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "people.errors.emailInvalid" });
    }
    // Trainees sign in with the mobile number they registered with.
    if (value.role === "trainee" && !value.mobile) {
      ctx.addIssue({ code: "custom", path: ["mobile"], message: "people.errors.mobileRequired" });
    }
    if (value.role !== "trainee" && !value.mobile && !value.email) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "people.errors.contactRequired" });
    }
    if (value.role === "trainee" && !value.company) {
      ctx.addIssue({ code: "custom", path: ["company"], message: "people.errors.companyRequired" });
    }
  })
  .transform((value) => ({
    ...value,
    mobile: value.mobile ? normalizeMobile(value.mobile)! : undefined,
    email: value.email ? normalizeEmail(value.email)! : undefined,
  }));

export type PersonCreateInput = z.output<typeof PersonCreateSchema>;
