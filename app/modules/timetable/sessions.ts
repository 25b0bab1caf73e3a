// Scheduling a session (课次): the form, the shapes of clashes and of the
// history trainees and staff read. Shared by server and browser.
import { z } from "zod";
import { isCalendarDate } from "~/utils/time.ts";
import { optionalText } from "~/utils/form-fields.ts";
import { sessionKinds, type SessionKind, type TrackKey } from "~/modules/academy/tracks.ts";

export const sessionChangeKinds = ["created", "rescheduled", "moved", "cancelled", "restored", "updated"] as const;
export type SessionChangeKind = (typeof sessionChangeKinds)[number];
export type SessionStatus = "scheduled" | "cancelled";
export type ClashKind = "venue" | "lecturer" | "cohort";

/** Notes for trainees: what to bring, where to meet the coach. */
export const NOTES_MAX = 1000;
export const REASON_MAX = 500;
/** A whole-day site visit fits; anything longer is a typing mistake. */
export const MAX_SESSION_HOURS = 14;
export const MAX_LECTURERS = 20;

export const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Time inputs may send seconds ("09:00:00"); the schedule works in minutes. */
const time = (required: string) =>
  z
    .string({ required_error: required })
    .trim()
    .transform((value) => (/^\d{2}:\d{2}:\d{2}$/.test(value) ? value.slice(0, 5) : value))
    .pipe(z.string().regex(timePattern, "schedule.errors.timeFormat"));

const sessionFields = {
  moduleId: z
    .string({ required_error: "schedule.errors.moduleRequired" })
    .min(1, "schedule.errors.moduleRequired")
    .max(64),
  date: z
    .string({ required_error: "schedule.errors.dateRequired" })
    .trim()
    .refine(isCalendarDate, "schedule.errors.dateFormat"),
  startTime: time("schedule.errors.startRequired"),
  endTime: time("schedule.errors.endRequired"),
  kind: z.enum(sessionKinds, { errorMap: () => ({ message: "schedule.errors.kindRequired" }) }),
  venueId: z
    .string()
    .max(64)
    .optional()
    .transform((value) => value || null),
  lecturerIds: z.array(z.string().max(64)).max(MAX_LECTURERS, "schedule.errors.tooManyLecturers").default([]),
  notes: optionalText(NOTES_MAX, "schedule.errors.notesTooLong"),
  /** The fingerprint of the values whose clashes staff saw and accepted (see clashFingerprint). */
  confirmClashes: z.string().max(4000).optional(),
};

const endAfterStart = (value: { startTime: string; endTime: string }, ctx: z.RefinementCtx) => {
  if (value.endTime <= value.startTime)
    ctx.addIssue({ code: "custom", path: ["endTime"], message: "schedule.errors.endBeforeStart" });
};

export const SessionFormSchema = z.object(sessionFields).superRefine(endAfterStart);

const requiredReason = z
  .string({ required_error: "schedule.errors.reasonRequired" })
  .trim()
  .min(1, "schedule.errors.reasonRequired")
  .max(REASON_MAX, "schedule.errors.reasonTooLong");

/** What staff do on a session's page, told apart by `intent`. */
export const SessionActionSchema = z
  .discriminatedUnion("intent", [
    z.object({
      intent: z.literal("update"),
      ...sessionFields,
      reason: optionalText(REASON_MAX, "schedule.errors.reasonTooLong"),
    }),
    z.object({ intent: z.literal("cancel"), reason: requiredReason }),
    z.object({ intent: z.literal("restore"), confirmClashes: z.string().max(4000).optional() }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent === "update") endAfterStart(value, ctx);
  });

/**
 * The values a clash warning was about. "Save anyway" sends it back, so a
 * confirmation only counts for the very time, venue and lecturers staff saw.
 */
export function clashFingerprint(values: {
  date: string;
  startTime: string;
  endTime: string;
  venueId: string | null;
  lecturerIds: readonly string[];
}): string {
  return [
    values.date,
    values.startTime,
    values.endTime,
    values.venueId ?? "",
    [...new Set(values.lecturerIds)].sort().join(","),
  ].join("|");
}

/** A clash as a page shows it: times already formatted in the academy's zone. */
export type ClashView = {
  kind: ClashKind;
  sessionId: string;
  sameCohort: boolean;
  cohortTitle: string;
  moduleTitle: string;
  day: string;
  time: string;
  venueName: string | null;
  lecturerNames: string[];
  lecturerName: string | null;
};

/** The date is outside the cohort's dates: allowed, but staff confirm it. */
export type DateWarningView = { cohortDates: string };

export type SessionHistoryField = "time" | "venue" | "kind" | "lecturers" | "notes" | "module";

/** One entry of a session's history, formatted for reading. `actorName` only on staff pages. */
export type SessionHistoryEntry = {
  id: string;
  kind: SessionChangeKind;
  at: string;
  actorName: string | null;
  reason: string | null;
  changes: { field: SessionHistoryField; before: string | null; after: string | null }[];
};

/** A session's page as a trainee or staff member reads it, formatted on the server. */
export type SessionPageData = {
  id: string;
  day: string;
  time: string;
  status: SessionStatus;
  kind: SessionKind;
  notes: string | null;
  venue: { name: string; address: string | null; kind: "room" | "offsite" } | null;
  lecturers: {
    id: string;
    name: string;
    title: string | null;
    organisation: string | null;
    region: string | null;
    bio: string | null;
    photoUrl: string | null;
  }[];
  module: { id: string; title: string; track: TrackKey; creditHours: number; description: string | null };
  materialCount: number;
  history: SessionHistoryEntry[];
};
