// What the roll-call, sign-in sheet and paper-entry pages share: the check
// that the reader may mark this session, and the session's header as they show it.
import { academyName, getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireUser, type CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { db } from "~/utils/db.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatDay, formatTimeRange } from "~/utils/time.ts";
import { requireRollCall, rollCallCohort } from "./access.server.ts";
import { sessionPhase } from "./rules.ts";
import { sessionCounts, type SessionCount } from "./standing.server.ts";

export type RollCallHeader = {
  cohortId: string;
  sessionId: string;
  academyName: string;
  cohortTitle: string;
  moduleTitle: string;
  day: string;
  time: string;
  venue: string | null;
  lecturers: string[];
  phase: ReturnType<typeof sessionPhase>;
};

export async function loadRollCallPage(
  request: Request,
  params: { cohortId?: string; sessionId?: string },
  now: Date,
): Promise<{ user: CurrentUser; header: RollCallHeader; language: Language; timeZone: string }> {
  const cohortId = params.cohortId ?? "";
  const sessionId = params.sessionId ?? "";
  const user = await requireUser(request);
  await requireRollCall(user, cohortId, sessionId);
  const [academy, language, session] = await Promise.all([
    getAcademySettings(),
    getLanguage(request),
    db.session.findUniqueOrThrow({
      where: { id: sessionId },
      select: {
        startsAt: true,
        endsAt: true,
        status: true,
        checkInOpensMinutesBefore: true,
        checkInClosesMinutesAfter: true,
        venue: { select: { name: true } },
        lecturers: { select: { lecturer: { select: { name: true } } }, orderBy: { lecturer: { name: "asc" } } },
        module: { select: { title: true, cohort: { select: { title: true } } } },
      },
    }),
  ]);
  return {
    user,
    language,
    timeZone: academy.timeZone,
    header: {
      cohortId,
      sessionId,
      academyName: academyName(academy, language),
      cohortTitle: session.module.cohort.title,
      moduleTitle: session.module.title,
      day: formatDay(session.startsAt, academy.timeZone, language),
      time: formatTimeRange(session.startsAt, session.endsAt, academy.timeZone),
      venue: session.venue?.name ?? null,
      lecturers: session.lecturers.map((l) => l.lecturer.name),
      phase: sessionPhase(session, now),
    },
  };
}

/** For the staff session page: the session's counts, and whether the reader may mark it. */
export async function sessionAttendanceSummary(
  actor: Pick<CurrentUser, "id" | "permissions">,
  sessionId: string,
  now: Date,
): Promise<{ counts: SessionCount | null; canMark: boolean }> {
  const [counts, cohortId] = await Promise.all([sessionCounts({ sessionIds: [sessionId], now }), rollCallCohort(actor, sessionId)]);
  return { counts: counts[0] ?? null, canMark: cohortId !== null };
}
