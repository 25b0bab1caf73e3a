// Invitations: how a person added by staff gets into their account. Each has a
// link (256-bit token) and an 8-digit code that staff can pass on through a
// messaging app; both are stored only as hashes, valid for a week, spent on use.
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { hashesEqual, keyedHash, randomDigits, randomToken, sha256 } from "~/utils/hashing.server.ts";
import { revokeAllSessions } from "./auth-session.server.ts";
import { parseSignInIdentifier } from "./identifiers.ts";
import { hashPassword } from "./password.server.ts";
import type { PasswordProblem } from "./password-policy.ts";
import { checkPassword } from "./password-policy.server.ts";
import { ADDRESS_LIMITS } from "./sign-in.server.ts";
import { clearThrottle, confirmFailure, releaseAttempt, reserveAttempt, type ThrottleLimits } from "./throttle.server.ts";
import { clientAddress } from "~/utils/request.server.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const ACTIVATION_CODE_DIGITS = 8;

export type IssuedInvitation = { token: string; code: string; expiresAt: Date };

/**
 * Issues a new invitation and voids every earlier one of the person. Run it in
 * the transaction that creates or re-invites the person.
 */
export async function issueInvitation(
  tx: Prisma.TransactionClient,
  input: { personId: string; createdById: string | null; now: Date },
): Promise<IssuedInvitation> {
  await tx.invitation.updateMany({
    where: { personId: input.personId, usedAt: null, revokedAt: null },
    data: { revokedAt: input.now },
  });
  const token = randomToken();
  const code = randomDigits(ACTIVATION_CODE_DIGITS);
  const expiresAt = new Date(input.now.getTime() + INVITATION_TTL_MS);
  await tx.invitation.create({
    data: {
      personId: input.personId,
      tokenHash: sha256(token),
      codeHash: keyedHash(code),
      expiresAt,
      createdById: input.createdById,
      createdAt: input.now,
    },
  });
  return { token, code, expiresAt };
}

const openInvitation = (now: Date): Prisma.InvitationWhereInput => ({
  usedAt: null,
  revokedAt: null,
  expiresAt: { gt: now },
  person: { status: { not: "deactivated" } },
});

export type PendingActivation = {
  invitationId: string;
  personName: string;
  /** What the new password may not be (see password-policy). */
  passwordContext: { name: string; mobile: string | null; email: string | null };
};

const pendingSelect = { id: true, codeHash: true, person: { select: { name: true, mobile: true, email: true } } } as const;

function toPending(invitation: { id: string; person: { name: string; mobile: string | null; email: string | null } }): PendingActivation {
  return { invitationId: invitation.id, personName: invitation.person.name, passwordContext: invitation.person };
}

/** The invitation behind an activation link, if it can still be used. */
export async function findInvitationByToken(token: string, now: Date): Promise<PendingActivation | null> {
  const invitation = await db.invitation.findFirst({
    where: { tokenHash: sha256(token), ...openInvitation(now) },
    select: pendingSelect,
  });
  return invitation ? toPending(invitation) : null;
}

/** The invitation matching a mobile number or e-mail and a code, if it can still be used. */
export async function findInvitationByCode(identifier: string, code: string, now: Date): Promise<PendingActivation | null> {
  const parsed = parseSignInIdentifier(identifier);
  if (!parsed) return null;
  const invitation = await db.invitation.findFirst({
    where: {
      ...openInvitation(now),
      person: { status: { not: "deactivated" }, ...(parsed.kind === "mobile" ? { mobile: parsed.value } : { email: parsed.value }) },
    },
    orderBy: { createdAt: "desc" },
    select: pendingSelect,
  });
  if (!invitation || !hashesEqual(invitation.codeHash, keyedHash(code.replace(/\s/g, "")))) return null;
  return toPending(invitation);
}

/**
 * Spends the invitation: sets the person's password and makes the account
 * active. Returns null when the invitation was used, voided or expired in the
 * meantime (two tabs, a re-invite), so the caller can say so.
 */
export async function activateAccount(input: {
  invitationId: string;
  password: string;
  request: Request;
  now: Date;
}): Promise<{ personId: string } | null> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    // Spending it first, conditionally, makes a second use in a race find nothing to spend.
    const spent = await tx.invitation.updateMany({
      where: { id: input.invitationId, ...openInvitation(input.now) },
      data: { usedAt: input.now },
    });
    if (spent.count !== 1) return null;
    const { personId } = await tx.invitation.findUniqueOrThrow({ where: { id: input.invitationId }, select: { personId: true } });
    await tx.person.update({ where: { id: personId }, data: { passwordHash, status: "active" } });
    await revokeAllSessions(tx, personId, input.now);
    await recordAudit({ action: "person.activated", actorId: personId, targetType: "person", targetId: personId, request: input.request, at: input.now }, tx);
    return { personId };
  });
}

/** Eight digits are guessable by brute force; five wrong tries per identifier, then a wait. */
export const ACTIVATION_LIMITS: ThrottleLimits = { maxFailures: 5, windowMs: 15 * 60_000 };

export type ActivationOutcome =
  | { ok: true; personId: string }
  | { ok: false; error: "invalid" | "used" | "password"; passwordError?: PasswordProblem }
  | { ok: false; error: "locked"; minutes: number };

/**
 * Activation with a mobile number (or e-mail) and the code from staff. A wrong
 * code and an unknown identifier get the same answer and count alike.
 */
export async function activateWithCode(input: {
  identifier: string;
  code: string;
  password: string;
  request: Request;
  now: Date;
}): Promise<ActivationOutcome> {
  const parsed = parseSignInIdentifier(input.identifier);
  const key = `activation:${parsed?.value ?? input.identifier.trim().toLowerCase().slice(0, 254)}`;
  const clientAt = clientAddress(input.request);
  const addressKey = clientAt ? `activation-ip:${clientAt}` : null;
  // Each try is counted before the code is looked up, so parallel guesses get no more than the limit.
  const account = await reserveAttempt(key, input.now, ACTIVATION_LIMITS);
  if (!account.ok) return { ok: false, error: "locked", minutes: account.retryAfterMinutes };
  const address = addressKey ? await reserveAttempt(addressKey, input.now, ADDRESS_LIMITS) : null;
  if (address && !address.ok) {
    await releaseAttempt(account.reservation);
    return { ok: false, error: "locked", minutes: address.retryAfterMinutes };
  }

  const pending = await findInvitationByCode(input.identifier, input.code, input.now);
  if (!pending) {
    await confirmFailure(account.reservation, ACTIVATION_LIMITS);
    if (address?.ok) await confirmFailure(address.reservation, ADDRESS_LIMITS);
    await recordAudit({ action: "person.activation_failed", request: input.request, at: input.now, detail: { identifier: input.identifier.slice(0, 100) } });
    return { ok: false, error: "invalid" };
  }
  // The code was right: this try was no guess.
  await releaseAttempt(account.reservation);
  if (address?.ok) await releaseAttempt(address.reservation);
  const check = checkPassword(input.password, pending.passwordContext);
  if (!check.ok) return { ok: false, error: "password", passwordError: check.reason };
  const activated = await activateAccount({ invitationId: pending.invitationId, password: input.password, request: input.request, now: input.now });
  if (!activated) return { ok: false, error: "used" };
  await clearThrottle([key]);
  return { ok: true, personId: activated.personId };
}
