// What a trainee's session card says: where the session stands in the day, and
// once it has ended, where the trainee stands at it. Pure, shared by server and browser.
import type { AttendanceStatus } from "./rules.ts";

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

/**
 * The trainee's status as the card shows it: only once the session has ended,
 * and then what it counts as (see personStanding); null while nothing counts
 * yet, e.g. check-in still open and no record.
 */
export function withMyStatus<Card extends { id: string; state: SessionState }>(
  cards: readonly Card[],
  statusBySession: ReadonlyMap<string, AttendanceStatus | null>,
): (Card & { myStatus: AttendanceStatus | null })[] {
  return cards.map((card) => ({ ...card, myStatus: card.state === "ended" ? (statusBySession.get(card.id) ?? null) : null }));
}
