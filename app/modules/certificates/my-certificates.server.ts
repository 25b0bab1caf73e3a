// 我的证书: the trainee's own certificates, current and past, from their snapshots.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can } from "~/modules/accounts/authorization.server.ts";
import { db } from "~/utils/db.server.ts";
import type { CertificateSnapshot, MyCertificate } from "./certificates.ts";
import { credentialPaths } from "./credential.ts";

export async function myCertificates(actor: Pick<CurrentUser, "id" | "permissions">): Promise<MyCertificate[]> {
  if (!can(actor, "read:certificate", "own")) return [];
  const rows = await db.certificate.findMany({
    where: { enrollment: { personId: actor.id } },
    select: { id: true, serial: true, verificationCode: true, snapshot: true, revokedAt: true, supersededById: true },
    orderBy: [{ issuedAt: "desc" }, { sequence: "desc" }],
  });
  return rows.map((row) => {
    const snapshot = JSON.parse(row.snapshot) as CertificateSnapshot;
    const status = row.revokedAt ? "revoked" : row.supersededById ? "superseded" : "valid";
    return {
      id: row.id,
      serial: row.serial,
      cohortTitle: snapshot.cohortTitle,
      issuedOn: snapshot.issuedOn,
      status,
      verifyPath: `/verify/${row.verificationCode}`,
      credentialPath: credentialPaths.download(row.id),
      traineeName: snapshot.traineeName,
      files: status === "valid" ? { pdf: `/certificates/${row.id}/pdf`, image: `/certificates/${row.id}/png` } : null,
    };
  });
}
