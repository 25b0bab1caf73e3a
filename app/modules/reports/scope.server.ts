// Which sessions a report counts, as one SQL condition every query shares: held
// (check-in window closed, not cancelled; DESIGN.md) and started within the
// range in the academy's time zone, so a session spanning midnight counts on
// the day it starts. Written for SQLite and PostgreSQL alike: quoted names,
// instants as parameters, no date functions.
import { DEFAULT_CLOSES_MINUTES_AFTER, isHeld } from "~/modules/attendance/rules.ts";
import { windowSelect } from "~/modules/attendance/standing.server.ts";
import { db, Prisma } from "~/utils/db.server.ts";
import { addDays, zonedInstant } from "~/utils/time.ts";
import type { ReportRange } from "./report.ts";

export type ReportScope = {
  /** [start, end) of the range as UTC instants. */
  start: Date;
  end: Date;
  /** The cohorts counted, or null for the whole academy. */
  cohortIds: readonly string[] | null;
  /** Condition on `s` (Session) and `m` (Module) that picks the counted sessions. */
  sessions: Prisma.Sql;
  /** Condition on a cohort id column, or TRUE when the whole academy is counted. */
  cohortsOf: (column: Prisma.Sql) => Prisma.Sql;
};

const MINUTE = 60_000;

export function rangeInstants(range: ReportRange, timeZone: string): { start: Date; end: Date } {
  return { start: zonedInstant(range.from, "00:00", timeZone), end: zonedInstant(addDays(range.to, 1), "00:00", timeZone) };
}

/**
 * A session is held once its window has closed: endsAt + closing minutes ≤ now.
 * The closing minutes differ per session, so the condition is split: every
 * session that ended before now minus the longest window is surely closed, and
 * the few that ended since are decided here, by the same rule as everywhere else.
 */
export async function reportScope(input: { range: ReportRange; cohortIds: readonly string[] | null; timeZone: string; now: Date }): Promise<ReportScope> {
  const { start, end } = rangeInstants(input.range, input.timeZone);
  const cohortsOf = (column: Prisma.Sql) =>
    input.cohortIds === null ? Prisma.sql`1 = 1` : input.cohortIds.length === 0 ? Prisma.sql`1 = 0` : Prisma.sql`${column} IN (${Prisma.join(input.cohortIds)})`;
  const longest = await db.session.aggregate({ _max: { checkInClosesMinutesAfter: true } });
  const closes = Math.max(DEFAULT_CLOSES_MINUTES_AFTER, longest._max.checkInClosesMinutesAfter ?? 0);
  const surelyClosed = new Date(input.now.getTime() - closes * MINUTE);
  const recent = await db.session.findMany({
    where: {
      status: { not: "cancelled" },
      startsAt: { gte: start, lt: end },
      endsAt: { gt: surelyClosed, lte: input.now },
      ...(input.cohortIds === null ? {} : { module: { cohortId: { in: [...input.cohortIds] } } }),
    },
    select: windowSelect,
  });
  const heldRecently = recent.filter((session) => isHeld(session, input.now)).map((session) => session.id);
  const held = heldRecently.length
    ? Prisma.sql`(s."endsAt" <= ${surelyClosed} OR s."id" IN (${Prisma.join(heldRecently)}))`
    : Prisma.sql`s."endsAt" <= ${surelyClosed}`;
  return {
    start,
    end,
    cohortIds: input.cohortIds,
    cohortsOf,
    sessions: Prisma.sql`s."status" <> 'cancelled' AND s."startsAt" >= ${start} AND s."startsAt" < ${end} AND ${held} AND ${cohortsOf(Prisma.sql`m."cohortId"`)}`,
  };
}

/** Statuses of enrollments whose attendance counts (as in attendance/standing.server.ts). */
export const countedEnrollments = Prisma.sql`('enrolled', 'completed')`;

/**
 * Approved leave `l` for which the trainee has no record at that session. Written as a count
 * rather than NOT EXISTS: PostgreSQL turns NOT EXISTS into an anti join that hashes every
 * attendance row (its estimate of the matches is far off), while this is one probe of the
 * (enrollmentId, sessionId) unique index per leave request, as SQLite does either way.
 */
export const withoutRecord = Prisma.sql`(SELECT COUNT(*) FROM "Attendance" a WHERE a."enrollmentId" = l."enrollmentId" AND a."sessionId" = l."sessionId") = 0`;
