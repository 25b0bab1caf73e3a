// Scheduling sessions (课次): clash detection, scheduling, rescheduling,
// cancelling and restoring, each change kept as a SessionChange so that
// trainees can see what moved and staff can see who moved it and why.
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { getFixedT } from "~/utils/i18n.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { messageWithValues } from "~/utils/messages.ts";
import {
  formatDateRange,
  formatDateTime,
  formatDay,
  formatTime,
  formatTimeRange,
  isCalendarDate,
  localDate,
  zonedInstant,
} from "~/utils/time.ts";
import { sessionKinds, type SessionKind, type TrackKey } from "~/modules/academy/tracks.ts";
import {
  MAX_LECTURERS,
  MAX_SESSION_HOURS,
  NOTES_MAX,
  REASON_MAX,
  timePattern,
  type ClashKind,
  type ClashView,
  type DateWarningView,
  type SessionChangeKind,
  type SessionHistoryEntry,
  type SessionHistoryField,
  type SessionPageData,
  type SessionStatus,
} from "./sessions.ts";
import { sessionsOfPerson } from "./timetable.server.ts";

type Actor = { id: string };

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

export type Clash = {
  kind: ClashKind;
  session: {
    id: string;
    cohortId: string;
    cohortTitle: string;
    moduleTitle: string;
    startsAt: Date;
    endsAt: Date;
    venueName: string | null;
    lecturerNames: string[];
  };
  /** For a lecturer clash: who is double-booked. */
  lecturerName?: string;
};

export type ScheduleWarning = { kind: "outside_cohort_dates"; startDate: string; endDate: string };

export type ScheduleResult =
  | { status: "saved"; sessionId: string; changed: boolean }
  | { status: "clashes"; clashes: Clash[]; warnings: ScheduleWarning[] };

// ---------------------------------------------------------------------------
// Clashes

const clashSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  venueId: true,
  venue: { select: { name: true } },
  module: { select: { title: true, cohortId: true, cohort: { select: { title: true } } } },
  lecturers: {
    select: { lecturerId: true, lecturer: { select: { name: true } } },
    orderBy: { lecturer: { name: "asc" } },
  },
} satisfies Prisma.SessionSelect;

/**
 * Scheduled sessions that overlap [startsAt, endsAt) and share the venue, a
 * lecturer (in any cohort: a guest lecturer cannot teach two classes at once)
 * or the cohort. Back-to-back sessions do not overlap; cancelled ones never clash.
 */
export async function findClashes(
  input: {
    cohortId: string;
    startsAt: Date;
    endsAt: Date;
    venueId?: string | null;
    lecturerIds?: readonly string[];
    excludeSessionId?: string;
  },
): Promise<Clash[]> {
  const lecturerIds = [...new Set(input.lecturerIds ?? [])];
  const sharing: Prisma.SessionWhereInput[] = [{ module: { cohortId: input.cohortId } }];
  if (input.venueId) sharing.push({ venueId: input.venueId });
  if (lecturerIds.length) sharing.push({ lecturers: { some: { lecturerId: { in: lecturerIds } } } });
  const rows = await db.session.findMany({
    where: {
      status: "scheduled",
      startsAt: { lt: input.endsAt },
      endsAt: { gt: input.startsAt },
      ...(input.excludeSessionId ? { id: { not: input.excludeSessionId } } : {}),
      OR: sharing,
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: clashSelect,
    take: 50,
  });
  return rows.flatMap((row) => {
    const session = {
      id: row.id,
      cohortId: row.module.cohortId,
      cohortTitle: row.module.cohort.title,
      moduleTitle: row.module.title,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      venueName: row.venue?.name ?? null,
      lecturerNames: row.lecturers.map((l) => l.lecturer.name),
    };
    const clashes: Clash[] = [];
    if (input.venueId && row.venueId === input.venueId) clashes.push({ kind: "venue", session });
    for (const shared of row.lecturers.filter((l) => lecturerIds.includes(l.lecturerId))) {
      clashes.push({ kind: "lecturer", session, lecturerName: shared.lecturer.name });
    }
    if (row.module.cohortId === input.cohortId) clashes.push({ kind: "cohort", session });
    return clashes;
  });
}

// ---------------------------------------------------------------------------
// Input rules

type Resolved = {
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
async function resolveInput(input: SessionInput): Promise<Resolved> {
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

function checkedReason(reason: string | null | undefined, required: boolean): string | null {
  const text = reason?.trim() || null;
  if (required && !text) throw new DomainError("schedule.errors.reasonRequired", "reason");
  if (text && text.length > REASON_MAX) throw new DomainError("schedule.errors.reasonTooLong", "reason");
  return text;
}

// ---------------------------------------------------------------------------
// Snapshots kept in SessionChange.before / .after

/** The fields a change snapshot may hold; a change records only those it changed. */
type Snapshot = {
  startsAt?: string;
  endsAt?: string;
  venueName?: string | null;
  kind?: string;
  lecturerNames?: string[];
  notes?: string | null;
  moduleTitle?: string;
  status?: string;
};

function fullSnapshot(s: Resolved): Snapshot {
  return {
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    venueName: s.venue?.name ?? null,
    kind: s.kind,
    lecturerNames: s.lecturers.map((l) => l.name),
    notes: s.notes,
    moduleTitle: s.moduleTitle,
  };
}

const sessionStateSelect = {
  id: true,
  status: true,
  sequence: true,
  startsAt: true,
  endsAt: true,
  venueId: true,
  kind: true,
  notes: true,
  moduleId: true,
  venue: { select: { name: true } },
  module: { select: { title: true } },
  lecturers: {
    select: { lecturerId: true, lecturer: { select: { name: true } } },
    orderBy: { lecturer: { name: "asc" } },
  },
} satisfies Prisma.SessionSelect;

type SessionState = Prisma.SessionGetPayload<{ select: typeof sessionStateSelect }>;

async function sessionOfCohort(cohortId: string, sessionId: string): Promise<SessionState> {
  const session = await db.session.findFirst({
    where: { id: sessionId, module: { cohortId } },
    select: sessionStateSelect,
  });
  if (!session) throw new DomainError("schedule.errors.sessionNotFound");
  return session;
}

const confirmationNeeded = (clashes: Clash[], warnings: ScheduleWarning[], confirmed: boolean | undefined) =>
  (clashes.length > 0 || warnings.length > 0) && !confirmed;

// ---------------------------------------------------------------------------
// Writing

/**
 * Schedules a session. Clashes and a date outside the cohort's dates are
 * returned for staff to confirm, and nothing is written, unless `confirmClashes`.
 */
export async function scheduleSession(
  input: SessionInput,
  options: { actor: Actor; now: Date; confirmClashes?: boolean },
): Promise<ScheduleResult> {
  const next = await resolveInput(input);
  const clashes = await findClashes({
    cohortId: input.cohortId,
    startsAt: next.startsAt,
    endsAt: next.endsAt,
    venueId: next.venue?.id,
    lecturerIds: next.lecturers.map((l) => l.id),
  });
  if (confirmationNeeded(clashes, next.warnings, options.confirmClashes)) {
    return { status: "clashes", clashes, warnings: next.warnings };
  }
  const session = await db.$transaction(async (tx) => {
    const created = await tx.session.create({
      data: {
        moduleId: next.moduleId,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        venueId: next.venue?.id ?? null,
        kind: next.kind,
        notes: next.notes,
        lecturers: { create: next.lecturers.map((l) => ({ lecturerId: l.id })) },
      },
      select: { id: true },
    });
    await tx.sessionChange.create({
      data: {
        sessionId: created.id,
        kind: "created",
        after: JSON.stringify(fullSnapshot(next)),
        actorId: options.actor.id,
        at: options.now,
      },
    });
    return created;
  });
  return { status: "saved", sessionId: session.id, changed: true };
}

/**
 * Changes a scheduled session. The history records what changed (rescheduled
 * when the time moved, moved when the venue did, updated otherwise) and the
 * sequence goes up, so calendars and trainees see the new version.
 */
export async function updateSession(
  sessionId: string,
  input: SessionInput,
  options: { actor: Actor; now: Date; confirmClashes?: boolean; reason?: string | null },
): Promise<ScheduleResult> {
  const current = await sessionOfCohort(input.cohortId, sessionId);
  if (current.status === "cancelled") throw new DomainError("schedule.errors.restoreFirst");
  const reason = checkedReason(options.reason, false);
  const next = await resolveInput(input);

  const currentLecturerIds = current.lecturers.map((l) => l.lecturerId).sort();
  const nextLecturerIds = next.lecturers.map((l) => l.id).sort();
  const changed = {
    time: current.startsAt.getTime() !== next.startsAt.getTime() || current.endsAt.getTime() !== next.endsAt.getTime(),
    venue: current.venueId !== (next.venue?.id ?? null),
    lecturers: currentLecturerIds.join() !== nextLecturerIds.join(),
    kind: current.kind !== next.kind,
    notes: (current.notes ?? null) !== next.notes,
    module: current.moduleId !== next.moduleId,
  };
  if (!Object.values(changed).some(Boolean)) return { status: "saved", sessionId, changed: false };

  // Only what can create a clash is checked again: a clash staff accepted earlier
  // does not ask again when they fix a typo in the notes.
  const clashes =
    changed.time || changed.venue || changed.lecturers
      ? await findClashes({
          cohortId: input.cohortId,
          startsAt: next.startsAt,
          endsAt: next.endsAt,
          venueId: next.venue?.id,
          lecturerIds: nextLecturerIds,
          excludeSessionId: sessionId,
        })
      : [];
  const warnings = changed.time ? next.warnings : [];
  if (confirmationNeeded(clashes, warnings, options.confirmClashes)) return { status: "clashes", clashes, warnings };

  const before: Snapshot = {};
  const after: Snapshot = {};
  if (changed.time) {
    Object.assign(before, { startsAt: current.startsAt.toISOString(), endsAt: current.endsAt.toISOString() });
    Object.assign(after, { startsAt: next.startsAt.toISOString(), endsAt: next.endsAt.toISOString() });
  }
  if (changed.venue) [before.venueName, after.venueName] = [current.venue?.name ?? null, next.venue?.name ?? null];
  if (changed.lecturers)
    [before.lecturerNames, after.lecturerNames] = [
      current.lecturers.map((l) => l.lecturer.name),
      next.lecturers.map((l) => l.name),
    ];
  if (changed.kind) [before.kind, after.kind] = [current.kind, next.kind];
  if (changed.notes) [before.notes, after.notes] = [current.notes, next.notes];
  if (changed.module) [before.moduleTitle, after.moduleTitle] = [current.module.title, next.moduleTitle];
  const kind: SessionChangeKind = changed.time ? "rescheduled" : changed.venue ? "moved" : "updated";

  await db.$transaction(async (tx) => {
    // Matched on the sequence read above: two people editing at once cannot overwrite each other unseen.
    const updated = await tx.session.updateMany({
      where: { id: sessionId, sequence: current.sequence, status: "scheduled" },
      data: {
        moduleId: next.moduleId,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        venueId: next.venue?.id ?? null,
        kind: next.kind,
        notes: next.notes,
        sequence: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new DomainError("schedule.errors.changedMeanwhile");
    if (changed.lecturers) {
      await tx.sessionLecturer.deleteMany({ where: { sessionId } });
      await tx.sessionLecturer.createMany({ data: nextLecturerIds.map((lecturerId) => ({ sessionId, lecturerId })) });
    }
    await tx.sessionChange.create({
      data: {
        sessionId,
        kind,
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        reason,
        actorId: options.actor.id,
        at: options.now,
      },
    });
  });
  return { status: "saved", sessionId, changed: true };
}

/**
 * Cancels or restores: the status moves only from `from` (a second click, or
 * someone else first, is refused), SEQUENCE goes up and the change is recorded.
 */
async function switchStatus(
  sessionId: string,
  change: {
    from: string;
    to: string;
    kind: "cancelled" | "restored";
    reason: string | null;
    actor: Actor;
    now: Date;
    refusal: string;
  },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.session.updateMany({
      where: { id: sessionId, status: change.from },
      data: { status: change.to, sequence: { increment: 1 } },
    });
    if (updated.count !== 1) throw new DomainError(change.refusal);
    await tx.sessionChange.create({
      data: {
        sessionId,
        kind: change.kind,
        before: JSON.stringify({ status: change.from } satisfies Snapshot),
        after: JSON.stringify({ status: change.to } satisfies Snapshot),
        reason: change.reason,
        actorId: change.actor.id,
        at: change.now,
      },
    });
  });
}

/** Cancels a session; the reason is required and shown to trainees. */
export async function cancelSession(
  sessionId: string,
  options: { cohortId: string; actor: Actor; now: Date; reason: string },
): Promise<void> {
  const reason = checkedReason(options.reason, true);
  const current = await sessionOfCohort(options.cohortId, sessionId);
  if (current.status === "cancelled") throw new DomainError("schedule.errors.alreadyCancelled");
  await switchStatus(sessionId, {
    from: "scheduled",
    to: "cancelled",
    kind: "cancelled",
    reason,
    actor: options.actor,
    now: options.now,
    refusal: "schedule.errors.alreadyCancelled",
  });
}

/** Puts a cancelled session back on the timetable, at its time; clashes are checked again. */
export async function restoreSession(
  sessionId: string,
  options: { cohortId: string; actor: Actor; now: Date; confirmClashes?: boolean; reason?: string | null },
): Promise<ScheduleResult> {
  const reason = checkedReason(options.reason, false);
  const current = await sessionOfCohort(options.cohortId, sessionId);
  if (current.status !== "cancelled") throw new DomainError("schedule.errors.notCancelled");
  const clashes = await findClashes({
    cohortId: options.cohortId,
    startsAt: current.startsAt,
    endsAt: current.endsAt,
    venueId: current.venueId,
    lecturerIds: current.lecturers.map((l) => l.lecturerId),
    excludeSessionId: sessionId,
  });
  if (confirmationNeeded(clashes, [], options.confirmClashes)) return { status: "clashes", clashes, warnings: [] };
  await switchStatus(sessionId, {
    from: "cancelled",
    to: "scheduled",
    kind: "restored",
    reason,
    actor: options.actor,
    now: options.now,
    refusal: "schedule.errors.notCancelled",
  });
  return { status: "saved", sessionId, changed: true };
}

// ---------------------------------------------------------------------------
// Reading

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

export type SessionChangeRecord = {
  id: string;
  kind: SessionChangeKind;
  at: Date;
  before: Snapshot | null;
  after: Snapshot | null;
  reason: string | null;
  /** Only for staff; trainees see what changed, not who changed it. */
  actorName?: string | null;
};

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

function parseSnapshot(text: string | null): Snapshot | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Snapshot) : null;
  } catch {
    return null;
  }
}

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

// ---------------------------------------------------------------------------
// Formatting for pages (in the academy's zone, in the reader's language)

const whenText = (startsAt: Date, endsAt: Date, timeZone: string, language: Language) =>
  `${formatDay(startsAt, timeZone, language)} ${formatTimeRange(startsAt, endsAt, timeZone)}`;

export function presentHistory(
  history: SessionChangeRecord[],
  timeZone: string,
  language: Language,
): SessionHistoryEntry[] {
  const separator = getFixedT(language)("common.listSeparator");
  const when = (s: Snapshot | null) =>
    s?.startsAt && s.endsAt ? whenText(new Date(s.startsAt), new Date(s.endsAt), timeZone, language) : null;
  return history.map((change) => {
    const { before, after } = change;
    const changes: SessionHistoryEntry["changes"] = [];
    const add = (field: SessionHistoryField, from: string | null | undefined, to: string | null | undefined) =>
      changes.push({ field, before: from ?? null, after: to ?? null });
    const has = (key: keyof Snapshot) => (after !== null && key in after) || (before !== null && key in before);
    if (has("startsAt")) add("time", when(before), when(after));
    if (has("venueName")) add("venue", before?.venueName, after?.venueName);
    if (has("moduleTitle") && change.kind !== "created") add("module", before?.moduleTitle, after?.moduleTitle);
    if (has("kind") && change.kind !== "created") add("kind", before?.kind, after?.kind);
    if (has("lecturerNames") && (change.kind !== "created" || after?.lecturerNames?.length)) {
      add("lecturers", before?.lecturerNames?.join(separator), after?.lecturerNames?.join(separator));
    }
    if (has("notes") && change.kind !== "created") add("notes", before?.notes, after?.notes);
    return {
      id: change.id,
      kind: change.kind,
      at: formatDateTime(change.at, timeZone, language),
      actorName: change.actorName ?? null,
      reason: change.reason,
      changes,
    };
  });
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

export function presentClashes(clashes: Clash[], cohortId: string, timeZone: string, language: Language): ClashView[] {
  return clashes.map((clash) => ({
    kind: clash.kind,
    sessionId: clash.session.id,
    sameCohort: clash.session.cohortId === cohortId,
    cohortTitle: clash.session.cohortTitle,
    moduleTitle: clash.session.moduleTitle,
    day: formatDay(clash.session.startsAt, timeZone, language),
    time: formatTimeRange(clash.session.startsAt, clash.session.endsAt, timeZone),
    venueName: clash.session.venueName,
    lecturerNames: clash.session.lecturerNames,
    lecturerName: clash.lecturerName ?? null,
  }));
}

export function presentWarnings(warnings: ScheduleWarning[], language: Language): DateWarningView[] {
  return warnings.map((w) => ({ cohortDates: formatDateRange(w.startDate, w.endDate, language) }));
}
