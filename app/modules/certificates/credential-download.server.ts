// Downloading a certificate's credential (.json): the trainee it was issued to,
// staff of the cohort (not its instructors) and admins. Anyone else is refused.
import { can } from "~/modules/accounts/authorization.server.ts";
import { db } from "~/utils/db.server.ts";
import { mayManageCertificates, type Actor } from "./access.server.ts";
import { storedCredential } from "./credential-issuance.server.ts";

export type CredentialFile = { fileName: string; body: string };

/** The credential file, null for no such certificate; a 403 for someone whose certificate it is not. */
export async function credentialDownload(actor: Actor, certificateId: string, context: { origin: string; now: Date }): Promise<CredentialFile | null> {
  if (certificateId.length > 64) return null;
  const certificate = await db.certificate.findUnique({ where: { id: certificateId }, select: { id: true, serial: true, enrollment: { select: { personId: true, cohortId: true } } } });
  if (!certificate) return null;
  const own = certificate.enrollment.personId === actor.id && can(actor, "read:certificate", "own");
  if (!own && !(await mayManageCertificates(actor, certificate.enrollment.cohortId, "read:certificate"))) throw new Response("Forbidden", { status: 403 });
  return { fileName: `${certificate.serial}.json`, body: await storedCredential(certificate.id, context) };
}
