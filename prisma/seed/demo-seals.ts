// The demo organisations' seals and signatures: red round seals and pen strokes
// drawn at seed time (no real organisation's seal ships with the demo).
import { demoSealPng, demoSignaturePng } from "../../app/modules/certificates/document-samples.server.ts";
import { storeFile } from "../../app/modules/files/file-storage.server.ts";
import type { Prisma } from "../../app/utils/db.server.ts";

/** A signatory for each demo organisation, by kind. */
const signatories = { federation: { signatoryName: "王建国", signatoryTitle: "主席" }, university: { signatoryName: "李文博", signatoryTitle: "院长" } } as const;

export async function seedDemoSeals(tx: Prisma.TransactionClient, organisations: readonly { id: string; name: string; kind: string }[]): Promise<void> {
  for (const organisation of organisations) {
    const [seal, signature] = await Promise.all([storeFile(await demoSealPng(organisation.name)), storeFile(demoSignaturePng(organisation.name))]);
    await tx.organisation.update({
      where: { id: organisation.id },
      data: { sealSha256: seal.sha256, signatureSha256: signature.sha256, ...(organisation.kind === "university" ? signatories.university : signatories.federation) },
    });
  }
}
