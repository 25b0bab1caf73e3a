// The certificate as a PNG to save and share where a PDF is awkward (WeChat):
// the shared layout written as SVG and rendered by resvg with the batch's fonts only.
import { renderAsync } from "@resvg/resvg-js";
import type { CertificateSnapshot } from "./certificates.ts";
import { documentFontFamily, type DocumentBatch } from "./document-fonts.server.ts";
import { layoutCertificate, PAGE, type Colour, type DocumentItem, type DocumentSeals } from "./document-layout.ts";

/** Pixels across the image: A4 landscape at about 150 dpi. */
export const IMAGE_WIDTH = 1754;

const hex = (c: Colour) =>
  `#${[c.r, c.g, c.b].map((v) => Math.round(v * 255).toString(16).padStart(2, "0")).join("")}`;

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!);

const n = (value: number) => String(Math.round(value * 100) / 100);

function svgItem(item: DocumentItem, seals: DocumentSeals): string {
  switch (item.kind) {
    case "rect":
      return `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.width)}" height="${n(item.height)}" fill="${item.fill ? hex(item.fill) : "none"}"${
        item.stroke ? ` stroke="${hex(item.stroke)}" stroke-width="${n(item.lineWidth ?? 1)}"` : ""
      }/>`;
    case "line":
      return `<line x1="${n(item.x1)}" y1="${n(item.y1)}" x2="${n(item.x2)}" y2="${n(item.y2)}" stroke="${hex(item.stroke)}" stroke-width="${n(item.lineWidth)}"/>`;
    case "text":
      return `<text x="${n(item.x)}" y="${n(item.y)}" font-size="${n(item.size)}" font-weight="${item.face === "bold" ? 700 : 400}" fill="${hex(item.colour)}">${escapeXml(item.text)}</text>`;
    case "image": {
      const png = seals.get(item.organisationId)?.[item.image];
      if (!png) return "";
      const data = Buffer.from(png.bytes).toString("base64");
      return `<image x="${n(item.x)}" y="${n(item.y)}" width="${n(item.width)}" height="${n(item.height)}" href="data:image/png;base64,${data}"/>`;
    }
    case "qr": {
      const path = item.dark.map(([col, row]) => `M${col} ${row}h1v1h-1z`).join("");
      return `<path transform="translate(${n(item.x)} ${n(item.y)}) scale(${item.cell})" d="${path}" fill="#000" shape-rendering="crispEdges"/>`;
    }
  }
}

/** The certificate's SVG: the template resvg renders. */
export function certificateSvg(snapshot: CertificateSnapshot, batch: DocumentBatch, seals: DocumentSeals): string {
  const body = layoutCertificate(snapshot, batch.measure, seals).map((item) => svgItem(item, seals)).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}" viewBox="0 0 ${PAGE.width} ${PAGE.height}" font-family="${documentFontFamily}">\n${body}\n</svg>`;
}

/** The certificate as a PNG, rendered on the thread pool so the server (or the PDF beside it) keeps going. */
export async function renderCertificateImage(snapshot: CertificateSnapshot, batch: DocumentBatch, seals: DocumentSeals): Promise<Uint8Array> {
  const rendered = await renderAsync(certificateSvg(snapshot, batch, seals), {
    fitTo: { mode: "width", value: IMAGE_WIDTH },
    font: { fontFiles: [batch.fontFiles.regular, batch.fontFiles.bold], loadSystemFonts: false, defaultFontFamily: documentFontFamily },
  });
  return new Uint8Array(rendered.asPng());
}
