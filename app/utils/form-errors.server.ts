import type { SubmissionResult } from "@conform-to/react";
import { DomainError } from "./domain-error.ts";

type Replyable = { reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }) => SubmissionResult<string[]> };

/** Turns a broken rule into the form's error (under its field when it has one); anything else is rethrown. */
export function replyWithDomainError(submission: Replyable, error: unknown, hideFields?: string[]) {
  if (!(error instanceof DomainError)) throw error;
  return error.field
    ? submission.reply({ fieldErrors: { [error.field]: [error.messageKey] }, hideFields })
    : submission.reply({ formErrors: [error.messageKey], hideFields });
}
