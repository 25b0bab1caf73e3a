// Tokens with which other systems read the academy's report figures at
// GET /api/reports. A token is 256 random bits, shown once when made; only its
// SHA-256 is kept, so the database cannot give one back. A token may be limited
// to one organisation's cohorts (those it organises or co-organises), is used
// for reading only, and stops working the moment an admin revokes it.
import { can, forbidden } from "~/modules/accounts/authorization.server.ts";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { cohortsOfOrganisations } from "~/modules/accounts/organisation-viewers.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { randomToken, sha256 } from "~/utils/hashing.server.ts";
import { REPORT_TOKEN_PREFIX, reportTokenPattern, type ReportTokenCreateInput } from "./api-tokens.ts";

type Actor = Pick<CurrentUser, "id" | "permissions">;
type Context = { actor: Actor; request?: Request; now: Date };

/** The figures of the whole academy leave with a token: admins only. */
function requireAdmin(actor: Pick<CurrentUser, "permissions">): void {
  if (!(can(actor, "read:report", "any") && can(actor, "update:cohort", "any"))) forbidden();
}

export type ReportTokenRow = {
  id: string;
  name: string;
  organisation: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function listReportTokens(actor: Actor): Promise<ReportTokenRow[]> {
  requireAdmin(actor);
  const tokens = await db.reportApiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 200,
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true, organisation: { select: { name: true } } },
  });
  return tokens.map(({ organisation, ...token }) => ({ ...token, organisation: organisation?.name ?? null }));
}

/** Makes a token and returns it, the one time it can be seen. */
export async function createReportToken(input: ReportTokenCreateInput, { actor, request, now }: Context): Promise<{ id: string; token: string }> {
  requireAdmin(actor);
  return db.$transaction(async (tx) => {
    if (input.organisationId) {
      const organisation = await tx.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true } });
      if (!organisation) throw new DomainError("reportTokens.errors.organisationUnknown", "organisationId");
    }
    const token = `${REPORT_TOKEN_PREFIX}${randomToken()}`;
    const row = await tx.reportApiToken.create({
      data: { name: input.name, tokenHash: sha256(token), organisationId: input.organisationId, createdById: actor.id, createdAt: now },
      select: { id: true },
    });
    await recordAudit(
      { action: "report_token.created", actorId: actor.id, targetType: "report_token", targetId: row.id, request, at: now, detail: { name: input.name, organisationId: input.organisationId } },
      tx,
    );
    return { id: row.id, token };
  });
}

export async function revokeReportToken(tokenId: string, { actor, request, now }: Context): Promise<void> {
  requireAdmin(actor);
  await db.$transaction(async (tx) => {
    const { count } = await tx.reportApiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new DomainError("reportTokens.errors.notFound");
    await recordAudit({ action: "report_token.revoked", actorId: actor.id, targetType: "report_token", targetId: tokenId, request, at: now }, tx);
  });
}

// lastUsedAt is written at most this often, not on every call.
const TOUCH_INTERVAL_MS = 60_000;

export type TokenAccess = { tokenId: string; cohortIds: string[] | null };

/**
 * The access a presented token gives: the whole academy (cohortIds null) or
 * its organisation's cohorts; null for a malformed, unknown or revoked token.
 */
export async function authenticateReportToken(presented: string, now: Date): Promise<TokenAccess | null> {
  if (!reportTokenPattern.test(presented)) return null;
  const token = await db.reportApiToken.findUnique({
    where: { tokenHash: sha256(presented) },
    select: { id: true, revokedAt: true, organisationId: true, lastUsedAt: true },
  });
  if (!token || token.revokedAt) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.reportApiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  if (!token.organisationId) return { tokenId: token.id, cohortIds: null };
  const cohorts = await db.cohort.findMany({ where: cohortsOfOrganisations([token.organisationId]), select: { id: true } });
  return { tokenId: token.id, cohortIds: cohorts.map((cohort) => cohort.id) };
}
