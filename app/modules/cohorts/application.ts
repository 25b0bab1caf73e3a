// The public application form of an enrolling cohort.
import { z } from "zod";
import { checkPasswordLength, passwordRefinement } from "~/modules/accounts/password-policy.ts";
import { traineeProfileFields } from "~/modules/people/profile.ts";

/** Someone new: their details and the password they will sign in with to follow the application. */
export const ApplicationSchema = z
  .object({
    ...traineeProfileFields,
    password: z.string({ required_error: "password.errors.tooShort" }).superRefine(passwordRefinement(checkPasswordLength)),
    confirm: z.string({ required_error: "password.errors.mismatch" }),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "password.errors.mismatch" });
  });

export type ApplicationInput = z.output<typeof ApplicationSchema>;
