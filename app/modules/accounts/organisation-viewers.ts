// The form that adds an organisation's viewer account (查看账号), shared by server and browser.
// Messages are translation keys.
import { z } from "zod";
import { normalizeMobile } from "./identifiers.ts";

/** The organisation roles whose cohorts a viewer sees: the teaching partner (a university) reports nothing upward. */
export const viewerReachRoles = ["organiser", "co_organiser"] as const;

export const ViewerCreateSchema = z.object({
  name: z
    .string({ required_error: "viewers.errors.nameRequired" })
    .trim()
    .min(1, "viewers.errors.nameRequired")
    .max(50, "viewers.errors.nameTooLong"),
  mobile: z
    .string({ required_error: "viewers.errors.mobileInvalid" })
    .max(30, "viewers.errors.mobileInvalid")
    .transform((value, ctx) => {
      const mobile = normalizeMobile(value);
      if (!mobile) {
        ctx.addIssue({ code: "custom", message: "viewers.errors.mobileInvalid" });
        return z.NEVER;
      }
      return mobile;
    }),
});

export type ViewerCreateInput = z.output<typeof ViewerCreateSchema>;
