// The certificate as a one-page PDF: the shared layout drawn with pdf-lib, its
// fonts the batch's subsets (embedded and subset again to the page's glyphs).
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import {
  fill,
  PDFDocument,
  PDFImage,
  PngEmbedder,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  type PDFFont,
  type PDFRef,
} from "pdf-lib";
import type { CertificateSnapshot } from "./certificates.ts";
import { pdfFontkit, type DocumentBatch } from "./document-fonts.server.ts";
import { layoutCertificate, PAGE, type Colour, type DocumentSeals, type FontFace } from "./document-layout.ts";

/** A subset font's PDF name: six capital letters, "+", the font's name (how readers know it is a subset). */
function subsetName(fontName: string, serial: string): string {
  const digest = createHash("sha256").update(`${fontName}\n${serial}`).digest();
  const tag = [...digest.subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26))).join("");
  return `${tag}+${fontName}`;
}

type DecodedPng = { width: number; height: number; bitsPerComponent: number; rgbChannel: Uint8Array; alphaChannel?: Uint8Array };

type PreparedPng = {
  width: number;
  height: number;
  bitsPerComponent: number;
  colorSpace: string;
  colour: Uint8Array;
  alpha: Uint8Array | null;
};

/**
 * A seal or signature decoded and compressed once, however many certificates
 * print it: pdf-lib would decode the PNG and compress its channels again for
 * every document, the slowest part of a page with four seals.
 */
const preparedPngs = new WeakMap<Uint8Array, Promise<PreparedPng>>();
function preparePng(bytes: Uint8Array): Promise<PreparedPng> {
  let prepared = preparedPngs.get(bytes);
  if (!prepared) {
    prepared = PngEmbedder.for(bytes).then((embedder) => {
      // The decoded channels pdf-lib keeps to itself.
      const { image, colorSpace } = embedder as unknown as { image: DecodedPng; colorSpace: string };
      return {
      width: image.width,
      height: image.height,
      bitsPerComponent: image.bitsPerComponent,
      colorSpace,
      colour: deflateSync(image.rgbChannel),
      alpha: image.alphaChannel ? deflateSync(image.alphaChannel) : null,
      };
    });
    preparedPngs.set(bytes, prepared);
  }
  return prepared;
}

/** The image objects pdf-lib's `embedPng` writes (colour, and its alpha as a soft mask), from the prepared streams. */
async function embedPreparedPng(pdf: PDFDocument, bytes: Uint8Array): Promise<PDFImage> {
  const png = await preparePng(bytes);
  const common = { Type: "XObject", Subtype: "Image", Width: png.width, Height: png.height, BitsPerComponent: png.bitsPerComponent, Filter: "FlateDecode" };
  const mask: PDFRef | undefined = png.alpha
    ? pdf.context.register(pdf.context.stream(png.alpha, { ...common, ColorSpace: "DeviceGray", Decode: [0, 1] }))
    : undefined;
  const ref = pdf.context.register(pdf.context.stream(png.colour, { ...common, ColorSpace: png.colorSpace, ...(mask ? { SMask: mask } : {}) }));
  // Already written: the embedder pdf-lib would call at save time has nothing left to do.
  const written: PngEmbedder = Object.assign(Object.create(PngEmbedder.prototype) as PngEmbedder, {
    width: png.width,
    height: png.height,
    embedIntoContext: async () => ref,
  });
  return PDFImage.of(ref, pdf, written);
}

const colour = (c: Colour) => rgb(c.r, c.g, c.b);

/**
 * The QR code's dark modules as one filled path of rectangles, a run of
 * neighbouring modules in a row each: a few hundred short operators instead
 * of an SVG path of every module that pdf-lib would turn into thousands.
 */
function qrRuns(dark: readonly [number, number][]): { col: number; row: number; length: number }[] {
  const runs: { col: number; row: number; length: number }[] = [];
  const sorted = [...dark].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  for (const [col, row] of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.row === row && last.col + last.length === col) last.length += 1;
    else runs.push({ col, row, length: 1 });
  }
  return runs;
}

/**
 * Fonts (and other flate streams pdf-lib writes itself) compressed with Node's
 * zlib instead of pdf-lib's JavaScript deflate: the same format, several times
 * faster, and this is most of the time a certificate's PDF takes.
 */
function deflateNatively(pdf: PDFDocument): void {
  const context = pdf.context;
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === "string" ? Buffer.from(contents, "latin1") : contents), { ...dict, Filter: "FlateDecode" });
}

export async function renderCertificatePdf(snapshot: CertificateSnapshot, batch: DocumentBatch, seals: DocumentSeals): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  deflateNatively(pdf);
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
        if (!image) images.set(key, (image = await embedPreparedPng(pdf, png.bytes)));
        page.drawImage(image, { x: item.x, y: top(item.y + item.height), width: item.width, height: item.height });
        break;
      }
      case "qr": {
        const cell = item.cell;
        page.pushOperators(
          pushGraphicsState(),
          setFillingRgbColor(0, 0, 0),
          ...qrRuns(item.dark).map((run) => rectangle(item.x + run.col * cell, top(item.y + (run.row + 1) * cell), run.length * cell, cell)),
          fill(),
          popGraphicsState(),
        );
        break;
      }
    }
  }
  return pdf.save();
}
