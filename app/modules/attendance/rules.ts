// When a session can be checked into, when it counts as held, and what a
// trainee's standing is at a session: the rules every attendance figure rests on.
// Pure functions of their inputs and `now`, shared by server and browser.

/** Minutes before the start that check-in opens, and after the end that it closes, unless the session says otherwise. */
export const DEFAULT_OPENS_MINUTES_BEFORE = 30;
export const DEFAULT_CLOSES_MINUTES_AFTER = 15;

export type AttendanceStatus = "present" | "late" | "excused" | "absent";
export const attendanceStatuses = ["present", "late", "excused", "absent"] as const satisfies readonly AttendanceStatus[];
/** How a record was made. */
export type AttendanceMethod = "qr" | "code" | "roll_call" | "import" | "leave" | "system" | "guest";

export interface WindowedSession {
  startsAt: Date;
  endsAt: Date;
  status: string;
  checkInOpensMinutesBefore?: number | null;
  checkInClosesMinutesAfter?: number | null;
}

const MINUTE = 60_000;

export function checkInWindow(session: WindowedSession): { opensAt: Date; closesAt: Date } {
  const before = session.checkInOpensMinutesBefore ?? DEFAULT_OPENS_MINUTES_BEFORE;
  const after = session.checkInClosesMinutesAfter ?? DEFAULT_CLOSES_MINUTES_AFTER;
  return {
    opensAt: new Date(session.startsAt.getTime() - before * MINUTE),
    closesAt: new Date(session.endsAt.getTime() + after * MINUTE),
  };
}

/** upcoming → open (check-in window) → held (window closed); a cancelled session is never held. */
export type SessionPhase = "upcoming" | "open" | "held" | "cancelled";

export function sessionPhase(session: WindowedSession, now: Date): SessionPhase {
  if (session.status === "cancelled") return "cancelled";
  const { opensAt, closesAt } = checkInWindow(session);
  if (now < opensAt) return "upcoming";
  if (now < closesAt) return "open";
  return "held";
}

/** DESIGN.md: held = the check-in window has closed and the session was not cancelled. */
export function isHeld(session: WindowedSession, now: Date): boolean {
  return sessionPhase(session, now) === "held";
}

/** A check-in after start + threshold is late; the session's own threshold wins over the cohort's. */
export function checkInStatus(
  session: { startsAt: Date; lateAfterMinutes?: number | null },
  cohortLateAfterMinutes: number,
  at: Date,
): "present" | "late" {
  const threshold = session.lateAfterMinutes ?? cohortLateAfterMinutes;
  return at.getTime() > session.startsAt.getTime() + threshold * MINUTE ? "late" : "present";
}

/**
 * Whether a session started before the trainee joined
 * (`Enrollment.attendanceFrom`, set when they joined a running cohort): they
 * were not in the class yet, so without a record it counts neither way. Null
 * `attendanceFrom`: every session counts.
 */
export function isBeforeJoining(session: { startsAt: Date }, attendanceFrom: Date | null | undefined): boolean {
  return attendanceFrom != null && session.startsAt.getTime() < attendanceFrom.getTime();
}

/** Not in the class yet (未入班): the session counts neither for nor against the trainee. */
export const BEFORE_JOINING = "before_joining" as const;
export type SessionStanding = AttendanceStatus | typeof BEFORE_JOINING;

/**
 * A trainee's standing at one session: the record if there is one; else not
 * counted when it started before they joined; else excused by approved leave;
 * else absent once the session is held; else nothing yet. Absence is derived
 * here, at read time, so it never waits for a job.
 */
export function effectiveStatus(input: {
  recorded: AttendanceStatus | null | undefined;
  approvedLeave: boolean;
  held: boolean;
  cancelled?: boolean;
  beforeJoining?: boolean;
}): SessionStanding | null {
  if (input.cancelled) return null;
  if (input.recorded) return input.recorded;
  if (input.beforeJoining) return BEFORE_JOINING;
  if (input.approvedLeave) return "excused";
  return input.held ? "absent" : null;
}

export const isAttended = (status: SessionStanding | null) => status === "present" || status === "late";

/** How many held sessions ended in each status, for one trainee or one group of sessions. */
export type StatusCounts = { present: number; late: number; excused: number; absent: number };

export type Rate = { attended: number; counted: number; rate: number | null };

/**
 * Attendance rate from counts: attended (present or late) over counted, where
 * excused sessions leave the denominator when the cohort's rule says so. Null
 * when nothing counts yet.
 */
export function rateFromCounts(counts: StatusCounts, excusedLeaveDenominator: boolean): Rate {
  const attended = counts.present + counts.late;
  const counted = attended + counts.absent + (excusedLeaveDenominator ? 0 : counts.excused);
  return { attended, counted, rate: counted === 0 ? null : attended / counted };
}

export function countStatuses(statuses: readonly (SessionStanding | null)[]): StatusCounts {
  const counts: StatusCounts = { present: 0, late: 0, excused: 0, absent: 0 };
  for (const status of statuses) if (status && status !== BEFORE_JOINING) counts[status] += 1;
  return counts;
}

/**
 * Attendance rate over held sessions: attended / held, where excused sessions
 * leave the denominator when the cohort's rule says so. Null when nothing counts yet.
 */
export function attendanceRate(
  statuses: readonly (SessionStanding | null)[],
  excusedLeaveDenominator: boolean,
): Rate {
  return rateFromCounts(countStatuses(statuses), excusedLeaveDenominator);
}
