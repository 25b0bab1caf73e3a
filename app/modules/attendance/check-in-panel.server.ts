// What the staff session page shows of check-in: the link to the projector,
// the count, flagged check-ins to review, guests, and the settings form.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { canInCohorts } from "~/modules/accounts/authorization.server.ts";
import { formatTime } from "~/utils/time.ts";
import { checkInSettingsOf } from "./check-in-settings.server.ts";
import { checkInCounts, mayRunCheckIn } from "./check-in-screen.server.ts";
import { getCheckInSession } from "./check-in.server.ts";
import { listFlaggedCheckIns } from "./flags.server.ts";
import { listGuests } from "./guests.server.ts";

export async function checkInPanel(user: CurrentUser, sessionId: string, timeZone: string) {
  const session = await getCheckInSession(sessionId);
  if (!session || !(await mayRunCheckIn(user, session, "read:attendance"))) return null;
  const [counts, settings, flags, guests, mayReview] = await Promise.all([
    checkInCounts(sessionId, session.module.cohortId),
    checkInSettingsOf(sessionId),
    listFlaggedCheckIns(sessionId),
    listGuests(user, sessionId),
    mayRunCheckIn(user, session, "update:attendance"),
  ]);
  return {
    sessionId,
    checkedIn: counts.checkedIn,
    expected: counts.expected,
    guestCount: counts.guests,
    settings,
    mayChangeSettings: canInCohorts(user, "update:curriculum"),
    mayReview,
    flags: flags.map((f) => ({ ...f, checkedInAt: f.checkedInAt ? formatTime(f.checkedInAt, timeZone) : null })),
    guests: guests.map((g) => ({ id: g.id, name: g.name, company: g.company, status: g.status, time: formatTime(g.checkedInAt, timeZone), matched: g.matchedPerson?.name ?? null, candidates: g.candidates })),
  };
}
export type CheckInPanelData = NonNullable<Awaited<ReturnType<typeof checkInPanel>>>;
