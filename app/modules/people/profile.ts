// A trainee's details as forms take them (application, edit): shared by server and browser.
import { z } from "zod";
import { normalizeEmail, normalizeMobile } from "~/modules/accounts/identifiers.ts";
import { validateCreditCode } from "./credit-code.ts";

const optional = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((value) => value || null);

const creditCodeMessages = {
  length: "profile.errors.creditCodeLength",
  characters: "profile.errors.creditCodeCharacters",
  check_digit: "profile.errors.creditCodeCheckDigit",
} as const;

export const traineeProfileFields = {
  name: z.string({ required_error: "people.errors.nameRequired" }).trim().min(1, "people.errors.nameRequired").max(50, "people.errors.nameTooLong"),
  mobile: z
    .string({ required_error: "people.errors.mobileRequired" })
    .transform((value, ctx) => {
      const mobile = normalizeMobile(value);
      if (!mobile) ctx.addIssue({ code: "custom", message: "people.errors.mobileInvalid" });
      return mobile ?? "";
    }),
  company: z.string({ required_error: "people.errors.companyRequired" }).trim().min(1, "people.errors.companyRequired").max(100, "people.errors.companyTooLong"),
  position: optional(50, "people.errors.positionTooLong"),
  industry: optional(50, "profile.errors.industryTooLong"),
  district: optional(50, "profile.errors.districtTooLong"),
  creditCode: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value?.trim()) return null;
      const result = validateCreditCode(value);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: creditCodeMessages[result.reason] });
        return null;
      }
      return result.value;
    }),
  email: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value?.trim()) return null;
      const email = normalizeEmail(value);
      if (!email) ctx.addIssue({ code: "custom", message: "people.errors.emailInvalid" });
      return email;
    }),
};

export const TraineeProfileSchema = z.object(traineeProfileFields);
export type TraineeProfileInput = z.output<typeof TraineeProfileSchema>;
