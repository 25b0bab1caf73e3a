// Sessions as their pages read them: the session with its module, venue,
// lecturers and history; the session form's options and values; and the
// formatting for pages (in the academy's zone, in the reader's language).
import type { SessionKind, TrackKey } from "~/modules/academy/tracks.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatDateRange, formatDay, formatTime, formatTimeRange, localDate } from "~/utils/time.ts";
import { parseSnapshot, presentHistory, type SessionChangeRecord } from "./session-history.server.ts";
import type { ScheduleWarning } from "./session-rules.server.ts";
import type { DateWarningView, SessionChangeKind, SessionPageData, SessionStatus } from "./sessions.ts";
import { sessionsOfPerson } from "./timetable.server.ts";

const sessionDetailSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  status: true,
  kind: true,
  notes: true,
  sequence: true,
  venue: { select: { id: true, name: true, address: true, kind: true } },
  lecturers: {
    orderBy: { lecturer: { name: "asc" } },
    select: {
      lecturer: {
        select: { id: true, name: true, title: true, organisation: true, region: true, bio: true, photoPath: true },
      },
    },
  },
  module: {
    select: {
      id: true,
      cohortId: true,
      title: true,
      description: true,
      creditHours: true,
      track: { select: { key: true } },
      _count: { select: { materials: true } },
    },
  },
  changes: {
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { id: true, kind: true, before: true, after: true, reason: true, actorId: true, at: true },
  },
} satisfies Prisma.SessionSelect;

type SessionDetailRow = Prisma.SessionGetPayload<{ select: typeof sessionDetailSelect }>;

export type SessionDetail = {
  id: string;
  cohortId: string;
  startsAt: Date;
  endsAt: Date;
  status: SessionStatus;
  kind: SessionKind;
  notes: string | null;
  sequence: number;
  venue: { id: string; name: string; address: string | null; kind: "room" | "offsite" } | null;
  lecturers: {
    id: string;
    name: string;
    title: string | null;
    organisation: string | null;
    region: string | null;
    bio: string | null;
    hasPhoto: boolean;
  }[];
  module: { id: string; title: string; track: TrackKey; creditHours: number; description: string | null };
  /** Pages that list the materials read them with listMaterialViews (materials.server.ts). */
  materialCount: number;
  /** Newest first. */
  history: SessionChangeRecord[];
};

function toDetail(row: SessionDetailRow, actorNames: Map<string, string> | null): SessionDetail {
  return {
    id: row.id,
    cohortId: row.module.cohortId,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    status: row.status === "cancelled" ? "cancelled" : "scheduled",
    kind: row.kind as SessionKind,
    notes: row.notes,
    sequence: row.sequence,
    venue: row.venue ? { ...row.venue, kind: row.venue.kind === "offsite" ? "offsite" : "room" } : null,
    lecturers: row.lecturers.map(({ lecturer: { photoPath, ...lecturer } }) => ({
      ...lecturer,
      hasPhoto: Boolean(photoPath),
    })),
    module: {
      id: row.module.id,
      title: row.module.title,
      track: row.module.track.key as TrackKey,
      creditHours: row.module.creditHours,
      description: row.module.description,
    },
    materialCount: row.module._count.materials,
    history: row.changes.map((change) => ({
      id: change.id,
      kind: change.kind as SessionChangeKind,
      at: change.at,
      before: parseSnapshot(change.before),
      after: parseSnapshot(change.after),
      reason: change.reason,
      ...(actorNames ? { actorName: change.actorId ? (actorNames.get(change.actorId) ?? null) : null } : {}),
    })),
  };
}

/** Whether the session belongs to the cohort (pages answer 404 otherwise). */
export async function sessionInCohort(cohortId: string, sessionId: string): Promise<boolean> {
  return Boolean(await db.session.findFirst({ where: { id: sessionId, module: { cohortId } }, select: { id: true } }));
}

/** A session of the cohort with everything its staff page shows, including who changed what; null when not in the cohort. */
export async function getSessionForStaff(cohortId: string, sessionId: string): Promise<SessionDetail | null> {
  const row = await db.session.findFirst({
    where: { id: sessionId, module: { cohortId } },
    select: sessionDetailSelect,
  });
  if (!row) return null;
  const actorIds = [...new Set(row.changes.flatMap((c) => (c.actorId ? [c.actorId] : [])))];
  const actors = actorIds.length
    ? await db.person.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
    : [];
  return toDetail(row, new Map(actors.map((a) => [a.id, a.name])));
}

/** A session of a cohort in which the person holds a seat (enrolled or completed); null otherwise. */
export async function getSessionForTrainee(personId: string, sessionId: string): Promise<SessionDetail | null> {
  const row = await db.session.findFirst({
    where: { id: sessionId, ...sessionsOfPerson(personId) },
    select: sessionDetailSelect,
  });
  return row ? toDetail(row, null) : null;
}

/** What the session form offers: the cohort's modules (by track), every venue and every lecturer. */
export async function sessionFormOptions(cohortId: string) {
  const [cohort, modules, venues, lecturers] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { startDate: true, endDate: true, venueId: true } }),
    db.module.findMany({
      where: { cohortId },
      orderBy: [{ track: { position: "asc" } }, { position: "asc" }, { title: "asc" }],
      select: { id: true, title: true, track: { select: { key: true } }, lecturers: { select: { lecturerId: true } } },
    }),
    db.venue.findMany({
      orderBy: [{ kind: "desc" }, { name: "asc" }],
      select: { id: true, name: true, kind: true, address: true },
    }),
    db.lecturer.findMany({
      orderBy: { name: "asc" },
      select: { id: true, name: true, title: true, organisation: true },
    }),
  ]);
  return {
    cohort,
    modules: modules.map((m) => ({
      id: m.id,
      title: m.title,
      track: m.track.key as TrackKey,
      lecturerIds: m.lecturers.map((l) => l.lecturerId),
    })),
    venues: venues.map((v) => ({ ...v, kind: v.kind === "offsite" ? ("offsite" as const) : ("room" as const) })),
    lecturers,
  };
}

/** The edit form's values for a session, in the academy's zone. */
export function sessionFormValues(session: SessionDetail, timeZone: string) {
  return {
    moduleId: session.module.id,
    date: localDate(session.startsAt, timeZone),
    startTime: formatTime(session.startsAt, timeZone),
    endTime: formatTime(session.endsAt, timeZone),
    kind: session.kind,
    venueId: session.venue?.id ?? "",
    lecturerIds: session.lecturers.map((l) => l.id),
    notes: session.notes ?? "",
  };
}

export function presentSession(session: SessionDetail, timeZone: string, language: Language): SessionPageData {
  return {
    id: session.id,
    day: formatDay(session.startsAt, timeZone, language),
    time: formatTimeRange(session.startsAt, session.endsAt, timeZone),
    status: session.status,
    kind: session.kind,
    notes: session.notes,
    venue: session.venue
      ? { name: session.venue.name, address: session.venue.address, kind: session.venue.kind }
      : null,
    lecturers: session.lecturers.map(({ hasPhoto, ...lecturer }) => ({
      ...lecturer,
      photoUrl: hasPhoto ? `/lecturers/${lecturer.id}/photo` : null,
    })),
    module: session.module,
    materialCount: session.materialCount,
    history: presentHistory(session.history, timeZone, language),
  };
}

export function presentWarnings(warnings: ScheduleWarning[], language: Language): DateWarningView[] {
  return warnings.map((w) => ({ cohortDates: formatDateRange(w.startDate, w.endDate, language) }));
}