// Lecturer profiles: the form and the page's actions, shared by server and browser.
import { z } from "zod";
import { optionalText } from "~/utils/form-fields.ts";
import type { SessionKind, TrackKey } from "~/modules/academy/tracks.ts";

export const lecturerKinds = ["internal", "guest"] as const;
export type LecturerKind = (typeof lecturerKinds)[number];

const lecturerFields = {
  name: z
    .string({ required_error: "faculty.errors.nameRequired" })
    .trim()
    .min(1, "faculty.errors.nameRequired")
    .max(60, "faculty.errors.nameTooLong"),
  title: optionalText(100, "faculty.errors.textTooLong"),
  organisation: optionalText(100, "faculty.errors.textTooLong"),
  region: optionalText(100, "faculty.errors.textTooLong"),
  bio: optionalText(1000, "faculty.errors.bioTooLong"),
  kind: z.enum(lecturerKinds, { errorMap: () => ({ message: "faculty.errors.kindRequired" }) }),
};

export const LecturerFormSchema = z.object(lecturerFields);
export type LecturerInput = z.output<typeof LecturerFormSchema>;

export const LecturerActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("profile"), ...lecturerFields }),
  z.object({ intent: z.literal("photo"), photo: z.instanceof(File, { message: "faculty.errors.photoRequired" }) }),
  z.object({ intent: z.literal("removePhoto") }),
  z.object({
    intent: z.literal("link"),
    personId: z
      .string({ required_error: "faculty.errors.accountRequired" })
      .min(1, "faculty.errors.accountRequired")
      .max(64),
  }),
  z.object({ intent: z.literal("unlink") }),
]);

/** A session a lecturer teaches, formatted in the academy's time zone. */
export type TaughtSession = {
  id: string;
  cohortId: string;
  cohortTitle: string;
  moduleTitle: string;
  track: TrackKey;
  kind: SessionKind;
  date: string;
  day: string;
  time: string;
  venueName: string | null;
  cancelled: boolean;
};

export type TeachingDay = { date: string; day: string; sessions: TaughtSession[] };
