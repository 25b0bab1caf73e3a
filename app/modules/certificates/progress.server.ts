// Where trainees stand against their cohort's certificate rule: the whole
// cohort for staff (who meets it, who nearly does and why not), and one
// trainee's own progress for the portal home.
import { trackKeys } from "~/modules/academy/tracks.ts";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can } from "~/modules/accounts/authorization.server.ts";
import { effectiveStatus, isBeforeJoining, sessionPhase, type AttendanceStatus } from "~/modules/attendance/rules.ts";
import { COUNTED_ENROLLMENT_STATUSES, personStanding, windowSelect } from "~/modules/attendance/standing.server.ts";
import { db } from "~/utils/db.server.ts";
import { evaluateRule, ruleStanding, type CertificateRule, type RuleEvaluation, type RuleStanding, type SessionForRule } from "./certificates.ts";

const ruleSelect = {
  certMinAttendancePercent: true,
  certRequireEveryTrack: true,
  certMinTrackPercent: true,
  certMinCreditHours: true,
  excusedLeaveDenominator: true,
} as const;

export function ruleOf(cohort: {
  certMinAttendancePercent: number;
  certRequireEveryTrack: boolean;
  certMinTrackPercent: number | null;
  certMinCreditHours: number | null;
}): CertificateRule {
  return {
    minAttendancePercent: cohort.certMinAttendancePercent,
    requireEveryTrack: cohort.certRequireEveryTrack,
    minTrackPercent: cohort.certMinTrackPercent,
    minCreditHours: cohort.certMinCreditHours,
  };
}

/** Each module's credit hours spread over its sessions that are not cancelled. */
async function hoursPerSession(cohortId: string): Promise<Map<string, number>> {
  const modules = await db.module.findMany({
    where: { cohortId },
    select: { id: true, creditHours: true, _count: { select: { sessions: { where: { status: { not: "cancelled" } } } } } },
  });
  return new Map(modules.map((m) => [m.id, m._count.sessions === 0 ? 0 : m.creditHours / m._count.sessions]));
}

export type EnrollmentProgress = {
  enrollmentId: string;
  personId: string;
  name: string;
  standing: RuleStanding;
  evaluation: RuleEvaluation;
  /** The enrollment's certificates that are not superseded (the current one, or a revoked one). */
  certificate: { id: string; serial: string; revoked: boolean } | null;
};

export type CohortProgress = { rule: CertificateRule; excusedLeaveDenominator: boolean; enrollments: EnrollmentProgress[] };

/** Every counted enrollment of the cohort against its rule. The caller has checked the actor's access to the cohort. */
export async function cohortProgress(cohortId: string, now: Date): Promise<CohortProgress> {
  const [cohort, sessions, enrollments, records, leaves, hours] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: ruleSelect }),
    db.session.findMany({
      where: { module: { cohortId } },
      select: { ...windowSelect, module: { select: { id: true, track: { select: { key: true } } } } },
    }),
    db.enrollment.findMany({
      where: { cohortId, status: { in: COUNTED_ENROLLMENT_STATUSES } },
      select: {
        id: true,
        personId: true,
        attendanceFrom: true,
        person: { select: { name: true } },
        certificates: { where: { supersededById: null }, select: { id: true, serial: true, revokedAt: true }, orderBy: { issuedAt: "desc" }, take: 1 },
      },
      orderBy: [{ person: { name: "asc" } }, { id: "asc" }],
    }),
    db.attendance.findMany({ where: { session: { module: { cohortId } } }, select: { enrollmentId: true, sessionId: true, status: true } }),
    db.leaveRequest.findMany({ where: { status: "approved", session: { module: { cohortId } } }, select: { enrollmentId: true, sessionId: true } }),
    hoursPerSession(cohortId),
  ]);
  const recorded = new Map(records.map((r) => [`${r.enrollmentId}|${r.sessionId}`, r.status as AttendanceStatus]));
  const onLeave = new Set(leaves.map((l) => `${l.enrollmentId}|${l.sessionId}`));
  const phases = sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, moduleId: s.module.id, trackKey: s.module.track.key as SessionForRule["trackKey"], phase: sessionPhase(s, now) }));
  const rule = ruleOf(cohort);
  return {
    rule,
    excusedLeaveDenominator: cohort.excusedLeaveDenominator,
    enrollments: enrollments.map((enrollment) => {
      const list: SessionForRule[] = phases.map((s) => {
        const key = `${enrollment.id}|${s.id}`;
        return {
          trackKey: s.trackKey,
          moduleId: s.moduleId,
          phase: s.phase,
          status: effectiveStatus({
            recorded: recorded.get(key),
            approvedLeave: onLeave.has(key),
            held: s.phase === "held",
            cancelled: s.phase === "cancelled",
            beforeJoining: isBeforeJoining(s, enrollment.attendanceFrom),
          }),
        };
      });
      const standing = ruleStanding(list, { excusedLeaveDenominator: cohort.excusedLeaveDenominator, hoursPerSession: hours, trackKeys });
      const certificate = enrollment.certificates[0];
      return {
        enrollmentId: enrollment.id,
        personId: enrollment.personId,
        name: enrollment.person.name,
        standing,
        evaluation: evaluateRule(rule, standing),
        certificate: certificate ? { id: certificate.id, serial: certificate.serial, revoked: certificate.revokedAt !== null } : null,
      };
    }),
  };
}

export type MyProgress = { cohortId: string; title: string; rule: CertificateRule; excusedLeaveDenominator: boolean; standing: RuleStanding; evaluation: RuleEvaluation };

/** The trainee's own progress toward the certificate in each cohort they are in (not yet holding one). */
export async function myCertificateProgress(actor: Pick<CurrentUser, "id" | "permissions">, now: Date): Promise<MyProgress[]> {
  if (!can(actor, "read:attendance", "own")) return [];
  const enrollments = await db.enrollment.findMany({
    where: { personId: actor.id, status: { in: COUNTED_ENROLLMENT_STATUSES }, cohort: { status: { in: ["running", "completed"] } } },
    select: { cohortId: true, cohort: { select: { title: true, ...ruleSelect } }, _count: { select: { certificates: { where: { revokedAt: null, supersededById: null } } } } },
    orderBy: { cohort: { startDate: "desc" } },
  });
  const results = await Promise.all(
    enrollments
      .filter((e) => e._count.certificates === 0)
      .map(async (e) => {
        const [standing, hours] = await Promise.all([personStanding({ personId: actor.id, cohortId: e.cohortId, now }), hoursPerSession(e.cohortId)]);
        if (!standing) return null;
        const rule = ruleOf(e.cohort);
        const tallies = ruleStanding(standing.sessions, { excusedLeaveDenominator: e.cohort.excusedLeaveDenominator, hoursPerSession: hours, trackKeys });
        return { cohortId: e.cohortId, title: e.cohort.title, rule, excusedLeaveDenominator: e.cohort.excusedLeaveDenominator, standing: tallies, evaluation: evaluateRule(rule, tallies) };
      }),
  );
  return results.filter((r): r is MyProgress => r !== null);
}
