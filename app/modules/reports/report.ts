// What a report holds, as plain JSON (numbers, strings, arrays): the page, the
// workbook, the print view and other systems read the same object. Shared with
// the browser, so nothing here touches the server.
import type { SessionKind, TrackKey } from "~/modules/academy/tracks.ts";

/** Calendar dates YYYY-MM-DD, both inclusive, in the academy's time zone. */
export type ReportRange = { from: string; to: string };

/** Person-times (人次): one person at one held session, present or late. */
export type PersonTimes = { trainees: number; guests: number; total: number };

/** Attended (present or late) over counted, where each cohort's rule says whether excused sessions count. */
export type AttendanceFigure = { attended: number; counted: number; rate: number | null };

/** Scheduled length of held sessions, and the credit hours (学时) of the modules those sessions belong to. */
export type HoursFigure = { scheduledHours: number; creditHours: number };

export const breakdownKinds = ["cohort", "organiser", "level", "district", "industry", "track", "month"] as const;
export type BreakdownKind = (typeof breakdownKinds)[number];

/** One row of a breakdown; `key` is what the row's list filters on (a cohort id, an organisation id, a month…). */
export type BreakdownRow = {
  key: string;
  /** Shown as is (a cohort's title, an organisation's name); null when the page translates `key` (tracks, levels, "not given"). */
  label: string | null;
  /** A second line: the cohort's code, the organisation's level. */
  detail: string | null;
  /** Held sessions (null for district and industry rows, which count people, not sessions). */
  sessions: number | null;
  personTimes: PersonTimes;
  /** Distinct trainees with at least one attendance (district and industry only; null elsewhere). */
  trainees: number | null;
  hours: HoursFigure | null;
  attendance: AttendanceFigure;
  /** Cohort rows: whether excused sessions leave the denominator (the cohort's rule). Null for rows over several cohorts. */
  excusedLeaveDenominator: boolean | null;
};

export type Breakdown = {
  kind: BreakdownKind;
  rows: BreakdownRow[];
  /** Whether rows overlap (a cohort co-organised by three federations counts for each), so they do not add up to the total. */
  overlapping: boolean;
};

export type TripRow = {
  sessionId: string;
  cohortId: string;
  cohortTitle: string;
  moduleTitle: string;
  date: string;
  venue: string | null;
  personTimes: PersonTimes;
};

export type Report = {
  range: ReportRange;
  timeZone: string;
  /** When the figures were counted (ISO 8601, UTC): "held" depends on it. */
  countedAt: string;
  /** Null for the whole academy; otherwise the cohorts the figures are restricted to. */
  cohortIds: string[] | null;
  cohortsHeld: number;
  sessionsHeld: number;
  sessionsByKind: Record<SessionKind, number>;
  personTimes: PersonTimes;
  /** Distinct people: a trainee in two cohorts counts once; an unmatched guest by the mobile number given. */
  people: PersonTimes;
  hours: HoursFigure & { byTrack: ({ track: TrackKey } & HoursFigure)[] };
  attendance: AttendanceFigure & { cohortsExcusedOut: number; cohortsExcusedIn: number };
  certificatesIssued: number;
  /** Site visits and study trips (sessions of kind site_visit) with their head-counts. */
  trips: TripRow[];
  breakdowns: Record<BreakdownKind, Breakdown>;
};

/** The lists a figure links to (/admin/reports/list?figure=…). */
export const listFigures = ["cohorts", "sessions", "personTimes", "people", "certificates"] as const;
export type ListFigure = (typeof listFigures)[number];

/** What a list may be narrowed to: a breakdown row, a session kind or track, trainees or guests. */
export type ListFilter = {
  cohortId?: string;
  organisationId?: string;
  level?: string;
  district?: string;
  industry?: string;
  track?: string;
  month?: string;
  kind?: string;
  who?: "trainees" | "guests";
};

/** One row of a figure's list; the fields a figure does not use are null. */
export type ListRow = {
  id: string;
  cohortTitle: string;
  cohortCode: string | null;
  /** ISO instant (sessions, person-times, certificates). */
  at: string | null;
  moduleTitle: string | null;
  kind: string | null;
  track: string | null;
  hours: number | null;
  creditHours: number | null;
  name: string | null;
  company: string | null;
  /** present | late for person-times; "guest" marks a walk-in. */
  status: string | null;
  guest: boolean;
  count: number | null;
  trainees: number | null;
  guests: number | null;
};

export type ReportList = { figure: ListFigure; total: number; page: number; pages: number; rows: ListRow[] };

/** The value that stands for "not given" in the district and industry breakdowns (and their lists). */
export const NOT_GIVEN = "-";
