// Form schemas shared by server and browser. Messages are translation keys.
import { z } from "zod";

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
