// Adding up per-session and per-cell figures into report rows. Pure: the
// database has already counted; these loops run over sessions and cohorts.
import type { ProfileCell } from "./enrollment-figures.server.ts";
import { NOT_GIVEN, type AttendanceFigure, type BreakdownRow, type HoursFigure, type PersonTimes } from "./report.ts";

export type SessionLine = {
  moduleId: string;
  creditHours: number;
  scheduledHours: number;
  trainees: number;
  guests: number;
  attended: number;
  counted: number;
};

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;
const rateOf = (attended: number, counted: number) => (counted === 0 ? null : attended / counted);

/** Running totals of a group of sessions; credit hours count each module once however many of its sessions are held. */
export class Totals {
  sessions = 0;
  scheduledHours = 0;
  trainees = 0;
  guests = 0;
  attended = 0;
  counted = 0;
  readonly modules = new Map<string, number>();

  add(line: SessionLine): this {
    this.sessions += 1;
    this.scheduledHours += line.scheduledHours;
    this.trainees += line.trainees;
    this.guests += line.guests;
    this.attended += line.attended;
    this.counted += line.counted;
    this.modules.set(line.moduleId, line.creditHours);
    return this;
  }

  merge(other: Totals): this {
    this.sessions += other.sessions;
    this.scheduledHours += other.scheduledHours;
    this.trainees += other.trainees;
    this.guests += other.guests;
    this.attended += other.attended;
    this.counted += other.counted;
    for (const [id, hours] of other.modules) this.modules.set(id, hours);
    return this;
  }

  personTimes(): PersonTimes {
    return { trainees: this.trainees, guests: this.guests, total: this.trainees + this.guests };
  }

  hours(): HoursFigure {
    let credit = 0;
    for (const hours of this.modules.values()) credit += hours;
    return { scheduledHours: round(this.scheduledHours), creditHours: round(credit) };
  }

  attendance(): AttendanceFigure {
    return { attended: this.attended, counted: this.counted, rate: rateOf(this.attended, this.counted) };
  }

  row(key: string, label: string | null, detail: string | null, excusedLeaveDenominator: boolean | null): BreakdownRow {
    return {
      key,
      label,
      detail,
      sessions: this.sessions,
      personTimes: this.personTimes(),
      trainees: null,
      hours: this.hours(),
      attendance: this.attendance(),
      excusedLeaveDenominator,
    };
  }
}

/**
 * District or industry rows from cells of (cohort, value): attended records,
 * and absence derived as in attendance/standing.server.ts — every counted
 * enrollment is expected at each of its cohort's held sessions (but those
 * before a late joiner joined), and what has no record and no approved leave
 * is absent. Each cohort's rule decides
 * whether excused sessions count.
 */
export function assembleProfileBreakdown(
  data: { cells: ProfileCell[]; trainees: Map<string | null, number> },
  heldByCohort: Map<string, number>,
  ruleOf: Map<string, boolean>,
): BreakdownRow[] {
  const rows = new Map<string, { attended: number; counted: number }>();
  for (const cell of data.cells) {
    const held = heldByCohort.get(cell.cohortId) ?? 0;
    const recorded = cell.present + cell.late + cell.excused + cell.absent;
    const attended = cell.present + cell.late;
    const absent = cell.absent + Math.max(0, cell.enrolled * held - recorded - cell.leaves - cell.notJoined);
    const excused = cell.excused + cell.leaves;
    const counted = attended + absent + (ruleOf.get(cell.cohortId) === false ? excused : 0);
    const key = cell.value ?? NOT_GIVEN;
    const row = rows.get(key) ?? { attended: 0, counted: 0 };
    row.attended += attended;
    row.counted += counted;
    rows.set(key, row);
  }
  return [...rows.entries()]
    .map(([key, row]): BreakdownRow => ({
      key,
      label: key === NOT_GIVEN ? null : key,
      detail: null,
      sessions: null,
      personTimes: { trainees: row.attended, guests: 0, total: row.attended },
      trainees: data.trainees.get(key === NOT_GIVEN ? null : key) ?? 0,
      hours: null,
      attendance: { attended: row.attended, counted: row.counted, rate: rateOf(row.attended, row.counted) },
      excusedLeaveDenominator: null,
    }))
    .sort((a, b) => (a.key === NOT_GIVEN ? 1 : b.key === NOT_GIVEN ? -1 : b.personTimes.total - a.personTimes.total || a.key.localeCompare(b.key)));
}
