// Organisations' seals (公章) and signatures as printed on certificates: PNGs
// with transparency that admins upload, kept in the content-addressed file
// store, and who signs for the organisation.
import { can, forbidden } from "~/modules/accounts/authorization.server.ts";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { readStoredFile, removeIfUnreferenced, storedFileExists, storeFile, storedPathOf } from "~/modules/files/file-storage.server.ts";
import { detectFileType, fileTypes } from "~/modules/files/file-types.ts";
import { formatBytes } from "~/modules/materials/materials.ts";
import { cleanFileName, type UploadedFile } from "~/modules/materials/materials.server.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { messageWithValues } from "~/utils/messages.ts";
import { pngSize, type DocumentSeals, type OrganisationSeal } from "./document-layout.ts";

import { MAX_SEAL_BYTES, type SealImageKind } from "./organisation-seals.ts";
export { MAX_SEAL_BYTES, sealImageKinds, type SealImageKind } from "./organisation-seals.ts";
const column = { seal: "sealSha256", signature: "signatureSha256" } as const;

/** Seals speak for the academy's partners: admins only, never staff of a cohort or instructors. */
function requireAdmin(actor: Pick<CurrentUser, "permissions">): void {
  if (!can(actor, "update:cohort", "any")) forbidden();
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

const organisationSelect = {
  id: true,
  name: true,
  shortName: true,
  kind: true,
  level: true,
  sealSha256: true,
  signatureSha256: true,
  signatoryName: true,
  signatoryTitle: true,
} as const;

export async function listOrganisations(actor: Pick<CurrentUser, "permissions">) {
  requireAdmin(actor);
  return db.organisation.findMany({ select: organisationSelect, orderBy: { name: "asc" } });
}

export async function getOrganisation(actor: Pick<CurrentUser, "permissions">, organisationId: string) {
  requireAdmin(actor);
  return (await db.organisation.findUnique({ where: { id: organisationId }, select: organisationSelect })) ?? notFound();
}

/** Whether the PNG can show paper through it: an alpha channel (grey or colour with alpha) or a tRNS chunk. */
export function pngHasTransparency(bytes: Uint8Array): boolean {
  const colourType = bytes[25];
  if (colourType === 4 || colourType === 6) return true;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === "tRNS") return true;
    if (type === "IDAT" || type === "IEND") return false;
    at += 12 + length;
  }
  return false;
}

/** Checks an uploaded seal or signature by its content: a PNG, with transparency, at most 1 MB. */
export function checkSealImage(file: UploadedFile): void {
  const name = cleanFileName(file.name);
  if (file.bytes.byteLength === 0) throw new DomainError(messageWithValues("organisations.errors.imageEmpty", { name }), "image");
  if (file.bytes.byteLength > MAX_SEAL_BYTES) {
    throw new DomainError(messageWithValues("organisations.errors.imageTooLarge", { name, limit: formatBytes(MAX_SEAL_BYTES) }), "image");
  }
  if (detectFileType(file.bytes) !== "png" || !pngSize(file.bytes)) {
    throw new DomainError(messageWithValues("organisations.errors.imageNotPng", { name }), "image");
  }
  if (!pngHasTransparency(file.bytes)) throw new DomainError(messageWithValues("organisations.errors.imageOpaque", { name }), "image");
}

type Context = { actor: Pick<CurrentUser, "id" | "permissions">; request?: Request; now: Date };

export async function setOrganisationImage(organisationId: string, kind: SealImageKind, file: UploadedFile, { actor, request, now }: Context) {
  requireAdmin(actor);
  const organisation = await db.organisation.findUnique({ where: { id: organisationId }, select: { sealSha256: true, signatureSha256: true } });
  if (!organisation) notFound();
  checkSealImage(file);
  const stored = await storeFile(file.bytes);
  await db.$transaction(async (tx) => {
    await tx.organisation.update({ where: { id: organisationId }, data: { [column[kind]]: stored.sha256 } });
    await recordAudit({ action: "organisation.seal_changed", actorId: actor.id, targetType: "organisation", targetId: organisationId, request, at: now, detail: { [kind]: stored.sha256 } }, tx);
  });
  // A removal racing this upload may have taken the same file away: put it back.
  if (!(await storedFileExists(stored.storagePath))) await storeFile(file.bytes);
  const previous = organisation[column[kind]];
  if (previous && previous !== stored.sha256) await removeIfUnreferenced(storedPathOf(previous));
}

export async function removeOrganisationImage(organisationId: string, kind: SealImageKind, { actor, request, now }: Context) {
  requireAdmin(actor);
  const organisation = await db.organisation.findUnique({ where: { id: organisationId }, select: { sealSha256: true, signatureSha256: true } });
  if (!organisation) notFound();
  const previous = organisation[column[kind]];
  if (!previous) return;
  await db.$transaction(async (tx) => {
    await tx.organisation.update({ where: { id: organisationId }, data: { [column[kind]]: null } });
    await recordAudit({ action: "organisation.seal_changed", actorId: actor.id, targetType: "organisation", targetId: organisationId, request, at: now, detail: { [kind]: null } }, tx);
  });
  await removeIfUnreferenced(storedPathOf(previous));
}

export async function updateSignatory(organisationId: string, input: { signatoryName: string | null; signatoryTitle: string | null }, { actor, request, now }: Context) {
  requireAdmin(actor);
  const found = await db.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
  if (!found) notFound();
  await db.$transaction(async (tx) => {
    await tx.organisation.update({ where: { id: organisationId }, data: input });
    await recordAudit({ action: "organisation.seal_changed", actorId: actor.id, targetType: "organisation", targetId: organisationId, request, at: now, detail: input }, tx);
  });
}

/** A seal or signature for the admin's preview, or null when there is none. */
export async function openOrganisationImage(actor: Pick<CurrentUser, "permissions">, organisationId: string, kind: SealImageKind) {
  const organisation = await getOrganisation(actor, organisationId);
  const sha256 = organisation[column[kind]];
  const bytes = sha256 ? await readStoredFile(storedPathOf(sha256)).catch(() => null) : null;
  if (!bytes) return null;
  return { body: new Uint8Array(bytes), size: bytes.byteLength, mimeType: fileTypes.png.mimeType, fileName: cleanFileName(`${organisation.name}-${kind}.png`) };
}

async function readPng(sha256: string | null) {
  if (!sha256) return null;
  const bytes = await readStoredFile(storedPathOf(sha256)).catch(() => null);
  const size = bytes && pngSize(bytes);
  return bytes && size ? { bytes: new Uint8Array(bytes), ...size } : null;
}

/** The seals and signatures of `organisationIds` for a batch of certificates (a missing file prints the name alone). */
export async function loadDocumentSeals(organisationIds: readonly string[]): Promise<DocumentSeals> {
  const organisations = await db.organisation.findMany({ where: { id: { in: [...organisationIds] } }, select: organisationSelect });
  const seals = new Map<string, OrganisationSeal>();
  for (const organisation of organisations) {
    seals.set(organisation.id, {
      seal: await readPng(organisation.sealSha256),
      signature: await readPng(organisation.signatureSha256),
      signatoryName: organisation.signatoryName,
      signatoryTitle: organisation.signatoryTitle,
    });
  }
  return seals;
}
