import { db, type Prisma } from "~/utils/db.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { sessionState } from "./session-state.ts";
import { seatHoldingStatuses } from "~/modules/cohorts/cohorts.ts";
import { addDays, formatDay, formatShortDate, formatTimeRange, isCalendarDate, localDate, zonedDayRange } from "~/utils/time.ts";
import type { SessionKind, TrackKey } from "~/modules/academy/tracks.ts";
import type { SessionCardData } from "./session-card.tsx";
import type { WeekData } from "./week-view.tsx";

const timetableSessionSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  kind: true,
  status: true,
  sequence: true,
  notes: true,
  venue: { select: { name: true, address: true } },
  module: { select: { title: true, cohortId: true, track: { select: { key: true } } } },
  lecturers: { select: { lecturer: { select: { name: true, title: true } } } },
} satisfies Prisma.SessionSelect;

type SessionRow = Prisma.SessionGetPayload<{ select: typeof timetableSessionSelect }>;

export type TimetableSession = {
  id: string;
  cohortId: string;
  startsAt: Date;
  endsAt: Date;
  kind: SessionKind;
  cancelled: boolean;
  /** Moved, re-timed or otherwise changed since it was first published. */
  changed: boolean;
  notes: string | null;
  moduleTitle: string;
  track: TrackKey;
  venueName: string | null;
  venueAddress: string | null;
  lecturers: { name: string; title: string | null }[];
};

function toTimetableSession(row: SessionRow): TimetableSession {
  return {
    id: row.id,
    cohortId: row.module.cohortId,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    kind: row.kind as SessionKind,
    cancelled: row.status === "cancelled",
    changed: row.sequence > 0 && row.status !== "cancelled",
    notes: row.notes,
    moduleTitle: row.module.title,
    track: row.module.track.key as TrackKey,
    venueName: row.venue?.name ?? null,
    venueAddress: row.venue?.address ?? null,
    lecturers: row.lecturers.map(({ lecturer }) => lecturer),
  };
}

/** Sessions of the cohorts in which the person holds a seat. */
export const sessionsOfPerson = (personId: string): Prisma.SessionWhereInput => ({
  module: { cohort: { enrollments: { some: { personId, status: { in: [...seatHoldingStatuses] } } } } },
});

/**
 * The trainee's "today" and the days ahead: today's sessions (including those
 * already over, so the day reads whole, and one still running from the day
 * before) and the next sessions after today.
 */
export async function getUpcomingSessions(input: {
  personId: string;
  now: Date;
  timeZone: string;
  days?: number;
}): Promise<{ today: TimetableSession[]; upcoming: TimetableSession[] }> {
  const todayDate = localDate(input.now, input.timeZone);
  const today = zonedDayRange(todayDate, input.timeZone);
  const horizon = zonedDayRange(addDays(todayDate, input.days ?? 14), input.timeZone).end;
  const rows = await db.session.findMany({
    // A session that began yesterday and runs past midnight (an evening exchange) is part of today too.
    where: {
      ...sessionsOfPerson(input.personId),
      OR: [{ startsAt: { gte: today.start, lt: horizon } }, { startsAt: { lt: today.start }, endsAt: { gt: today.start } }],
    },
    orderBy: { startsAt: "asc" },
    select: timetableSessionSelect,
    take: 60,
  });
  const sessions = rows.map(toTimetableSession);
  return {
    today: sessions.filter((s) => s.startsAt < today.end),
    upcoming: sessions.filter((s) => s.startsAt >= today.end),
  };
}

/** The Monday of the week holding `date` (weeks run Monday to Sunday, as timetables in China do). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

async function sessionsInWeek(where: Prisma.SessionWhereInput, weekStart: string, timeZone: string): Promise<TimetableSession[]> {
  const start = zonedDayRange(weekStart, timeZone).start;
  const end = zonedDayRange(addDays(weekStart, 7), timeZone).start;
  const rows = await db.session.findMany({
    where: { ...where, startsAt: { gte: start, lt: end } },
    orderBy: { startsAt: "asc" },
    select: timetableSessionSelect,
  });
  return rows.map(toTimetableSession);
}

export async function getCohortWeek(cohortId: string, weekStart: string, timeZone: string): Promise<TimetableSession[]> {
  return sessionsInWeek({ module: { cohortId } }, weekStart, timeZone);
}

export async function getPersonWeek(personId: string, weekStart: string, timeZone: string): Promise<TimetableSession[]> {
  return sessionsInWeek(sessionsOfPerson(personId), weekStart, timeZone);
}

/**
 * The week a cohort's timetable opens on: this week while the cohort is under
 * way, otherwise the week of its next session, or of its last one when all are past.
 */
export async function defaultCohortWeek(cohortId: string, now: Date, timeZone: string): Promise<string> {
  const thisWeek = mondayOf(localDate(now, timeZone));
  const weekEnd = zonedDayRange(addDays(thisWeek, 7), timeZone).start;
  const [next, last] = await Promise.all([
    db.session.findFirst({ where: { module: { cohortId }, startsAt: { gte: zonedDayRange(thisWeek, timeZone).start } }, orderBy: { startsAt: "asc" }, select: { startsAt: true } }),
    db.session.findFirst({ where: { module: { cohortId } }, orderBy: { startsAt: "desc" }, select: { startsAt: true } }),
  ]);
  if (next) return next.startsAt < weekEnd ? thisWeek : mondayOf(localDate(next.startsAt, timeZone));
  if (last) return mondayOf(localDate(last.startsAt, timeZone));
  return thisWeek;
}

/** A session as cards show it: times formatted in the academy's zone, on the server, and where it stands at `now`. */
export function toSessionCard(session: TimetableSession, timeZone: string, language: Language, now: Date): SessionCardData {
  return {
    id: session.id,
    day: formatDay(session.startsAt, timeZone, language),
    date: localDate(session.startsAt, timeZone),
    time: formatTimeRange(session.startsAt, session.endsAt, timeZone),
    title: session.moduleTitle,
    track: session.track,
    kind: session.kind,
    cancelled: session.cancelled,
    changed: session.changed,
    venueName: session.venueName,
    venueAddress: session.venueAddress,
    lecturers: session.lecturers,
    notes: session.notes,
    state: sessionState(session, now),
  };
}

/** A `?week=` value as a Monday, or null when it is not a date. */
export function parseWeek(value: string | null): string | null {
  return value && isCalendarDate(value) ? mondayOf(value) : null;
}

/** A week of sessions laid out by day, labels in the reader's language. */
export function weekData(weekStart: string, sessions: TimetableSession[], now: Date, timeZone: string, language: Language): WeekData {
  const today = localDate(now, timeZone);
  const cards = sessions.map((s) => toSessionCard(s, timeZone, language, now));
  const days = Array.from({ length: 7 }, (_, index) => {
    const date = addDays(weekStart, index);
    return { date, label: formatDay(zonedDayRange(date, timeZone).start, timeZone, language), isToday: date === today, sessions: cards.filter((c) => c.date === date) };
  });
  const sunday = addDays(weekStart, 6);
  return {
    weekStart,
    label: `${formatShortDate(weekStart, language)} – ${formatShortDate(sunday, language)}`,
    previous: addDays(weekStart, -7),
    next: addDays(weekStart, 7),
    thisWeek: mondayOf(today),
    days,
  };
}

/** Every session of a cohort in time order, cancelled ones included (they are shown struck through). */
export async function getCohortSessions(cohortId: string): Promise<TimetableSession[]> {
  const rows = await db.session.findMany({ where: { module: { cohortId } }, orderBy: { startsAt: "asc" }, select: timetableSessionSelect });
  return rows.map(toTimetableSession);
}
