// What people do with their own account: change the password, see and end their sessions.
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { revokeAllSessions } from "./auth-session.server.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";
import type { PasswordProblem } from "./password-policy.ts";
import { checkPassword } from "./password-policy.server.ts";
import { clearThrottle, confirmFailure, releaseAttempt, reserveAttempt, SIGN_IN_LIMITS } from "./throttle.server.ts";

export type PasswordChangeOutcome =
  | { ok: true; sessionsEnded: number }
  | { ok: false; error: "current" }
  | { ok: false; error: "locked"; minutes: number }
  | { ok: false; error: "password"; reason: PasswordProblem };

/**
 * Needs the current password (a borrowed phone with an open session must not be
 * enough), counts wrong ones like failed sign-ins, and ends every other session.
 */
export async function changePassword(input: {
  personId: string;
  authSessionId: string;
  current: string;
  password: string;
  request: Request;
  now: Date;
}): Promise<PasswordChangeOutcome> {
  const key = `password:${input.personId}`;
  // Counted before the current password is checked, so parallel guesses get no more than the limit.
  const attempt = await reserveAttempt(key, input.now, SIGN_IN_LIMITS);
  if (!attempt.ok) return { ok: false, error: "locked", minutes: attempt.retryAfterMinutes };
  const person = await db.person.findUniqueOrThrow({
    where: { id: input.personId },
    select: { passwordHash: true, name: true, mobile: true, email: true },
  });
  if (!person.passwordHash || !(await verifyPassword(person.passwordHash, input.current))) {
    await confirmFailure(attempt.reservation, SIGN_IN_LIMITS);
    return { ok: false, error: "current" };
  }
  await releaseAttempt(attempt.reservation);
  const check = checkPassword(input.password, person);
  if (!check.ok) return { ok: false, error: "password", reason: check.reason };
  const passwordHash = await hashPassword(input.password);
  const sessionsEnded = await db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: input.personId }, data: { passwordHash } });
    const ended = await revokeAllSessions(tx, input.personId, input.now, { except: input.authSessionId });
    await recordAudit({ action: "auth.password_changed", actorId: input.personId, targetType: "person", targetId: input.personId, request: input.request, at: input.now, detail: { sessionsEnded: ended } }, tx);
    return ended;
  });
  await clearThrottle([key]);
  return { ok: true, sessionsEnded };
}

/** "Sign out everywhere else": every session but this one. */
export async function endOtherSessions(input: { personId: string; authSessionId: string; request: Request; now: Date }): Promise<number> {
  return db.$transaction(async (tx) => {
    const ended = await revokeAllSessions(tx, input.personId, input.now, { except: input.authSessionId });
    await recordAudit({ action: "auth.sessions_ended", actorId: input.personId, targetType: "person", targetId: input.personId, request: input.request, at: input.now, detail: { ended } }, tx);
    return ended;
  });
}
