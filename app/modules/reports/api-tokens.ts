// Reports API tokens: the form that makes one and the token's shape, shared by server and browser.
import { z } from "zod";

/** Tokens are "acr_" and 43 base64url characters (256 random bits), so a leaked one is recognisable in logs. */
export const REPORT_TOKEN_PREFIX = "acr_";
export const reportTokenPattern = /^acr_[A-Za-z0-9_-]{43}$/;

export const ReportTokenCreateSchema = z.object({
  name: z
    .string({ required_error: "reportTokens.errors.nameRequired" })
    .trim()
    .min(1, "reportTokens.errors.nameRequired")
    .max(60, "reportTokens.errors.nameTooLong"),
  organisationId: z
    .string()
    .max(64)
    .optional()
    .transform((value) => value || null),
});

export type ReportTokenCreateInput = z.output<typeof ReportTokenCreateSchema>;
