// The certificate as a one-page PDF: the shared layout drawn with pdf-lib, its
// fonts the batch's subsets (embedded and subset again to the page's glyphs).
import { createHash } from "node:crypto";
import { PDFDocument, rgb, type PDFFont, type PDFImage } from "pdf-lib";
import type { CertificateSnapshot } from "./certificates.ts";
import { pdfFontkit, type DocumentBatch } from "./document-fonts.server.ts";
import { layoutCertificate, PAGE, type Colour, type DocumentSeals, type FontFace } from "./document-layout.ts";

/** A subset font's PDF name: six capital letters, "+", the font's name (how readers know it is a subset). */
function subsetName(fontName: string, serial: string): string {
  const digest = createHash("sha256").update(`${fontName}\n${serial}`).digest();
  const tag = [...digest.subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26))).join("");
  return `${tag}+${fontName}`;
}

const colour = (c: Colour) => rgb(c.r, c.g, c.b);

export async function renderCertificatePdf(snapshot: CertificateSnapshot, batch: DocumentBatch, seals: DocumentSeals): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  // The adapter offers the part of fontkit's API that pdf-lib calls.
  pdf.registerFontkit(pdfFontkit as unknown as Parameters<PDFDocument["registerFontkit"]>[0]);
  pdf.setTitle(`${snapshot.traineeName} · ${snapshot.serial}`);
  pdf.setSubject(snapshot.cohortTitle);
  pdf.setCreator(snapshot.academyName);
  pdf.setProducer(snapshot.academyName);
  pdf.setCreationDate(new Date(`${snapshot.issuedOn}T00:00:00Z`));
  pdf.setModificationDate(new Date(`${snapshot.issuedOn}T00:00:00Z`));
  const fonts: Record<FontFace, PDFFont> = {
    regular: await pdf.embedFont(batch.fonts.regular, { subset: true, customName: subsetName("NotoSerifSC-Regular", snapshot.serial) }),
    bold: await pdf.embedFont(batch.fonts.bold, { subset: true, customName: subsetName("NotoSerifSC-Bold", snapshot.serial) }),
  };
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  const top = (y: number) => PAGE.height - y;
  const images = new Map<string, PDFImage>();

  for (const item of layoutCertificate(snapshot, batch.measure, seals)) {
    switch (item.kind) {
      case "rect":
        page.drawRectangle({
          x: item.x,
          y: top(item.y + item.height),
          width: item.width,
          height: item.height,
          ...(item.fill ? { color: colour(item.fill) } : {}),
          ...(item.stroke ? { borderColor: colour(item.stroke), borderWidth: item.lineWidth ?? 1 } : {}),
        });
        break;
      case "line":
        page.drawLine({ start: { x: item.x1, y: top(item.y1) }, end: { x: item.x2, y: top(item.y2) }, color: colour(item.stroke), thickness: item.lineWidth });
        break;
      case "text":
        page.drawText(item.text, { x: item.x, y: top(item.y), size: item.size, font: fonts[item.face], color: colour(item.colour) });
        break;
      case "image": {
        const png = seals.get(item.organisationId)?.[item.image];
        if (!png) break;
        const key = `${item.organisationId}:${item.image}`;
        let image = images.get(key);
        if (!image) images.set(key, (image = await pdf.embedPng(png.bytes)));
        page.drawImage(image, { x: item.x, y: top(item.y + item.height), width: item.width, height: item.height });
        break;
      }
      case "qr": {
        const path = item.dark.map(([col, row]) => `M${col} ${row}h1v1h-1z`).join("");
        page.drawSvgPath(path, { x: item.x, y: top(item.y), scale: item.cell, color: rgb(0, 0, 0), borderWidth: 0 });
        break;
      }
    }
  }
  return pdf.save();
}
