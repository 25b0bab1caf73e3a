// A cohort's attendance grid (trainees × sessions) with the rates beside it:
// per trainee, per session, per module, per track and for the cohort, all by
// the cohort's rule for excused sessions. One pass over the cohort's records
// (about 87 × 80 of them) gives every cell; the rates come from the same cells.
import type { TrackKey } from "~/modules/academy/tracks.ts";
import { db } from "~/utils/db.server.ts";
import {
  countStatuses,
  effectiveStatus,
  isBeforeJoining,
  rateFromCounts,
  sessionPhase,
  type AttendanceStatus,
  type SessionPhase,
  type SessionStanding,
} from "./rules.ts";
import { COUNTED_ENROLLMENT_STATUSES, type Standing, windowSelect } from "./standing.server.ts";

export type GridSession = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  moduleId: string;
  trackKey: TrackKey;
  phase: SessionPhase;
  standing: Standing;
};

export type GridRow = {
  enrollmentId: string;
  personId: string;
  name: string;
  company: string | null;
  /** One per session, in the order of `sessions`: the effective status, null when not held yet or cancelled, before_joining when it does not count for a late joiner. */
  cells: (SessionStanding | null)[];
  standing: Standing;
};

export type AttendanceGrid = {
  excusedLeaveDenominator: boolean;
  sessions: GridSession[];
  rows: GridRow[];
  modules: { id: string; title: string; trackKey: TrackKey; standing: Standing }[];
  tracks: { trackKey: TrackKey; standing: Standing }[];
  cohort: Standing;
};

export async function cohortGrid({ cohortId, now }: { cohortId: string; now: Date }): Promise<AttendanceGrid> {
  const [cohort, sessions, enrollments, tracks] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { excusedLeaveDenominator: true } }),
    db.session.findMany({
      where: { module: { cohortId } },
      select: {
        ...windowSelect,
        module: { select: { id: true, title: true, position: true, track: { select: { key: true, position: true } } } },
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    }),
    db.enrollment.findMany({
      where: { cohortId, status: { in: COUNTED_ENROLLMENT_STATUSES } },
      select: { id: true, personId: true, attendanceFrom: true, person: { select: { name: true, trainee: { select: { company: true } } } } },
      orderBy: [{ person: { name: "asc" } }, { id: "asc" }],
    }),
    db.track.findMany({ select: { key: true }, orderBy: { position: "asc" } }),
  ]);
  // Records and leave of the sessions just read, by the (sessionId, …) indexes rather than a join per row.
  const sessionIds = sessions.map((s) => s.id);
  const [records, leaves] = sessionIds.length
    ? await Promise.all([
        db.attendance.findMany({ where: { sessionId: { in: sessionIds } }, select: { enrollmentId: true, sessionId: true, status: true } }),
        db.leaveRequest.findMany({ where: { sessionId: { in: sessionIds }, status: "approved" }, select: { enrollmentId: true, sessionId: true } }),
      ])
    : [[], []];
  const rule = cohort.excusedLeaveDenominator;
  const standing = (statuses: readonly (SessionStanding | null)[]): Standing => {
    const counts = countStatuses(statuses);
    return { ...counts, ...rateFromCounts(counts, rule) };
  };
  const column = new Map(sessions.map((s, index) => [s.id, index]));
  const phases = sessions.map((s) => sessionPhase(s, now));
  const recorded = new Map<string, (AttendanceStatus | null)[]>();
  for (const r of records) {
    const list = recorded.get(r.enrollmentId) ?? recorded.set(r.enrollmentId, new Array(sessions.length).fill(null)).get(r.enrollmentId)!;
    list[column.get(r.sessionId)!] = r.status as AttendanceStatus;
  }
  const onLeave = new Set(leaves.map((l) => `${l.enrollmentId}|${l.sessionId}`));

  const rows: GridRow[] = enrollments.map((e) => {
    const own = recorded.get(e.id);
    const cells = sessions.map((s, i) =>
      phases[i] === "held"
        ? effectiveStatus({
            recorded: own?.[i] ?? null,
            approvedLeave: onLeave.has(`${e.id}|${s.id}`),
            held: true,
            beforeJoining: isBeforeJoining(s, e.attendanceFrom),
          })
        : null,
    );
    return { enrollmentId: e.id, personId: e.personId, name: e.person.name, company: e.person.trainee?.company ?? null, cells, standing: standing(cells) };
  });
  const columnCells = (i: number) => rows.map((row) => row.cells[i] ?? null);
  const cellsWhere = (keep: (s: (typeof sessions)[number]) => boolean) =>
    sessions.flatMap((s, i) => (keep(s) ? columnCells(i) : []));

  const modules = [...new Map(sessions.map((s) => [s.module.id, s.module])).values()].sort(
    (a, b) => a.track.position - b.track.position || a.position - b.position || a.title.localeCompare(b.title),
  );
  return {
    excusedLeaveDenominator: rule,
    sessions: sessions.map((s, i) => ({
      id: s.id,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      moduleId: s.module.id,
      trackKey: s.module.track.key as TrackKey,
      phase: phases[i]!,
      standing: standing(columnCells(i)),
    })),
    rows,
    modules: modules.map((m) => ({
      id: m.id,
      title: m.title,
      trackKey: m.track.key as TrackKey,
      standing: standing(cellsWhere((s) => s.module.id === m.id)),
    })),
    tracks: tracks.map((t) => ({ trackKey: t.key as TrackKey, standing: standing(cellsWhere((s) => s.module.track.key === t.key)) })),
    cohort: standing(rows.flatMap((row) => row.cells)),
  };
}
