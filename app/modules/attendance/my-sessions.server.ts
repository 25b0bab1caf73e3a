// The signed-in trainee's own status at the sessions their cards show.
import type { SessionStanding } from "./rules.ts";
import { personStanding } from "./standing.server.ts";

/** The person's effective status at every session of the given cohorts they hold a counted seat in (their own data only). */
export async function myStatusBySession(input: { personId: string; cohortIds: readonly string[]; now: Date }): Promise<Map<string, SessionStanding | null>> {
  const standings = await Promise.all(
    [...new Set(input.cohortIds)].map((cohortId) => personStanding({ personId: input.personId, cohortId, now: input.now })),
  );
  return new Map(standings.flatMap((standing) => standing?.sessions.map((s) => [s.sessionId, s.status] as const) ?? []));
}
