// The rules a session's input must meet, and what it names looked up: module
// of the cohort, date and times in the academy's zone, venue, lecturers.
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { sessionKinds, type SessionKind } from "~/modules/academy/tracks.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { messageWithValues } from "~/utils/messages.ts";
import { isCalendarDate, zonedInstant } from "~/utils/time.ts";
import { MAX_LECTURERS, MAX_SESSION_HOURS, NOTES_MAX, REASON_MAX, timePattern } from "./sessions.ts";

/** What staff enter for a session; date and times are wall-clock times in the academy's zone. */
export type SessionInput = {
  cohortId: string;
  moduleId: string;
  date: string;
  startTime: string;
  endTime: string;
  venueId: string | null;
  kind: string;
  lecturerIds: readonly string[];
  notes: string | null;
};

export type ScheduleWarning = { kind: "outside_cohort_dates"; startDate: string; endDate: string };

export type Resolved = {
  moduleId: string;
  moduleTitle: string;
  startsAt: Date;
  endsAt: Date;
  venue: { id: string; name: string } | null;
  lecturers: { id: string; name: string }[];
  kind: SessionKind;
  notes: string | null;
  warnings: ScheduleWarning[];
};

/** Checks the input against the rules and looks up what it names; throws a DomainError naming the field. */
export async function resolveInput(input: SessionInput): Promise<Resolved> {
  const module = await db.module.findFirst({
    where: { id: input.moduleId, cohortId: input.cohortId },
    select: { id: true, title: true, cohort: { select: { startDate: true, endDate: true } } },
  });
  if (!module) throw new DomainError("schedule.errors.moduleNotInCohort", "moduleId");
  if (!isCalendarDate(input.date)) throw new DomainError("schedule.errors.dateFormat", "date");
  if (!timePattern.test(input.startTime)) throw new DomainError("schedule.errors.timeFormat", "startTime");
  if (!timePattern.test(input.endTime)) throw new DomainError("schedule.errors.timeFormat", "endTime");
  const { timeZone } = await getAcademySettings();
  const startsAt = zonedInstant(input.date, input.startTime, timeZone);
  const endsAt = zonedInstant(input.date, input.endTime, timeZone);
  if (endsAt <= startsAt) throw new DomainError("schedule.errors.endBeforeStart", "endTime");
  if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_HOURS * 3_600_000) {
    throw new DomainError(messageWithValues("schedule.errors.tooLong", { hours: MAX_SESSION_HOURS }), "endTime");
  }
  if (!sessionKinds.includes(input.kind as SessionKind)) throw new DomainError("schedule.errors.kindRequired", "kind");
  const notes = input.notes?.trim() || null;
  if (notes && notes.length > NOTES_MAX) throw new DomainError("schedule.errors.notesTooLong", "notes");

  let venue: Resolved["venue"] = null;
  if (input.venueId) {
    venue = await db.venue.findUnique({ where: { id: input.venueId }, select: { id: true, name: true } });
    if (!venue) throw new DomainError("schedule.errors.venueNotFound", "venueId");
  }
  const lecturerIds = [...new Set(input.lecturerIds)];
  if (lecturerIds.length > MAX_LECTURERS) throw new DomainError("schedule.errors.tooManyLecturers", "lecturerIds");
  const lecturers = lecturerIds.length
    ? await db.lecturer.findMany({
        where: { id: { in: lecturerIds } },
        orderBy: { name: "asc" },
        select: { id: true, name: true },
      })
    : [];
  if (lecturers.length !== lecturerIds.length) throw new DomainError("schedule.errors.lecturerNotFound", "lecturerIds");

  const { startDate, endDate } = module.cohort;
  const warnings: ScheduleWarning[] =
    input.date < startDate || input.date > endDate ? [{ kind: "outside_cohort_dates", startDate, endDate }] : [];
  return {
    moduleId: module.id,
    moduleTitle: module.title,
    startsAt,
    endsAt,
    venue,
    lecturers,
    kind: input.kind as SessionKind,
    notes,
    warnings,
  };
}

export function checkedReason(reason: string | null | undefined, required: boolean): string | null {
  const text = reason?.trim() || null;
  if (required && !text) throw new DomainError("schedule.errors.reasonRequired", "reason");
  if (text && text.length > REASON_MAX) throw new DomainError("schedule.errors.reasonTooLong", "reason");
  return text;
}
