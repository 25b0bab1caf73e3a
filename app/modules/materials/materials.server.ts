// Materials of a module: files checked by their content and kept under the data
// folder, and links. A file is served only to the people of the module's
// cohort; to anybody else it does not exist.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can } from "~/modules/accounts/authorization.server.ts";
import { seatHoldingStatuses } from "~/modules/cohorts/cohorts.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { messageWithValues } from "~/utils/messages.ts";
import type { TrackKey } from "~/modules/academy/tracks.ts";
import { detectFileTypes, extensionOf, fileTypes, materialFileTypes, type FileTypeKey } from "~/modules/files/file-types.ts";
import { openStoredFile, removeIfUnreferenced, storedFileExists, storeFile } from "~/modules/files/file-storage.server.ts";
import { formatBytes, isWebAddress, MAX_MATERIAL_BYTES, typeOfMime, type MaterialKind, type MaterialView } from "./materials.ts";

type Tx = Prisma.TransactionClient;
export type UploadedFile = { name: string; bytes: Uint8Array };

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** The name offered again on download: no folders, no control characters, not endless. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // Control and format characters go too: a right-to-left override (U+202E) makes "exe.pdf" look like "fdp.exe".
  const cleaned = base.replace(/[\p{Cc}\p{Cf}\u2028\u2029"<>|:*?]/gu, "").replace(/\s+/g, " ").trim();
  const extension = extensionOf(cleaned);
  if (cleaned.length <= 200) return cleaned || "file";
  return cleaned.slice(0, 200 - extension.length) + extension;
}

/**
 * The file's type, from its content; the name's extension must agree with it.
 * Refusals name the file and say what is accepted.
 */
export function checkUploadedFile(
  file: UploadedFile,
  rules: { accepted: readonly FileTypeKey[]; maxBytes: number; typeMessage: string },
): FileTypeKey {
  const name = cleanFileName(file.name);
  if (file.bytes.byteLength === 0) throw new DomainError(messageWithValues("faculty.errors.fileEmpty", { name }), "file");
  if (file.bytes.byteLength > rules.maxBytes) {
    throw new DomainError(messageWithValues("faculty.errors.fileTooLarge", { name, limit: formatBytes(rules.maxBytes) }), "file");
  }
  const candidates = detectFileTypes(file.bytes).filter((key) => rules.accepted.includes(key));
  const first = candidates[0];
  if (!first) throw new DomainError(messageWithValues(rules.typeMessage, { name }), "file");
  const extension = extensionOf(name);
  const matching = candidates.find((key) => fileTypes[key].extensions.includes(extension));
  if (matching) return matching;
  const expected = fileTypes[first].extensions.join(" / ");
  throw new DomainError(
    extension
      ? messageWithValues("faculty.errors.fileExtension", { name, type: fileTypes[first].label, extension, expected })
      : messageWithValues("faculty.errors.fileNoExtension", { name, type: fileTypes[first].label, expected }),
    "file",
  );
}

async function moduleOfCohort(client: Tx | typeof db, cohortId: string, moduleId: string): Promise<void> {
  const found = await client.module.findFirst({ where: { id: moduleId, cohortId }, select: { id: true } });
  if (!found) notFound();
}

const titleFromFileName = (name: string) => {
  const extension = extensionOf(name);
  return (extension ? name.slice(0, -extension.length) : name).trim().slice(0, 200) || name.slice(0, 200);
};

export async function addFileMaterial(input: {
  cohortId: string;
  moduleId: string;
  title?: string | null;
  file: UploadedFile;
  actor: Pick<CurrentUser, "id">;
  now?: Date;
}): Promise<{ id: string }> {
  await moduleOfCohort(db, input.cohortId, input.moduleId);
  const type = checkUploadedFile(input.file, {
    accepted: materialFileTypes,
    maxBytes: MAX_MATERIAL_BYTES,
    typeMessage: "faculty.errors.fileType",
  });
  const fileName = cleanFileName(input.file.name);
  const stored = await storeFile(input.file.bytes);
  const material = await db.material.create({
    data: {
      moduleId: input.moduleId,
      kind: "file",
      title: input.title?.trim() || titleFromFileName(fileName),
      storagePath: stored.storagePath,
      fileName,
      mimeType: fileTypes[type].mimeType,
      sizeBytes: stored.size,
      uploadedById: input.actor.id,
      createdAt: input.now,
    },
    select: { id: true },
  });
  // Another copy of the same content may have been removed between the write and the row.
  if (!(await storedFileExists(stored.storagePath))) await storeFile(input.file.bytes);
  return material;
}

export async function addLinkMaterial(input: {
  cohortId: string;
  moduleId: string;
  title: string;
  url: string;
  actor?: Pick<CurrentUser, "id">;
  now?: Date;
}): Promise<{ id: string }> {
  const url = input.url.trim();
  if (!isWebAddress(url)) throw new DomainError("faculty.errors.urlInvalid", "url");
  const title = input.title.trim();
  if (!title) throw new DomainError("faculty.errors.titleRequired", "title");
  await moduleOfCohort(db, input.cohortId, input.moduleId);
  return db.material.create({
    data: {
      moduleId: input.moduleId,
      kind: "link",
      title: title.slice(0, 200),
      url: new URL(url).toString(),
      uploadedById: input.actor?.id ?? null,
      createdAt: input.now,
    },
    select: { id: true },
  });
}

/** Removes a material of a module of `cohortId`; its file goes too unless a copy still uses it. */
export async function removeMaterial(cohortId: string, materialId: string): Promise<void> {
  const material = await db.material.findFirst({
    where: { id: materialId, module: { cohortId } },
    select: { id: true, storagePath: true },
  });
  if (!material) notFound();
  // Removed twice at once (a double click): the second finds nothing left to remove.
  const { count } = await db.material.deleteMany({ where: { id: material.id } });
  if (count === 0) notFound();
  if (material.storagePath) await removeIfUnreferenced(material.storagePath);
}

/**
 * The stored files of the materials matching `where`. Deleting a module (or a
 * cohort) deletes its materials by cascade: read these first, and after the
 * deletion has committed hand them to removeFilesIfUnreferenced.
 */
export async function storedFilesOf(client: Tx | typeof db, where: Prisma.MaterialWhereInput): Promise<string[]> {
  const rows = await client.material.findMany({ where: { ...where, storagePath: { not: null } }, select: { storagePath: true } });
  return [...new Set(rows.map((row) => row.storagePath!))];
}

export async function removeFilesIfUnreferenced(storagePaths: readonly string[]): Promise<void> {
  for (const storagePath of new Set(storagePaths)) await removeIfUnreferenced(storagePath);
}

const materialSelect = {
  id: true,
  kind: true,
  title: true,
  url: true,
  fileName: true,
  mimeType: true,
  sizeBytes: true,
  createdAt: true,
} satisfies Prisma.MaterialSelect;

export type MaterialRow = MaterialView & { createdAt: Date; mimeType: string | null };

function toMaterialRow(row: Prisma.MaterialGetPayload<{ select: typeof materialSelect }>): MaterialRow {
  const kind = row.kind as MaterialKind;
  const type = typeOfMime(row.mimeType);
  return {
    id: row.id,
    kind,
    title: row.title,
    // Checked on the way out as well as on the way in: a link is only ever a web address in a page.
    url: kind === "link" && row.url && isWebAddress(row.url) ? row.url : null,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    typeGroup: kind === "link" ? "link" : type.group,
    typeLabel: kind === "link" ? null : type.label,
    createdAt: row.createdAt,
  };
}

/** A module's materials in the order they were added. */
export async function listMaterials(moduleId: string): Promise<MaterialRow[]> {
  const rows = await db.material.findMany({ where: { moduleId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: materialSelect });
  return rows.map(toMaterialRow);
}

/** A module's materials as lists show them: what a page may send to the browser. */
export async function listMaterialViews(moduleId: string): Promise<MaterialView[]> {
  return (await listMaterials(moduleId)).map(({ createdAt: _createdAt, mimeType: _mimeType, ...view }) => view);
}

/**
 * Copies a module's materials to another module (a module copied from an
 * earlier cohort). The copies share the stored files; nothing is written to disk.
 */
export async function copyMaterials(tx: Tx, fromModuleId: string, toModuleId: string): Promise<number> {
  const rows = await tx.material.findMany({
    where: { moduleId: fromModuleId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { kind: true, title: true, url: true, storagePath: true, fileName: true, mimeType: true, sizeBytes: true, uploadedById: true },
  });
  if (!rows.length) return 0;
  const { count } = await tx.material.createMany({ data: rows.map((row) => ({ ...row, moduleId: toModuleId })) });
  return count;
}

/**
 * Whether `user` is one of the people of the module's cohort: an admin, a
 * trainee holding a seat, staff or an instructor assigned to it, or a
 * lecturer of the module or of one of its sessions.
 */
async function mayReadModuleMaterials(
  user: Pick<CurrentUser, "id" | "permissions">,
  module: { id: string; cohortId: string },
): Promise<boolean> {
  if (can(user, "read:curriculum", "any")) return true;
  const [seat, assignment, lecturer] = await Promise.all([
    db.enrollment.findFirst({
      where: { cohortId: module.cohortId, personId: user.id, status: { in: [...seatHoldingStatuses] } },
      select: { id: true },
    }),
    can(user, "read:curriculum", "cohort")
      ? db.cohortAssignment.findFirst({ where: { cohortId: module.cohortId, personId: user.id }, select: { role: true } })
      : null,
    db.lecturer.findFirst({
      where: {
        personId: user.id,
        OR: [{ modules: { some: { moduleId: module.id } } }, { sessions: { some: { session: { moduleId: module.id } } } }],
      },
      select: { id: true },
    }),
  ]);
  return Boolean(seat ?? assignment ?? lecturer);
}

export type OpenedMaterial = { body: ReadableStream<Uint8Array>; size: number; fileName: string; mimeType: string };

/** The file of a material for `user`; a 404 response when it is not theirs to see (or not there). */
export async function openMaterialForUser(
  user: Pick<CurrentUser, "id" | "permissions">,
  materialId: string,
): Promise<OpenedMaterial> {
  const material = await db.material.findUnique({
    where: { id: materialId },
    select: { kind: true, storagePath: true, fileName: true, mimeType: true, title: true, module: { select: { id: true, cohortId: true } } },
  });
  if (!material || material.kind !== "file" || !material.storagePath) notFound();
  if (!(await mayReadModuleMaterials(user, material.module))) notFound();
  const file = await openStoredFile(material.storagePath);
  if (!file) notFound();
  return {
    body: file.body,
    size: file.size,
    fileName: material.fileName ?? material.title,
    mimeType: material.mimeType ?? "application/octet-stream",
  };
}

/** The module a materials page is about; 404 when it is not a module of that cohort. */
export async function getMaterialsModule(cohortId: string, moduleId: string) {
  const module = await db.module.findFirst({
    where: { id: moduleId, cohortId },
    select: { id: true, title: true, track: { select: { key: true } } },
  });
  if (!module) notFound();
  return { id: module.id, title: module.title, track: module.track.key as TrackKey };
}
