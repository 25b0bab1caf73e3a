// The module form and the copy form, shared by server and browser.
import { z } from "zod";
import { trackKeys } from "~/modules/academy/tracks.ts";

export const ModuleFormSchema = z.object({
  title: z.string({ required_error: "programme.errors.titleRequired" }).trim().min(1, "programme.errors.titleRequired").max(80, "programme.errors.titleTooLong"),
  track: z.enum(trackKeys, { errorMap: () => ({ message: "programme.errors.trackRequired" }) }),
  creditHours: z.coerce
    .number({ required_error: "programme.errors.hoursRequired", invalid_type_error: "programme.errors.hoursRange" })
    .min(0.5, "programme.errors.hoursRange")
    .max(200, "programme.errors.hoursRange")
    .refine((hours) => Number.isInteger(hours * 2), "programme.errors.hoursHalf"),
  description: z.string().trim().max(2000, "programme.errors.descriptionTooLong").optional().transform((v) => v || null),
  lecturerIds: z.array(z.string().max(64)).max(20, "programme.errors.tooManyLecturers").default([]),
});
export type ModuleFormInput = z.output<typeof ModuleFormSchema>;

export const ModuleActionSchema = z.discriminatedUnion("intent", [
  ModuleFormSchema.extend({ intent: z.literal("save") }),
  z.object({ intent: z.literal("delete") }),
]);

export const CopyModulesSchema = z.object({
  intent: z.literal("copy"),
  moduleIds: z.array(z.string().max(64), { required_error: "programme.errors.chooseModules" }).min(1, "programme.errors.chooseModules").max(200),
});
