// Each certificate's PDF and image, rendered from its snapshot once and kept in
// the content-addressed file store; the certificate row holds their SHA-256.
// Issuance creates the certificates in its locked transaction and renders their
// documents after it commits (docs/decisions/0016-certificate-files.md): a
// certificate whose files are missing (the server stopped mid-batch) gets them
// on its first download, and from then on every download serves those bytes.
import { openStoredFile, storedFileExists, storedPathOf, storeFile } from "~/modules/files/file-storage.server.ts";
import { db } from "~/utils/db.server.ts";
import type { CertificateSnapshot } from "./certificates.ts";
import { prepareDocumentBatch } from "./document-fonts.server.ts";
import { renderCertificateImage } from "./document-image.server.ts";
import type { DocumentSeals } from "./document-layout.ts";
import { renderCertificatePdf } from "./document-pdf.server.ts";
import { loadDocumentSeals } from "./organisation-seals.server.ts";

export type DocumentKind = "pdf" | "png";
export type DocumentHashes = { pdfSha256: string; imageSha256: string };

/** Certificates in flight: pressed twice (or a download during the batch), a certificate is still drawn once per server. */
const rendering = new Map<string, Promise<DocumentHashes>>();
/** Certificates asked for and not yet looked up: the page shows them as being drawn from the moment the batch commits. */
const asked = new Map<string, number>();

/** How many certificates are drawn at once: enough to keep the image workers busy while PDFs are drawn here. */
const IN_FLIGHT = 4;

/**
 * Renders the PDF and image of every snapshot with one font subset for all of
 * them, images on the worker pool while the PDFs are drawn on this thread, and
 * hands each pair to `done` as it is ready (a certificate that fails is
 * logged and left out).
 */
export async function renderDocumentBatch(
  snapshots: readonly CertificateSnapshot[],
  seals: DocumentSeals,
  done: (index: number, files: { pdf: Uint8Array; image: Uint8Array }) => Promise<void>,
): Promise<void> {
  if (snapshots.length === 0) return;
  const batch = await prepareDocumentBatch(snapshots, seals);
  let next = 0;
  const lane = async () => {
    while (next < snapshots.length) {
      const index = next++;
      const snapshot = snapshots[index]!;
      const image = renderCertificateImage(snapshot, batch, seals);
      // A certificate that cannot be drawn does not stop the rest of the batch; it is drawn again on download.
      image.catch(() => {});
      try {
        const pdf = await renderCertificatePdf(snapshot, batch, seals);
        await done(index, { pdf, image: await image });
      } catch (error) {
        console.error(`Certificate ${snapshot.serial}: its documents could not be drawn.`, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, snapshots.length) }, lane));
}

type Pending = { id: string; snapshot: string };

/** Draws, stores and records the documents of `rows`; the hashes are written only where none are yet. */
async function renderAndStore(rows: readonly Pending[]): Promise<Map<string, DocumentHashes>> {
  const snapshots = rows.map((row) => JSON.parse(row.snapshot) as CertificateSnapshot);
  const seals = await loadDocumentSeals([...new Set(snapshots.flatMap((s) => s.organisers.map((o) => o.organisationId)))]);
  const hashes = new Map<string, DocumentHashes>();
  await renderDocumentBatch(snapshots, seals, async (index, files) => {
    const [pdf, image] = await Promise.all([storeFile(files.pdf), storeFile(files.image)]);
    const id = rows[index]!.id;
    const written = await db.certificate.updateMany({ where: { id, pdfSha256: null }, data: { pdfSha256: pdf.sha256, imageSha256: image.sha256 } });
    if (written.count === 0) {
      // Another server drew it first: its files are the certificate's.
      const row = await db.certificate.findUniqueOrThrow({ where: { id }, select: { pdfSha256: true, imageSha256: true } });
      hashes.set(id, { pdfSha256: row.pdfSha256!, imageSha256: row.imageSha256! });
    } else hashes.set(id, { pdfSha256: pdf.sha256, imageSha256: image.sha256 });
  });
  return hashes;
}

/**
 * Makes sure each of `certificateIds` has its stored PDF and image, drawing
 * those that have none (or whose files are gone) in one batch. Certificates
 * already being drawn on this server are waited for, not drawn again.
 */
export async function ensureDocuments(certificateIds: readonly string[]): Promise<Map<string, DocumentHashes>> {
  for (const id of certificateIds) asked.set(id, (asked.get(id) ?? 0) + 1);
  try {
    return await ensureAsked(certificateIds);
  } finally {
    for (const id of certificateIds) {
      const left = (asked.get(id) ?? 1) - 1;
      if (left > 0) asked.set(id, left);
      else asked.delete(id);
    }
  }
}

async function ensureAsked(certificateIds: readonly string[]): Promise<Map<string, DocumentHashes>> {
  const rows = await db.certificate.findMany({
    where: { id: { in: [...certificateIds] } },
    select: { id: true, snapshot: true, pdfSha256: true, imageSha256: true },
    orderBy: { sequence: "asc" },
  });
  const result = new Map<string, DocumentHashes>();
  const waiting: Promise<void>[] = [];
  const wait = (id: string, job: Promise<DocumentHashes>) => waiting.push(job.then((hashes) => void result.set(id, hashes)));
  const unstored: typeof rows = [];
  for (const row of rows) {
    if (row.pdfSha256 && row.imageSha256 && !rendering.has(row.id) && (await filesPresent(row.pdfSha256, row.imageSha256))) {
      result.set(row.id, { pdfSha256: row.pdfSha256, imageSha256: row.imageSha256 });
    } else unstored.push(row);
  }
  // From here to registering the job nothing is awaited, so two callers cannot both start drawing a certificate.
  const missing = unstored.filter((row) => {
    const inFlight = rendering.get(row.id);
    if (inFlight) wait(row.id, inFlight);
    return !inFlight;
  });
  if (missing.length > 0) {
    const job = (async () => {
      // Files lost from the store (not merely never drawn) are drawn again and their hashes replaced.
      const lost = missing.filter((row) => row.pdfSha256 !== null).map((row) => row.id);
      if (lost.length > 0) await db.certificate.updateMany({ where: { id: { in: lost } }, data: { pdfSha256: null, imageSha256: null } });
      return renderAndStore(missing);
    })();
    for (const row of missing) {
      const one = job.then((hashes) => hashes.get(row.id) ?? Promise.reject(new Error(`Certificate ${row.id}: no documents`)));
      rendering.set(row.id, one);
      // Whatever the outcome, the certificate is no longer in flight; a failure reaches whoever waits.
      one.then(
        () => rendering.delete(row.id),
        () => rendering.delete(row.id),
      );
      wait(row.id, one);
    }
  }
  await Promise.all(waiting);
  return result;
}

async function filesPresent(pdfSha256: string, imageSha256: string): Promise<boolean> {
  const [pdf, image] = await Promise.all([storedFileExists(storedPathOf(pdfSha256)), storedFileExists(storedPathOf(imageSha256))]);
  return pdf && image;
}

/**
 * Starts drawing the documents of `certificateIds` without waiting (a batch of
 * 87 takes seconds; the page shows the progress from the database). A failure
 * is logged; those certificates get their files on first download.
 */
export function ensureDocumentsInBackground(certificateIds: readonly string[]): void {
  if (certificateIds.length === 0) return;
  ensureDocuments(certificateIds).catch((error: unknown) => {
    console.error("Certificate documents could not be drawn; they will be drawn on first download.", error);
  });
}

/** Of the cohort's current certificates, how many have their files, and whether this server is still drawing some. */
export async function documentProgress(cohortId: string): Promise<{ total: number; ready: number; drawing: boolean }> {
  const rows = await db.certificate.findMany({
    where: { enrollment: { cohortId }, supersededById: null, revokedAt: null },
    select: { id: true, pdfSha256: true },
  });
  return {
    total: rows.length,
    ready: rows.filter((row) => row.pdfSha256 !== null).length,
    drawing: rows.some((row) => row.pdfSha256 === null && (rendering.has(row.id) || asked.has(row.id))),
  };
}

/** A certificate's stored document as a stream, drawn first if it has none yet. */
export async function openDocument(certificateId: string, kind: DocumentKind): Promise<{ body: ReadableStream<Uint8Array>; size: number; sha256: string }> {
  const hashes = (await ensureDocuments([certificateId])).get(certificateId);
  if (!hashes) throw new Response("Not found", { status: 404 });
  const sha256 = kind === "pdf" ? hashes.pdfSha256 : hashes.imageSha256;
  const file = await openStoredFile(storedPathOf(sha256));
  if (!file) throw new Error(`Certificate ${certificateId}: stored ${kind} is missing`);
  return { ...file, sha256 };
}
