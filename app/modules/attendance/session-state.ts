// What a trainee's session card adds once the session has ended: where the
// trainee stands at it. Pure, shared by server and browser.
import type { SessionState } from "~/modules/timetable/session-state.ts";
import type { SessionStanding } from "./rules.ts";

/**
 * The trainee's status as the card shows it: only once the session has ended,
 * and then what it counts as (see personStanding); null while nothing counts
 * yet, e.g. check-in still open and no record.
 */
export function withMyStatus<Card extends { id: string; state: SessionState }>(
  cards: readonly Card[],
  statusBySession: ReadonlyMap<string, SessionStanding | null>,
): (Card & { myStatus: SessionStanding | null })[] {
  return cards.map((card) => ({ ...card, myStatus: card.state === "ended" ? (statusBySession.get(card.id) ?? null) : null }));
}
