// Uploaded files (materials, lecturers' photos) kept under the data folder,
// each named by the SHA-256 of its content: the same file is stored once, a
// module copied to a new cohort shares its files, and a stored path can never
// be chosen by a user.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { databaseTarget, db } from "~/utils/db.server.ts";
import { contentDisposition } from "~/utils/download.server.ts";
import { projectRoot } from "~/utils/project-root.server.ts";

/**
 * DATA_DIR when set; else the folder of the SQLite database, so the files live
 * beside the data they belong to; else `data/` in the project. Several app
 * instances on PostgreSQL must share DATA_DIR.
 */
export function dataDir(): string {
  if (process.env.DATA_DIR) return path.resolve(projectRoot, process.env.DATA_DIR);
  const target = databaseTarget();
  return target.provider === "sqlite" ? path.dirname(target.file) : path.join(projectRoot, "data");
}

const storagePathPattern = /^uploads\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

function isStoragePath(value: string): boolean {
  const match = storagePathPattern.exec(value);
  return Boolean(match && match[2]!.startsWith(match[1]!));
}

/** The file behind a stored path; anything not shaped like one we wrote is refused. */
function fullPath(storagePath: string): string {
  if (!isStoragePath(storagePath)) throw new Error("Not a stored file path");
  return path.join(dataDir(), ...storagePath.split("/"));
}

/** Where the store keeps the file with this SHA-256. */
export function storedPathOf(sha256: string): string {
  return `uploads/${sha256.slice(0, 2)}/${sha256}`;
}

export type StoredFile = { storagePath: string; sha256: string; size: number };

/** Writes `bytes` once: to a temporary name, then renamed, so a reader never sees half a file. */
export async function storeFile(bytes: Uint8Array): Promise<StoredFile> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storagePath = storedPathOf(sha256);
  const target = fullPath(storagePath);
  const existing = await stat(target).catch(() => null);
  if (existing?.size !== bytes.byteLength) {
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
  }
  return { storagePath, sha256, size: bytes.byteLength };
}

export async function storedFileExists(storagePath: string): Promise<boolean> {
  return (await stat(fullPath(storagePath)).catch(() => null))?.isFile() ?? false;
}

export async function readStoredFile(storagePath: string): Promise<Buffer> {
  return readFile(fullPath(storagePath));
}

/** A Node stream of a stored file, opened when first read (for archives of many files). */
export function storedFileReadStream(storagePath: string): Readable {
  return createReadStream(fullPath(storagePath));
}

/** A stream of the stored file and its size, or null when the file is missing. */
export async function openStoredFile(storagePath: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null> {
  const file = fullPath(storagePath);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return { body: createReadableStreamFromReadable(createReadStream(file)), size: info.size };
}

/**
 * Deletes the stored file when no material, no lecturer's photo, no organisation's seal or signature and no
 * certificate's PDF or image points at it any more. Call it after the row that used it is gone (outside the
 * transaction that removed it, so a rolled-back removal keeps its file).
 */
export async function removeIfUnreferenced(storagePath: string): Promise<boolean> {
  if (!isStoragePath(storagePath)) return false;
  const sha256 = storagePath.slice(storagePath.lastIndexOf("/") + 1);
  const [materials, photos, seals, certificates] = await Promise.all([
    db.material.count({ where: { storagePath } }),
    db.lecturer.count({ where: { photoPath: storagePath } }),
    db.organisation.count({ where: { OR: [{ sealSha256: sha256 }, { signatureSha256: sha256 }] } }),
    db.certificate.count({ where: { OR: [{ pdfSha256: sha256 }, { imageSha256: sha256 }] } }),
  ]);
  if (materials + photos + seals + certificates > 0) return false;
  await rm(fullPath(storagePath), { force: true });
  return true;
}

/** A stored file as a response only the signed-in reader's browser keeps. */
export function fileResponse(
  file: { body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>; size: number; mimeType: string; fileName: string },
  options: { disposition: "attachment" | "inline"; maxAgeSeconds?: number },
): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(options.disposition, file.fileName),
      // X-Content-Type-Options: nosniff comes with every response from the server, once.
      // Should a browser render it after all, it runs nothing and loads nothing.
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "Cache-Control": options.maxAgeSeconds ? `private, max-age=${options.maxAgeSeconds}` : "private, no-store",
    },
  });
}
