// The public verification page's lookup: everything the certificate prints (its
// snapshot, never live data) and its status. No sign-in; failed lookups are
// counted per client address, so codes cannot be probed at will.
import { releaseAttempt, reserveAttempt, type ThrottleLimits } from "~/modules/accounts/throttle.server.ts";
import { db } from "~/utils/db.server.ts";
import { clientAddress } from "~/utils/request.server.ts";
import { normaliseVerificationCode, type CertificateSnapshot } from "./certificates.ts";

/** A trainee checking a few typed codes fits; a script walking through codes does not. */
export const VERIFY_ADDRESS_LIMITS: ThrottleLimits = { maxFailures: 20, windowMs: 15 * 60_000 };

export type CertificateStatus =
  | { kind: "valid" }
  | { kind: "revoked"; at: Date; reason: string }
  | { kind: "superseded"; at: Date | null; currentCode: string | null };

export type Verification =
  | { found: true; snapshot: CertificateSnapshot; status: CertificateStatus }
  | { found: false; limited: false }
  | { found: false; limited: true; retryAfterMinutes: number };

async function lookUp(code: string) {
  const certificate = await db.certificate.findUnique({
    where: { verificationCode: code },
    select: { snapshot: true, revokedAt: true, revokedReason: true, supersededAt: true, supersededById: true },
  });
  if (!certificate) return null;
  let status: CertificateStatus = { kind: "valid" };
  if (certificate.revokedAt) status = { kind: "revoked", at: certificate.revokedAt, reason: certificate.revokedReason ?? "" };
  else if (certificate.supersededById) status = { kind: "superseded", at: certificate.supersededAt, currentCode: await currentCodeAfter(certificate.supersededById) };
  return { snapshot: JSON.parse(certificate.snapshot) as CertificateSnapshot, status };
}

/** The end of the chain of reissues that starts at `id`: the certificate that is current now. */
async function currentCodeAfter(id: string): Promise<string | null> {
  let next: string | null = id;
  let code: string | null = null;
  for (let hops = 0; next && hops < 50; hops += 1) {
    const row: { verificationCode: string; supersededById: string | null } | null = await db.certificate.findUnique({
      where: { id: next },
      select: { verificationCode: true, supersededById: true },
    });
    if (!row) break;
    code = row.verificationCode;
    next = row.supersededById;
  }
  return code;
}

export async function verifyCertificate(request: Request, rawCode: string, now: Date): Promise<Verification> {
  const address = clientAddress(request)?.trim().toLowerCase() ?? "unknown";
  const reservation = await reserveAttempt(`verify-ip:${address.slice(0, 64)}`, now, VERIFY_ADDRESS_LIMITS);
  if (!reservation.ok) return { found: false, limited: true, retryAfterMinutes: reservation.retryAfterMinutes };
  const code = normaliseVerificationCode(rawCode);
  const found = code ? await lookUp(code) : null;
  if (!found) return { found: false, limited: false };
  // A genuine certificate costs nothing: only misses count.
  await releaseAttempt(reservation.reservation);
  return { found: true, ...found };
}
