// Form schemas shared by server and browser. Messages are translation keys.
import { z } from "zod";
import { checkPasswordLength, passwordRefinement } from "./password-policy.ts";

export const LoginSchema = z.object({
  identifier: z
    .string({ required_error: "login.errors.identifierRequired" })
    .trim()
    .min(1, "login.errors.identifierRequired")
    .max(254, "login.errors.identifierTooLong"),
  password: z
    .string({ required_error: "login.errors.passwordRequired" })
    .min(1, "login.errors.passwordRequired")
    .max(1024, "login.errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});

/** A new password typed twice. Only lengths are checked here; the server also checks the common list. */
const newPasswordFields = {
  password: z
    .string({ required_error: "password.errors.tooShort" })
    .superRefine(passwordRefinement(checkPasswordLength)),
  confirm: z.string({ required_error: "password.errors.mismatch" }),
};

const samePasswords = (value: { password: string; confirm: string }, ctx: z.RefinementCtx) => {
  if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "password.errors.mismatch" });
};

export const ActivateWithLinkSchema = z.object(newPasswordFields).superRefine(samePasswords);

export const ActivateWithCodeSchema = z
  .object({
    identifier: z
      .string({ required_error: "activate.errors.identifierRequired" })
      .trim()
      .min(1, "activate.errors.identifierRequired")
      .max(254, "login.errors.identifierTooLong"),
    code: z
      .string({ required_error: "activate.errors.codeRequired" })
      .transform((value) => value.replace(/[\s-]/g, ""))
      .pipe(z.string().regex(/^\d{8}$/, "activate.errors.codeFormat")),
    ...newPasswordFields,
  })
  .superRefine(samePasswords);

export const ChangePasswordSchema = z
  .object({
    current: z.string({ required_error: "account.errors.currentRequired" }).min(1, "account.errors.currentRequired").max(1024),
    ...newPasswordFields,
  })
  .superRefine(samePasswords);
