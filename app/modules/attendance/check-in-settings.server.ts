// A session's check-in settings: the window around it, the late threshold and whether guests may check in.
import { db } from "~/utils/db.server.ts";
import type { CheckInSettings } from "./check-in.ts";
import { DEFAULT_CLOSES_MINUTES_AFTER, DEFAULT_OPENS_MINUTES_BEFORE } from "./rules.ts";

export async function checkInSettingsOf(sessionId: string) {
  const s = await db.session.findUniqueOrThrow({
    where: { id: sessionId },
    select: { checkInOpensMinutesBefore: true, checkInClosesMinutesAfter: true, lateAfterMinutes: true, openToGuests: true, module: { select: { cohort: { select: { lateAfterMinutes: true } } } } },
  });
  return {
    opensMinutesBefore: s.checkInOpensMinutesBefore ?? DEFAULT_OPENS_MINUTES_BEFORE,
    closesMinutesAfter: s.checkInClosesMinutesAfter ?? DEFAULT_CLOSES_MINUTES_AFTER,
    lateAfterMinutes: s.lateAfterMinutes,
    cohortLateAfterMinutes: s.module.cohort.lateAfterMinutes,
    openToGuests: s.openToGuests,
  };
}

/** The caller has checked that the actor may change this session. */
export async function updateCheckInSettings(sessionId: string, settings: Omit<CheckInSettings, "intent">): Promise<void> {
  await db.session.update({
    where: { id: sessionId },
    data: {
      checkInOpensMinutesBefore: settings.opensMinutesBefore,
      checkInClosesMinutesAfter: settings.closesMinutesAfter,
      lateAfterMinutes: settings.lateAfterMinutes,
      openToGuests: settings.openToGuests,
    },
  });
}
