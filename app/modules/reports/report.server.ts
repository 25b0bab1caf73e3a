// The academy's report for a date range: every figure of the page, the
// workbook, the print view and the JSON endpoint. The counting happens in
// the database (figures.server.ts); here the per-session and per-cohort
// totals are put together into figures and breakdowns.
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { sessionKinds, trackKeys, type SessionKind, type TrackKey } from "~/modules/academy/tracks.ts";
import { db } from "~/utils/db.server.ts";
import { localDate } from "~/utils/time.ts";
import { assembleProfileBreakdown, Totals } from "./totals.ts";
import { countedCohorts, enrollmentFigures } from "./enrollment-figures.server.ts";
import { certificatesIssued, cohortFacts, countedEnrollmentsByCohort, emptyTally, heldSessions, uncountedPairs } from "./figures.server.ts";
import { monthsOf } from "./range.ts";
import type { Breakdown, BreakdownRow, Report, ReportRange, TripRow } from "./report.ts";
import { reportScope } from "./scope.server.ts";

const HOUR = 3_600_000;
const levels = ["province", "city", "county"] as const;

export async function loadReport(input: { range: ReportRange; cohortIds: readonly string[] | null; now?: Date }): Promise<Report> {
  const now = input.now ?? new Date();
  const { timeZone } = await getAcademySettings();
  const scope = await reportScope({ range: input.range, cohortIds: input.cohortIds, timeZone, now });
  // Every query starts at once on the pool: the cohorts held are read from the sessions alone,
  // so the per-enrollment figures do not wait for the per-session tallies.
  const uncounted = uncountedPairs(scope);
  const [{ sessions, tallies }, certificates, [cohortIds, enrolled, cohorts, byEnrollment]] = await Promise.all([
    heldSessions(scope, uncounted),
    certificatesIssued(scope, input.cohortIds),
    countedCohorts(scope).then((held) => {
      const ids = [...held.whole, ...held.partial];
      return Promise.all([ids, countedEnrollmentsByCohort(ids), cohortFacts(ids), enrollmentFigures(scope, held, uncounted)] as const);
    }),
  ]);
  const { district: districts, industry: industries, people } = byEnrollment;

  const total = new Totals();
  const byCohort = new Map<string, Totals>();
  const byTrack = new Map<string, Totals>(trackKeys.map((k) => [k, new Totals()]));
  const byMonth = new Map<string, Totals>(monthsOf(input.range).map((m) => [m, new Totals()]));
  const byKind = new Map<string, number>();
  const heldByCohort = new Map<string, number>();
  const tripSessions: typeof sessions = [];
  for (const session of sessions) {
    const cohort = cohorts.get(session.cohortId);
    const tally = tallies.get(session.id) ?? emptyTally();
    const expected = enrolled.get(session.cohortId) ?? 0;
    const recorded = tally.present + tally.late + tally.excused + tally.absent;
    const excused = tally.excused + tally.leaves;
    const absent = tally.absent + Math.max(0, expected - recorded - tally.leaves - tally.notJoined);
    const attended = tally.present + tally.late;
    const line = {
      moduleId: session.moduleId,
      creditHours: session.creditHours,
      scheduledHours: (session.endsAt.getTime() - session.startsAt.getTime()) / HOUR,
      trainees: attended,
      guests: tally.guests,
      attended,
      counted: attended + absent + (cohort?.excusedLeaveDenominator === false ? excused : 0),
    };
    total.add(line);
    byCohort.set(session.cohortId, (byCohort.get(session.cohortId) ?? new Totals()).add(line));
    byTrack.get(session.track)?.add(line);
    byMonth.get(localDate(session.startsAt, timeZone).slice(0, 7))?.add(line);
    byKind.set(session.kind, (byKind.get(session.kind) ?? 0) + 1);
    heldByCohort.set(session.cohortId, (heldByCohort.get(session.cohortId) ?? 0) + 1);
    if (session.kind === "site_visit") tripSessions.push(session);
  }

  const cohortList = [...cohorts.values()].sort((a, b) => a.code.localeCompare(b.code));
  const cohortRows: BreakdownRow[] = cohortList.map((c) => byCohort.get(c.id)!.row(c.id, c.title, c.code, c.excusedLeaveDenominator));
  const organisations = new Map<string, { name: string; level: string | null; totals: Totals }>();
  const byLevel = new Map<string, Totals>(levels.map((l) => [l, new Totals()]));
  for (const c of cohortList) {
    const totals = byCohort.get(c.id)!;
    for (const org of new Map(c.organisations.map((o) => [o.id, o])).values()) {
      const entry = organisations.get(org.id) ?? { name: org.name, level: org.level, totals: new Totals() };
      entry.totals.merge(totals);
      organisations.set(org.id, entry);
    }
    for (const level of new Set(c.organisations.map((o) => o.level).filter((l): l is string => l !== null))) byLevel.get(level)?.merge(totals);
  }
  const organiserRows = [...organisations.entries()]
    .map(([id, o]) => o.totals.row(id, o.name, o.level, null))
    .sort((a, b) => b.personTimes.total - a.personTimes.total || (a.label ?? "").localeCompare(b.label ?? ""));
  const ruleOf = new Map(cohortList.map((c) => [c.id, c.excusedLeaveDenominator]));
  const breakdown = (kind: Breakdown["kind"], rows: BreakdownRow[], overlapping = false): Breakdown => ({ kind, rows, overlapping });

  const trips = await tripRows(tripSessions, tallies, cohorts, timeZone);
  return {
    range: input.range,
    timeZone,
    countedAt: now.toISOString(),
    cohortIds: input.cohortIds === null ? null : [...input.cohortIds],
    cohortsHeld: cohortIds.length,
    sessionsHeld: sessions.length,
    sessionsByKind: Object.fromEntries(sessionKinds.map((k) => [k, byKind.get(k) ?? 0])) as Record<SessionKind, number>,
    personTimes: total.personTimes(),
    people,
    hours: {
      ...total.hours(),
      byTrack: trackKeys.map((track) => ({ track: track as TrackKey, ...byTrack.get(track)!.hours() })),
    },
    attendance: {
      ...total.attendance(),
      cohortsExcusedOut: cohortList.filter((c) => c.excusedLeaveDenominator).length,
      cohortsExcusedIn: cohortList.filter((c) => !c.excusedLeaveDenominator).length,
    },
    certificatesIssued: certificates,
    trips,
    breakdowns: {
      cohort: breakdown("cohort", cohortRows),
      organiser: breakdown("organiser", organiserRows, true),
      level: breakdown("level", levels.map((l) => byLevel.get(l)!.row(l, null, null, null)), true),
      district: breakdown("district", assembleProfileBreakdown(districts, heldByCohort, ruleOf)),
      industry: breakdown("industry", assembleProfileBreakdown(industries, heldByCohort, ruleOf)),
      track: breakdown("track", trackKeys.map((k) => byTrack.get(k)!.row(k, null, null, null))),
      month: breakdown("month", [...byMonth.entries()].map(([m, totals]) => totals.row(m, null, null, null))),
    },
  };
}

async function tripRows(
  sessions: { id: string; cohortId: string; startsAt: Date }[],
  tallies: Map<string, { present: number; late: number; guests: number }>,
  cohorts: Map<string, { title: string }>,
  timeZone: string,
): Promise<TripRow[]> {
  if (sessions.length === 0) return [];
  // Site visits are a handful a year; their titles and venues are read for those alone.
  const details = await db.session.findMany({
    where: { id: { in: sessions.map((s) => s.id) } },
    select: { id: true, module: { select: { title: true } }, venue: { select: { name: true } } },
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  return sessions
    .map((s) => {
      const tally = tallies.get(s.id);
      const trainees = (tally?.present ?? 0) + (tally?.late ?? 0);
      const guests = tally?.guests ?? 0;
      return {
        sessionId: s.id,
        cohortId: s.cohortId,
        cohortTitle: cohorts.get(s.cohortId)?.title ?? "",
        moduleTitle: byId.get(s.id)?.module.title ?? "",
        date: localDate(s.startsAt, timeZone),
        venue: byId.get(s.id)?.venue?.name ?? null,
        personTimes: { trainees, guests, total: trainees + guests },
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.sessionId.localeCompare(b.sessionId));
}
