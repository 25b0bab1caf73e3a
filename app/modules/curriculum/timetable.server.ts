import { db, type Prisma } from "~/utils/db.server.ts";
import { addDays, localDate, zonedDayRange } from "~/utils/time.ts";
import type { SessionKind, TrackKey } from "./curriculum.ts";

const timetableSessionSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  kind: true,
  status: true,
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
    notes: row.notes,
    moduleTitle: row.module.title,
    track: row.module.track.key as TrackKey,
    venueName: row.venue?.name ?? null,
    venueAddress: row.venue?.address ?? null,
    lecturers: row.lecturers.map(({ lecturer }) => lecturer),
  };
}

/** Sessions of the cohorts in which the person holds a seat. */
const sessionsOfPerson = (personId: string): Prisma.SessionWhereInput => ({
  module: { cohort: { enrollments: { some: { personId, status: { in: ["enrolled", "completed"] } } } } },
});

/**
 * The trainee's "today" and the days ahead: today's sessions (including those
 * already over, so the day reads whole) and the next sessions after today.
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
    where: { ...sessionsOfPerson(input.personId), startsAt: { gte: today.start, lt: horizon } },
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
