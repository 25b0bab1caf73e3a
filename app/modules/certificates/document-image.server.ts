// The certificate as a PNG to save and share where a PDF is awkward (WeChat):
// the shared layout written as SVG and rendered by resvg with the batch's fonts only.
import type { CertificateSnapshot } from "./certificates.ts";
import { documentFontFamily, type DocumentBatch } from "./document-fonts.server.ts";
import { layoutCertificate, PAGE, type Colour, type DocumentItem, type DocumentSeals } from "./document-layout.ts";
import { renderPngOnPool } from "./image-workers.server.ts";

/** Pixels across the image: A4 landscape at about 150 dpi. */
export const IMAGE_WIDTH = 1754;

const hex = (c: Colour) =>
  `#${[c.r, c.g, c.b].map((v) => Math.round(v * 255).toString(16).padStart(2, "0")).join("")}`;

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!);

const n = (value: number) => String(Math.round(value * 100) / 100);

/** Each seal's data URL, encoded once however many certificates of the batch print it. */
const dataUrls = new WeakMap<Uint8Array, string>();
function pngDataUrl(bytes: Uint8Array): string {
  let url = dataUrls.get(bytes);
  if (!url) dataUrls.set(bytes, (url = `data:image/png;base64,${Buffer.from(bytes).toString("base64")}`));
  return url;
}

/** The QR code's dark modules as rectangles, one per run of neighbours in a row (far fewer shapes to fill). */
function qrPath(dark: readonly [number, number][]): string {
  const rows = new Map<number, number[]>();
  for (const [col, row] of dark) (rows.get(row) ?? rows.set(row, []).get(row)!).push(col);
  let path = "";
  for (const [row, cols] of rows) {
    cols.sort((a, b) => a - b);
    for (let i = 0; i < cols.length; ) {
      let j = i + 1;
      while (j < cols.length && cols[j] === cols[j - 1]! + 1) j += 1;
      path += `M${cols[i]} ${row}h${j - i}v1h-${j - i}z`;
      i = j;
    }
  }
  return path;
}

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
      return `<image x="${n(item.x)}" y="${n(item.y)}" width="${n(item.width)}" height="${n(item.height)}" href="${pngDataUrl(png.bytes)}"/>`;
    }
    case "qr": {
      return `<path transform="translate(${n(item.x)} ${n(item.y)}) scale(${item.cell})" d="${qrPath(item.dark)}" fill="#000" shape-rendering="crispEdges"/>`;
    }
  }
}

/** The certificate's SVG: the template resvg renders. */
export function certificateSvg(snapshot: CertificateSnapshot, batch: DocumentBatch, seals: DocumentSeals): string {
  const body = layoutCertificate(snapshot, batch.measure, seals).map((item) => svgItem(item, seals)).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}" viewBox="0 0 ${PAGE.width} ${PAGE.height}" font-family="${documentFontFamily}">\n${body}\n</svg>`;
}

/** The certificate as a PNG, rendered and encoded on a worker thread so the server (or the PDF beside it) keeps going. */
export function renderCertificateImage(snapshot: CertificateSnapshot, batch: DocumentBatch, seals: DocumentSeals): Promise<Uint8Array> {
  return renderPngOnPool(certificateSvg(snapshot, batch, seals), {
    fitTo: { mode: "width", value: IMAGE_WIDTH },
    font: { fontFiles: [batch.fontFiles.regular, batch.fontFiles.bold], loadSystemFonts: false, defaultFontFamily: documentFontFamily },
  });
}
