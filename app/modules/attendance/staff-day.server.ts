// The staff's day: today's sessions across the cohorts they work in (and, for
// a lecturer, the sessions they teach first), with where check-in stands, and
// the leave requests waiting for them.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can, canInCohorts, cohortScope } from "~/modules/accounts/authorization.server.ts";
import type { TrackKey } from "~/modules/academy/tracks.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { formatTimeRange, localDate, zonedDayRange } from "~/utils/time.ts";
import type { SessionPhase } from "./rules.ts";
import { sessionCounts } from "./standing.server.ts";

export type DaySession = {
  id: string;
  cohortId: string;
  cohortTitle: string;
  moduleTitle: string;
  track: TrackKey;
  time: string;
  venueName: string | null;
  phase: SessionPhase;
  /** Present or late, of `expected` trainees. */
  checkedIn: number;
  expected: number;
  /** The reader lectures this session. */
  teaching: boolean;
  /** May open the session's page in its cohort. */
  mayOpen: boolean;
  /** May run its projector screen and roll call: staff of the cohort, or its lecturer. */
  mayRunCheckIn: boolean;
};

export type StaffDay = {
  /** Today's sessions the reader teaches, then the others of their cohorts. */
  sessions: DaySession[];
  /** Leave requests waiting for a decision the reader may take; null when they decide none. */
  pendingLeave: number | null;
};

const daySessionSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  venue: { select: { name: true } },
  lecturers: { select: { lecturer: { select: { personId: true } } } },
  module: { select: { title: true, cohortId: true, cohort: { select: { title: true } }, track: { select: { key: true } } } },
} satisfies Prisma.SessionSelect;

export async function getStaffDay({ user, now, timeZone }: { user: CurrentUser; now: Date; timeZone: string }): Promise<StaffDay> {
  const today = zonedDayRange(localDate(now, timeZone), timeZone);
  const inMyCohorts: Prisma.SessionWhereInput = { module: { cohort: cohortScope(user, "read:attendance") } };
  const iTeach: Prisma.SessionWhereInput = { lecturers: { some: { lecturer: { personId: user.id } } } };
  const mayDecideLeave = canInCohorts(user, "update:leave");
  const [rows, readable, runnable, pendingLeave] = await Promise.all([
    db.session.findMany({
      // A session still running from the evening before belongs to today as well.
      where: { startsAt: { lt: today.end }, endsAt: { gt: today.start }, status: { not: "cancelled" }, OR: [inMyCohorts, iTeach] },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: daySessionSelect,
    }),
    db.cohort.findMany({ where: cohortScope(user, "read:curriculum"), select: { id: true } }),
    db.cohort.findMany({ where: cohortScope(user, "update:attendance"), select: { id: true } }),
    mayDecideLeave
      ? db.leaveRequest.count({ where: { status: "pending", session: { module: { cohort: cohortScope(user, "update:leave") } } } })
      : Promise.resolve(null),
  ]);
  const counts = new Map((await sessionCounts({ sessionIds: rows.map((r) => r.id), now })).map((c) => [c.sessionId, c]));
  const readableIds = new Set(readable.map((c) => c.id));
  const runnableIds = new Set(runnable.map((c) => c.id));
  const sessions = rows.map((row): DaySession => {
    const count = counts.get(row.id);
    const teaching = row.lecturers.some(({ lecturer }) => lecturer.personId === user.id);
    return {
      id: row.id,
      cohortId: row.module.cohortId,
      cohortTitle: row.module.cohort.title,
      moduleTitle: row.module.title,
      track: row.module.track.key as TrackKey,
      time: formatTimeRange(row.startsAt, row.endsAt, timeZone),
      venueName: row.venue?.name ?? null,
      phase: count?.phase ?? "upcoming",
      checkedIn: (count?.present ?? 0) + (count?.late ?? 0),
      expected: count?.expected ?? 0,
      teaching,
      mayOpen: readableIds.has(row.module.cohortId),
      mayRunCheckIn: teaching || runnableIds.has(row.module.cohortId) || can(user, "update:attendance", "any"),
    };
  });
  // A lecturer's own teaching comes first; the order within each part stays by time.
  return { sessions: [...sessions.filter((s) => s.teaching), ...sessions.filter((s) => !s.teaching)], pendingLeave };
}
