// Where trainees and sessions stand: counts and rates, aggregated in the
// database. Absence is derived at read time (rules.ts): a held session without
// a record and without approved leave is absent, unless it started before the
// trainee joined (Enrollment.attendanceFrom; decision 0018). Every function reads one
// cohort (or the sessions given) only: callers pass ids they may read.
import type { TrackKey } from "~/modules/academy/tracks.ts";
import { db } from "~/utils/db.server.ts";
import {
  BEFORE_JOINING,
  effectiveStatus,
  isBeforeJoining,
  isHeld,
  rateFromCounts,
  sessionPhase,
  countStatuses,
  type AttendanceStatus,
  type Rate,
  type SessionPhase,
  type SessionStanding,
  type StatusCounts,
} from "./rules.ts";

/** Enrollments whose attendance counts: in the class now, or finished it. */
export const COUNTED_ENROLLMENT_STATUSES = ["enrolled", "completed"];

/** What every rule about a session's check-in window needs (rules.ts WindowedSession). */
export const windowSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  status: true,
  checkInOpensMinutesBefore: true,
  checkInClosesMinutesAfter: true,
} as const;

export type Standing = StatusCounts & Rate;

export type EnrollmentStanding = Standing & { enrollmentId: string; personId: string };

export type CohortStandings = {
  cohortId: string;
  /** The cohort's rule, shown beside every rate: true = excused sessions leave the denominator. */
  excusedLeaveDenominator: boolean;
  heldSessions: number;
  enrollments: EnrollmentStanding[];
  /** All enrollments together (person-sessions). */
  total: Standing;
};

const emptyCounts = (): StatusCounts => ({ present: 0, late: 0, excused: 0, absent: 0 });

function standing(counts: StatusCounts, excusedLeaveDenominator: boolean): Standing {
  return { ...counts, ...rateFromCounts(counts, excusedLeaveDenominator) };
}

function addCounts(into: StatusCounts, from: StatusCounts): StatusCounts {
  into.present += from.present;
  into.late += from.late;
  into.excused += from.excused;
  into.absent += from.absent;
  return into;
}

/** The cohort's sessions that are held at `now`. */
async function heldSessionsOf(cohortId: string, now: Date): Promise<{ id: string; startsAt: Date }[]> {
  const sessions = await db.session.findMany({ where: { module: { cohortId } }, select: windowSelect });
  return sessions.filter((session) => isHeld(session, now));
}

/**
 * Late joiners' sessions before they joined where they have no record: these
 * count neither way, so they leave the sessions a trainee is expected at.
 * Late joiners are few, so their records at `sessions` are read in one small query.
 */
async function notJoinedWithoutRecord(
  late: readonly { id: string; cohortId: string; attendanceFrom: Date | null }[],
  sessions: readonly { id: string; startsAt: Date; cohortId: string }[],
): Promise<{ enrollmentId: string; sessionId: string }[]> {
  const pairs = late.flatMap((e) =>
    sessions.filter((s) => s.cohortId === e.cohortId && isBeforeJoining(s, e.attendanceFrom)).map((s) => ({ enrollmentId: e.id, sessionId: s.id })),
  );
  if (pairs.length === 0) return [];
  const records = await db.attendance.findMany({
    where: { enrollmentId: { in: [...new Set(pairs.map((p) => p.enrollmentId))] }, sessionId: { in: [...new Set(pairs.map((p) => p.sessionId))] } },
    select: { enrollmentId: true, sessionId: true },
  });
  const recorded = new Set(records.map((r) => `${r.enrollmentId}|${r.sessionId}`));
  return pairs.filter((p) => !recorded.has(`${p.enrollmentId}|${p.sessionId}`));
}

/**
 * Approved leave at sessions where the trainee has no record and had joined:
 * these are the leaves that make a session excused (a record, when there is
 * one, wins; before joining the session does not count, leave or not).
 * Leave is rare beside attendance, so the pairs are checked in two small queries.
 */
async function leaveWithoutRecord(where: { sessionIds: string[]; cohortId?: string }) {
  if (where.sessionIds.length === 0) return [];
  const leaves = await db.leaveRequest.findMany({
    where: {
      status: "approved",
      sessionId: { in: where.sessionIds },
      enrollment: { status: { in: COUNTED_ENROLLMENT_STATUSES }, ...(where.cohortId ? { cohortId: where.cohortId } : {}) },
    },
    select: { enrollmentId: true, sessionId: true, enrollment: { select: { attendanceFrom: true } }, session: { select: { startsAt: true } } },
  });
  if (leaves.length === 0) return [];
  const records = await db.attendance.findMany({
    where: {
      sessionId: { in: [...new Set(leaves.map((l) => l.sessionId))] },
      enrollmentId: { in: [...new Set(leaves.map((l) => l.enrollmentId))] },
    },
    select: { enrollmentId: true, sessionId: true },
  });
  const recorded = new Set(records.map((r) => `${r.enrollmentId}|${r.sessionId}`));
  const seen = new Set<string>();
  return leaves.filter((leave) => {
    const key = `${leave.enrollmentId}|${leave.sessionId}`;
    if (recorded.has(key) || seen.has(key) || isBeforeJoining(leave.session, leave.enrollment.attendanceFrom)) return false;
    seen.add(key);
    return true;
  });
}

/** Per enrollment (enrolled or completed) of the cohort: counts over held sessions and the rate by the cohort's rule. */
export async function cohortStandings({ cohortId, now }: { cohortId: string; now: Date }): Promise<CohortStandings> {
  const [cohort, held, enrollments] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { excusedLeaveDenominator: true } }),
    heldSessionsOf(cohortId, now),
    db.enrollment.findMany({
      where: { cohortId, status: { in: COUNTED_ENROLLMENT_STATUSES } },
      select: { id: true, personId: true, attendanceFrom: true },
      orderBy: { id: "asc" },
    }),
  ]);
  const heldIds = held.map((s) => s.id);
  const late = enrollments.filter((e) => e.attendanceFrom !== null).map((e) => ({ ...e, cohortId }));
  const [grouped, leaves, notJoined] = await Promise.all([
    heldIds.length
      ? db.attendance.groupBy({
          by: ["enrollmentId", "status"],
          where: { sessionId: { in: heldIds }, enrollment: { cohortId, status: { in: COUNTED_ENROLLMENT_STATUSES } } },
          _count: { _all: true },
        })
      : Promise.resolve([]),
    leaveWithoutRecord({ sessionIds: heldIds, cohortId }),
    notJoinedWithoutRecord(late, held.map((s) => ({ ...s, cohortId }))),
  ]);
  const notJoinedCounts = new Map<string, number>();
  for (const pair of notJoined) notJoinedCounts.set(pair.enrollmentId, (notJoinedCounts.get(pair.enrollmentId) ?? 0) + 1);
  const recordCounts = new Map<string, StatusCounts>();
  for (const row of grouped) {
    const counts = recordCounts.get(row.enrollmentId) ?? emptyCounts();
    counts[row.status as AttendanceStatus] += row._count._all;
    recordCounts.set(row.enrollmentId, counts);
  }
  const leaveCounts = new Map<string, number>();
  for (const leave of leaves) leaveCounts.set(leave.enrollmentId, (leaveCounts.get(leave.enrollmentId) ?? 0) + 1);

  const rule = cohort.excusedLeaveDenominator;
  const total = emptyCounts();
  const rows = enrollments.map((enrollment) => {
    const counts = { ...(recordCounts.get(enrollment.id) ?? emptyCounts()) };
    const excusedByLeave = leaveCounts.get(enrollment.id) ?? 0;
    const recorded = counts.present + counts.late + counts.excused + counts.absent;
    counts.excused += excusedByLeave;
    const expected = heldIds.length - (notJoinedCounts.get(enrollment.id) ?? 0);
    counts.absent += Math.max(0, expected - recorded - excusedByLeave);
    addCounts(total, counts);
    return { enrollmentId: enrollment.id, personId: enrollment.personId, ...standing(counts, rule) };
  });
  return { cohortId, excusedLeaveDenominator: rule, heldSessions: heldIds.length, enrollments: rows, total: standing(total, rule) };
}

export type SessionCount = StatusCounts & {
  sessionId: string;
  phase: SessionPhase;
  /** Trainees enrolled (or completed) in the session's cohort who had joined by its start, or have a record there. */
  expected: number;
  /** Walk-in guests, counted apart from trainees. */
  guests: number;
};

/**
 * Per session: how many trainees are expected and where they stand. Absence
 * is derived only once the session is held; before that, `absent` counts
 * records marked absent by staff.
 */
export async function sessionCounts({ sessionIds, now }: { sessionIds: readonly string[]; now: Date }): Promise<SessionCount[]> {
  if (sessionIds.length === 0) return [];
  const ids = [...new Set(sessionIds)];
  const sessions = await db.session.findMany({
    where: { id: { in: ids } },
    select: { ...windowSelect, module: { select: { cohortId: true } } },
  });
  const cohortIds = [...new Set(sessions.map((s) => s.module.cohortId))];
  const heldIds = sessions.filter((s) => isHeld(s, now)).map((s) => s.id);
  const [expectedRows, grouped, guestRows, leaves, late] = await Promise.all([
    db.enrollment.groupBy({
      by: ["cohortId"],
      where: { cohortId: { in: cohortIds }, status: { in: COUNTED_ENROLLMENT_STATUSES } },
      _count: { _all: true },
    }),
    db.attendance.groupBy({
      by: ["sessionId", "status"],
      where: { sessionId: { in: ids }, enrollment: { status: { in: COUNTED_ENROLLMENT_STATUSES } } },
      _count: { _all: true },
    }),
    db.guestAttendance.groupBy({ by: ["sessionId"], where: { sessionId: { in: ids } }, _count: { _all: true } }),
    leaveWithoutRecord({ sessionIds: ids }),
    db.enrollment.findMany({
      where: { cohortId: { in: cohortIds }, status: { in: COUNTED_ENROLLMENT_STATUSES }, attendanceFrom: { not: null } },
      select: { id: true, cohortId: true, attendanceFrom: true },
    }),
  ]);
  const notJoined = await notJoinedWithoutRecord(
    late,
    sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, cohortId: s.module.cohortId })),
  );
  const expectedByCohort = new Map(expectedRows.map((r) => [r.cohortId, r._count._all]));
  const guestsBySession = new Map(guestRows.map((r) => [r.sessionId, r._count._all]));
  const held = new Set(heldIds);
  const bySession = new Map<string, SessionCount>();
  for (const session of sessions) {
    bySession.set(session.id, {
      sessionId: session.id,
      phase: sessionPhase(session, now),
      expected: expectedByCohort.get(session.module.cohortId) ?? 0,
      guests: guestsBySession.get(session.id) ?? 0,
      ...emptyCounts(),
    });
  }
  for (const row of grouped) {
    const entry = bySession.get(row.sessionId);
    if (entry) entry[row.status as AttendanceStatus] += row._count._all;
  }
  for (const leave of leaves) {
    const entry = bySession.get(leave.sessionId);
    if (entry) entry.excused += 1;
  }
  for (const pair of notJoined) {
    const entry = bySession.get(pair.sessionId);
    if (entry) entry.expected -= 1;
  }
  for (const entry of bySession.values()) {
    if (entry.phase === "cancelled") Object.assign(entry, emptyCounts());
    else if (held.has(entry.sessionId)) {
      const accounted = entry.present + entry.late + entry.excused + entry.absent;
      entry.absent += Math.max(0, entry.expected - accounted);
    }
  }
  return ids.flatMap((id) => bySession.get(id) ?? []);
}

export type PersonSessionStanding = {
  sessionId: string;
  startsAt: Date;
  endsAt: Date;
  moduleId: string;
  moduleTitle: string;
  trackKey: TrackKey;
  phase: SessionPhase;
  recorded: AttendanceStatus | null;
  leave: "pending" | "approved" | "declined" | null;
  /** What the session counts as for this trainee now (null: not yet, or cancelled; before_joining: not counted). */
  status: SessionStanding | null;
};

export type PersonStanding = {
  enrollmentId: string;
  excusedLeaveDenominator: boolean;
  overall: Standing;
  tracks: ({ trackKey: TrackKey } & Standing)[];
  sessions: PersonSessionStanding[];
};

/** One trainee in one cohort: overall and per-track standing and every session with its effective status. Null when not enrolled there. */
export async function personStanding({
  personId,
  cohortId,
  now,
}: {
  personId: string;
  cohortId: string;
  now: Date;
}): Promise<PersonStanding | null> {
  const enrollment = await db.enrollment.findUnique({
    where: { cohortId_personId: { cohortId, personId } },
    select: { id: true, status: true, attendanceFrom: true, cohort: { select: { excusedLeaveDenominator: true } } },
  });
  if (!enrollment || !COUNTED_ENROLLMENT_STATUSES.includes(enrollment.status)) return null;
  const [sessions, records, leaves, tracks] = await Promise.all([
    db.session.findMany({
      where: { module: { cohortId } },
      select: { ...windowSelect, module: { select: { id: true, title: true, track: { select: { key: true } } } } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    }),
    db.attendance.findMany({ where: { enrollmentId: enrollment.id }, select: { sessionId: true, status: true } }),
    db.leaveRequest.findMany({
      where: { enrollmentId: enrollment.id, status: { in: ["pending", "approved", "declined"] } },
      select: { sessionId: true, status: true },
      orderBy: { createdAt: "asc" },
    }),
    db.track.findMany({ select: { key: true }, orderBy: { position: "asc" } }),
  ]);
  const recordBySession = new Map(records.map((r) => [r.sessionId, r.status as AttendanceStatus]));
  // The latest request per session speaks, except that an approval stands.
  const leaveBySession = new Map<string, PersonSessionStanding["leave"]>();
  for (const leave of leaves) {
    if (leaveBySession.get(leave.sessionId) !== "approved") {
      leaveBySession.set(leave.sessionId, leave.status as PersonSessionStanding["leave"]);
    }
  }
  const rows: PersonSessionStanding[] = sessions.map((session) => {
    const phase = sessionPhase(session, now);
    const recorded = recordBySession.get(session.id) ?? null;
    const leave = leaveBySession.get(session.id) ?? null;
    const beforeJoining = isBeforeJoining(session, enrollment.attendanceFrom);
    return {
      sessionId: session.id,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      moduleId: session.module.id,
      moduleTitle: session.module.title,
      trackKey: session.module.track.key as TrackKey,
      phase,
      recorded,
      leave,
      // Only held sessions count: a record ahead of time (excused in advance) shows once it is held.
      status:
        phase === "held"
          ? effectiveStatus({ recorded, approvedLeave: leave === "approved", held: true, beforeJoining })
          : phase === "cancelled"
            ? null
            : (recorded ?? (beforeJoining ? BEFORE_JOINING : leave === "approved" ? "excused" : null)),
    };
  });
  const rule = enrollment.cohort.excusedLeaveDenominator;
  const heldStatuses = (list: PersonSessionStanding[]) => list.filter((s) => s.phase === "held").map((s) => s.status);
  return {
    enrollmentId: enrollment.id,
    excusedLeaveDenominator: rule,
    overall: standing(countStatuses(heldStatuses(rows)), rule),
    tracks: tracks.map((track) => ({
      trackKey: track.key as TrackKey,
      ...standing(countStatuses(heldStatuses(rows.filter((s) => s.trackKey === track.key))), rule),
    })),
    sessions: rows,
  };
}
