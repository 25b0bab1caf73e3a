// Downloading certificates: a trainee their own current certificate's PDF and
// image; staff of the cohort (and admins) any certificate of the cohort, and all
// of its current certificates as one .zip archive. Always the stored bytes.
import { createReadableStreamFromReadable } from "@remix-run/node";
import yazl from "yazl";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { can } from "~/modules/accounts/authorization.server.ts";
import { fileResponse, storedFileReadStream, storedPathOf } from "~/modules/files/file-storage.server.ts";
import { db } from "~/utils/db.server.ts";
import { contentDisposition } from "~/utils/download.server.ts";
import { messages } from "~/utils/i18n.ts";
import { mayManageCertificates, requireCertificateAccess } from "./access.server.ts";
import type { CertificateSnapshot } from "./certificates.ts";
import { ensureDocuments, openDocument, type DocumentKind } from "./documents.server.ts";

type Actor = Pick<CurrentUser, "id" | "permissions">;
type Status = "valid" | "revoked" | "superseded";

const mimeTypes: Record<DocumentKind, string> = { pdf: "application/pdf", png: "image/png" };
/** Downloads do not change once stored; the reader's browser may keep them for a day. */
const MAX_AGE_SECONDS = 86_400;

export function isDocumentKind(value: string | undefined): value is DocumentKind {
  return value === "pdf" || value === "png";
}

/** Characters no file system or archive tool takes in a name, and control characters. */
const unsafe = /[\p{Cc}\p{Cf}\u2028\u2029/\\"<>|:*?]/gu;

/**
 * "JYZS-2026-AI01-001-张三.pdf"; a certificate that is no longer valid says so
 * in its name ("（已撤销）"), since the file itself stays exactly as issued.
 */
export function documentFileName(input: { serial: string; traineeName: string; status: Status }, kind: DocumentKind): string {
  const mark = input.status === "valid" ? "" : messages["zh-CN"].certificates.files[input.status];
  return `${input.serial}-${input.traineeName}${mark}`.replace(unsafe, "").replace(/\s+/g, " ").trim().slice(0, 150) + `.${kind}`;
}

const statusOf = (row: { revokedAt: Date | null; supersededById: string | null }): Status =>
  row.revokedAt ? "revoked" : row.supersededById ? "superseded" : "valid";

/**
 * Who may download a certificate: its own trainee while it is current (a
 * revoked or superseded one is shown with its status, not handed out again),
 * and staff of its cohort and admins whatever its status. Anyone else: 403.
 */
async function downloadableCertificate(actor: Actor, certificateId: string) {
  const row = await db.certificate.findUnique({
    where: { id: certificateId },
    select: { id: true, serial: true, snapshot: true, revokedAt: true, supersededById: true, enrollment: { select: { personId: true, cohortId: true } } },
  });
  if (!row) throw new Response("Not found", { status: 404 });
  const status = statusOf(row);
  if (await mayManageCertificates(actor, row.enrollment.cohortId, "read:certificate")) return { row, status };
  if (row.enrollment.personId === actor.id && can(actor, "read:certificate", "own")) {
    if (status !== "valid") throw new Response("Gone", { status: 410 });
    return { row, status };
  }
  throw new Response("Forbidden", { status: 403 });
}

/** The certificate's stored PDF or image as a download (the image also shows inline in the page that links it). */
export async function certificateDownload(actor: Actor, certificateId: string, kind: DocumentKind): Promise<Response> {
  const { row, status } = await downloadableCertificate(actor, certificateId);
  const snapshot = JSON.parse(row.snapshot) as CertificateSnapshot;
  const file = await openDocument(row.id, kind);
  const response = fileResponse(
    { body: file.body, size: file.size, mimeType: mimeTypes[kind], fileName: documentFileName({ serial: row.serial, traineeName: snapshot.traineeName, status }, kind) },
    { disposition: "attachment", maxAgeSeconds: MAX_AGE_SECONDS },
  );
  response.headers.set("ETag", `"${file.sha256}"`);
  return response;
}

/** The archive's manifest: one row per certificate, UTF-8 with a byte-order mark so that Excel reads the Chinese. */
function manifestCsv(rows: { serial: string; snapshot: CertificateSnapshot; pdf: string; image: string; pdfSha256: string; imageSha256: string }[]): Buffer {
  const head = messages["zh-CN"].certificates.files.manifest;
  const cell = (value: string | number) => {
    const text = String(value);
    // A leading = + - @ would be read as a formula by a spreadsheet.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [
    [head.serial, head.name, head.issuedOn, head.verifyUrl, head.pdf, head.image, head.pdfSha256, head.imageSha256],
    ...rows.map((r) => [r.serial, r.snapshot.traineeName, r.snapshot.issuedOn, r.snapshot.verifyUrl, r.pdf, r.image, r.pdfSha256, r.imageSha256]),
  ];
  return Buffer.from(`\uFEFF${lines.map((line) => line.map(cell).join(",")).join("\r\n")}\r\n`, "utf8");
}

/**
 * All of the cohort's current certificates (neither revoked nor superseded) as
 * one .zip: each PDF and image named by serial and name, and a manifest. The
 * files are streamed from the store one after another (stored, not compressed
 * again: PDFs and PNGs are compressed already), so memory stays small.
 */
export async function cohortArchive(actor: Actor, cohortId: string): Promise<Response> {
  await requireCertificateAccess(actor, cohortId, "read:certificate");
  const [cohort, certificates] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { title: true, code: true } }),
    db.certificate.findMany({
      where: { enrollment: { cohortId }, revokedAt: null, supersededById: null },
      select: { id: true, serial: true, snapshot: true },
      orderBy: { sequence: "asc" },
    }),
  ]);
  const hashes = await ensureDocuments(certificates.map((c) => c.id));
  const zip = new yazl.ZipFile();
  const entries = certificates.map((certificate) => {
    const snapshot = JSON.parse(certificate.snapshot) as CertificateSnapshot;
    const { pdfSha256, imageSha256 } = hashes.get(certificate.id)!;
    const names = { serial: certificate.serial, traineeName: snapshot.traineeName, status: "valid" as const };
    return { serial: certificate.serial, snapshot, pdf: documentFileName(names, "pdf"), image: documentFileName(names, "png"), pdfSha256, imageSha256 };
  });
  const mtime = new Date();
  for (const entry of entries) {
    for (const [name, sha256] of [[entry.pdf, entry.pdfSha256], [entry.image, entry.imageSha256]] as const) {
      zip.addReadStreamLazy(name, { compress: false, mtime }, (callback) => callback(null, storedFileReadStream(storedPathOf(sha256))));
    }
  }
  zip.addBuffer(manifestCsv(entries), messages["zh-CN"].certificates.files.manifestName, { mtime });
  zip.end();
  const fileName = `${cohort.title}-${messages["zh-CN"].certificates.files.archiveName}.zip`.replace(unsafe, "");
  return new Response(createReadableStreamFromReadable(zip.outputStream), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition("attachment", fileName, `${cohort.code}-certificates.zip`),
      "Cache-Control": "private, no-store",
    },
  });
}
