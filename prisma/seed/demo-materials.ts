// Materials of the demo academy's modules: a handout as a real (small) PDF,
// stored through the app's file storage, and a link to a policy text.
import { storeFile } from "../../app/modules/files/file-storage.server.ts";
import { fileTypes } from "../../app/modules/files/file-types.ts";
import type { Prisma } from "../../app/utils/db.server.ts";

/**
 * A one-page PDF showing `lines` in Helvetica: valid enough for every reader
 * (cross-reference offsets computed), a few hundred bytes. ASCII text only.
 */
export function minimalPdf(lines: readonly string[]): Uint8Array<ArrayBuffer> {
  const escape = (text: string) => text.replace(/[^\x20-\x7e]/g, "?").replace(/([\\()])/g, "\\$1");
  const text = lines.map((line, i) => `BT /F1 ${i === 0 ? 18 : 12} Tf 72 ${770 - i * 24} Td (${escape(line)}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

const handout = minimalPdf([
  "Course handout",
  "AI empowering industrial upgrading - Yunxi Entrepreneurs Academy",
  "1. Where AI pays off first in a manufacturing firm",
  "2. Data, people and processes: what to prepare",
  "3. Policy support available to private enterprises",
  "Bring this handout to the workshop session.",
]);

/** 中共中央 国务院关于促进民营经济发展壮大的意见 (2023), on the central government's site. */
export const demoPolicyLink = {
  title: "中共中央 国务院关于促进民营经济发展壮大的意见",
  url: "https://www.gov.cn/zhengce/202307/content_6893055.htm",
};

/**
 * Adds a handout PDF to each given module (one stored file, shared), and the
 * policy text as a link to the first policy-track module among them (or the first module).
 */
export async function seedDemoMaterials(tx: Prisma.TransactionClient, moduleIds: string[]): Promise<{ files: number; links: number }> {
  if (!moduleIds.length) return { files: 0, links: 0 };
  const modules = await tx.module.findMany({
    where: { id: { in: moduleIds } },
    select: { id: true, title: true, createdAt: true, track: { select: { key: true } } },
  });
  const ordered = moduleIds.flatMap((id) => modules.filter((module) => module.id === id));
  if (!ordered.length) return { files: 0, links: 0 };
  const stored = await storeFile(handout);
  await tx.material.createMany({
    data: ordered.map((module) => ({
      moduleId: module.id,
      kind: "file",
      title: `${module.title} · 课程讲义`,
      storagePath: stored.storagePath,
      fileName: "课程讲义.pdf",
      mimeType: fileTypes.pdf.mimeType,
      sizeBytes: stored.size,
      createdAt: module.createdAt,
    })),
  });
  const linked = [ordered.find((module) => module.track.key === "policy") ?? ordered[0]!];
  await tx.material.createMany({
    data: linked.map((module) => ({ moduleId: module.id, kind: "link", title: demoPolicyLink.title, url: demoPolicyLink.url, createdAt: module.createdAt })),
  });
  return { files: ordered.length, links: linked.length };
}
