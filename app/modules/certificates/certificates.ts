// What a certificate certifies, and the cohort's rule for earning one: pure
// functions shared by server and browser. The snapshot is written once, at
// issue time, and everything printed or verified reads it, never live data.
import { z } from "zod";
import type { TrackKey } from "~/modules/academy/tracks.ts";

/** Every field printed on a certificate, as it stood when it was issued. */
export type CertificateSnapshot = {
  serial: string;
  verificationCode: string;
  /** YYYY-MM-DD in the academy's time zone. */
  issuedOn: string;
  traineeName: string;
  cohortTitle: string;
  cohortCode: string;
  startDate: string;
  endDate: string;
  organisers: {
    name: string;
    role: "organiser" | "co_organiser" | "teaching_partner";
    level: string | null;
    organisationId: string;
  }[];
  academyName: string;
  hoursByTrack: { track: TrackKey; hours: number }[];
  totalHours: number;
  attendanceRate: number | null;
  verifyUrl: string;
};

/** The cohort's rule, as staff set it on the cohort form. Percentages are whole numbers. */
export type CertificateRule = {
  minAttendancePercent: number;
  requireEveryTrack: boolean;
  minTrackPercent: number | null;
  minCreditHours: number | null;
};

/** Attended and counted sessions (held, by the cohort's excused-leave rule), and how many are still to come. */
export type Tally = { attended: number; counted: number; upcoming: number };

/** What the rule is evaluated on: overall, per track, and credit hours attended (and still to come). */
export type RuleStanding = {
  overall: Tally;
  tracks: ({ trackKey: TrackKey } & Tally)[];
  creditHours: number;
  upcomingCreditHours: number;
};

/** One thing still missing. `needSessions`: more sessions to attend; null when the sessions left cannot make it up. */
export type Shortfall =
  | { kind: "overall"; percent: number; rate: number | null; needSessions: number | null }
  | { kind: "track"; trackKey: TrackKey; percent: number; rate: number | null; needSessions: number | null }
  | { kind: "trackUnattended"; trackKey: TrackKey; needSessions: number | null }
  | { kind: "hours"; minHours: number; hours: number; needHours: number; reachable: boolean };

export type RuleEvaluation = { eligible: boolean; nearly: boolean; shortfalls: Shortfall[] };

/** Within this many percentage points, two sessions or a tenth of the hours, a trainee "nearly" meets the rule. */
export const NEARLY_POINTS = 10;
const NEARLY_SESSIONS = 2;

const rateOf = (tally: Tally) => (tally.counted === 0 ? null : tally.attended / tally.counted);

/** attended / counted ≥ percent, in whole numbers so that exactly at the threshold passes. */
export function meetsPercent(tally: Pick<Tally, "attended" | "counted">, percent: number): boolean {
  return tally.attended * 100 >= percent * tally.counted;
}

/**
 * The fewest further sessions to attend (of those still to come) to reach
 * `percent`, each adding one to attended and to counted; null when even
 * attending every one left would not do.
 */
export function sessionsNeeded(tally: Tally, percent: number): number | null {
  if (meetsPercent(tally, percent)) return 0;
  if (percent >= 100) return null;
  const need = Math.ceil((percent * tally.counted - 100 * tally.attended) / (100 - percent));
  return need <= tally.upcoming ? need : null;
}

function isNear(shortfall: Shortfall): boolean {
  switch (shortfall.kind) {
    case "overall":
    case "track": {
      if (shortfall.needSessions !== null && shortfall.needSessions <= NEARLY_SESSIONS) return true;
      return shortfall.rate !== null && shortfall.rate * 100 >= shortfall.percent - NEARLY_POINTS;
    }
    case "trackUnattended":
      return shortfall.needSessions !== null;
    case "hours":
      return shortfall.reachable || shortfall.needHours <= shortfall.minHours / 10;
  }
}

/**
 * Whether a trainee meets the cohort's rule, and if not, exactly what is still
 * missing. A track without sessions (none held, none to come) never blocks.
 */
export function evaluateRule(rule: CertificateRule, standing: RuleStanding): RuleEvaluation {
  const shortfalls: Shortfall[] = [];
  const overall = standing.overall;
  if (overall.counted === 0 || !meetsPercent(overall, rule.minAttendancePercent)) {
    shortfalls.push({
      kind: "overall",
      percent: rule.minAttendancePercent,
      rate: rateOf(overall),
      needSessions: overall.counted === 0 ? (overall.upcoming > 0 ? 1 : null) : sessionsNeeded(overall, rule.minAttendancePercent),
    });
  }
  for (const track of standing.tracks) {
    if (track.counted === 0 && track.upcoming === 0) continue;
    if (rule.requireEveryTrack && track.attended === 0) {
      shortfalls.push({ kind: "trackUnattended", trackKey: track.trackKey, needSessions: track.upcoming > 0 ? 1 : null });
      continue;
    }
    if (rule.minTrackPercent !== null && track.counted > 0 && !meetsPercent(track, rule.minTrackPercent)) {
      shortfalls.push({
        kind: "track",
        trackKey: track.trackKey,
        percent: rule.minTrackPercent,
        rate: rateOf(track),
        needSessions: sessionsNeeded(track, rule.minTrackPercent),
      });
    }
  }
  if (rule.minCreditHours !== null && standing.creditHours < rule.minCreditHours) {
    const needHours = rule.minCreditHours - standing.creditHours;
    shortfalls.push({
      kind: "hours",
      minHours: rule.minCreditHours,
      hours: standing.creditHours,
      needHours,
      reachable: standing.upcomingCreditHours >= needHours,
    });
  }
  const eligible = shortfalls.length === 0;
  return { eligible, nearly: !eligible && shortfalls.every(isNear), shortfalls };
}

/** One trainee's sessions, as attendance's standing lists them, with each module's credit hours per session. */
export type SessionForRule = {
  trackKey: TrackKey;
  moduleId: string;
  phase: "upcoming" | "open" | "held" | "cancelled";
  /** before_joining: held before the trainee joined, without a record; it counts neither way. */
  status: "present" | "late" | "excused" | "absent" | "before_joining" | null;
};

/**
 * Tallies for the rule from a trainee's sessions: held sessions count by the
 * cohort's excused-leave rule; sessions to come (upcoming or open) are what is
 * left to attend. Credit hours: each session carries its module's hours spread
 * over the module's sessions that are not cancelled.
 */
export function ruleStanding(
  sessions: readonly SessionForRule[],
  input: { excusedLeaveDenominator: boolean; hoursPerSession: ReadonlyMap<string, number>; trackKeys: readonly TrackKey[] },
): RuleStanding {
  const blank = (): Tally => ({ attended: 0, counted: 0, upcoming: 0 });
  const overall = blank();
  const tracks = new Map(input.trackKeys.map((key) => [key, blank()]));
  let creditHours = 0;
  let upcomingCreditHours = 0;
  for (const session of sessions) {
    if (session.phase === "cancelled") continue;
    const tally = tracks.get(session.trackKey) ?? blank();
    tracks.set(session.trackKey, tally);
    const hours = input.hoursPerSession.get(session.moduleId) ?? 0;
    for (const into of [overall, tally]) {
      if (session.phase !== "held") into.upcoming += 1;
      else if (session.status === "present" || session.status === "late") {
        into.attended += 1;
        into.counted += 1;
      } else if (session.status === "absent" || (session.status === "excused" && !input.excusedLeaveDenominator)) into.counted += 1;
    }
    if (session.phase !== "held") upcomingCreditHours += hours;
    else if (session.status === "present" || session.status === "late") creditHours += hours;
  }
  return {
    overall,
    tracks: [...tracks].map(([trackKey, tally]) => ({ trackKey, ...tally })),
    creditHours: Math.round(creditHours * 100) / 100,
    upcomingCreditHours: Math.round(upcomingCreditHours * 100) / 100,
  };
}

/** The academy's serial pattern: {prefix}, {year}, {cohort} (the cohort's code) and {seq} (zero-padded to 3). */
export function formatSerial(pattern: string, parts: { prefix: string; year: string; cohort: string; sequence: number }): string {
  const values: Record<string, string> = { prefix: parts.prefix, year: parts.year, cohort: parts.cohort, seq: String(parts.sequence).padStart(3, "0") };
  const serial = pattern.replace(/\{(prefix|year|cohort|seq)\}/g, (_, key: string) => values[key]!);
  // A pattern without {seq} would repeat; the running number is always there.
  return pattern.includes("{seq}") ? serial : `${serial}-${values.seq}`;
}

const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding: letters and digits only, unambiguous when read aloud. */
export function verificationCodeFrom(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32Alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** A code as printed (32 base32 characters), case and spaces forgiven; null when it cannot be one. */
export function normaliseVerificationCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  return /^[A-Z2-7]{32}$/.test(code) ? code : null;
}

const reason = z
  .string({ required_error: "certificates.errors.reasonRequired" })
  .trim()
  .min(1, "certificates.errors.reasonRequired")
  .max(500, "certificates.errors.reasonTooLong");

/** The forms of the cohort's certificates page, told apart by their button's intent. */
export const CertificateActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("issue") }),
  /** Draws the files of current certificates that have none (a batch the server did not finish). */
  z.object({ intent: z.literal("documents") }),
  z.object({ intent: z.literal("exception"), enrollmentId: z.string({ required_error: "certificates.errors.traineeRequired" }).min(1, "certificates.errors.traineeRequired").max(64), reason }),
  z.object({ intent: z.literal("revoke"), certificateId: z.string().min(1).max(64), reason }),
  z.object({ intent: z.literal("reissue"), certificateId: z.string().min(1).max(64), reason }),
]);

/** One of the trainee's certificates as 我的证书 lists it. */
export type MyCertificate = {
  id: string;
  serial: string;
  cohortTitle: string;
  issuedOn: string;
  status: "valid" | "revoked" | "superseded";
  verifyPath: string;
  credentialPath: string;
  traineeName: string;
  /** The stored PDF and image; only a current certificate is handed out (revoked and superseded ones show their status). */
  files: { pdf: string; image: string } | null;
};
