// Where a session stands in the day, as a trainee's card says it. Pure, shared by server and browser.

export type SessionState = "upcoming" | "in_progress" | "ended" | "cancelled";
export const sessionStates = ["upcoming", "in_progress", "ended", "cancelled"] as const satisfies readonly SessionState[];

/**
 * By the session's own times, not its check-in window: a trainee asks whether
 * the lesson has begun or is over, not whether the door is open.
 */
export function sessionState(session: { startsAt: Date; endsAt: Date; cancelled: boolean }, now: Date): SessionState {
  if (session.cancelled) return "cancelled";
  if (now >= session.endsAt) return "ended";
  if (now >= session.startsAt) return "in_progress";
  return "upcoming";
}
