// The certificate's page as a list of shapes, text runs and images in points
// on A4 landscape, origin at the top left. The PDF and the image both draw this
// one list, so they cannot drift apart. Pure: text is measured by the batch's fonts.
import QRCode from "qrcode";
import { messages } from "~/utils/i18n.ts";
import type { CertificateSnapshot } from "./certificates.ts";

export const PAGE = { width: 841.89, height: 595.28 } as const;

export type FontFace = "regular" | "bold";
/** Width of `text` at `size` points in the given face. */
export type Measure = (text: string, face: FontFace, size: number) => number;

export type Colour = { r: number; g: number; b: number };
const red: Colour = { r: 0.64, g: 0.09, b: 0.09 };
const ink: Colour = { r: 0.13, g: 0.11, b: 0.1 };
const grey: Colour = { r: 0.42, g: 0.38, b: 0.34 };
const gold: Colour = { r: 0.72, g: 0.55, b: 0.2 };
const paper: Colour = { r: 1, g: 0.992, b: 0.965 };

export type DocumentItem =
  | { kind: "rect"; x: number; y: number; width: number; height: number; fill?: Colour; stroke?: Colour; lineWidth?: number }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; stroke: Colour; lineWidth: number }
  /** `y` is the baseline; `x` the start of the run (centring is done here, not by the renderer). */
  | { kind: "text"; text: string; x: number; y: number; size: number; face: FontFace; colour: Colour }
  | { kind: "image"; image: "seal" | "signature"; organisationId: string; x: number; y: number; width: number; height: number }
  /** Dark modules of a QR code: unit squares scaled by `cell`, drawn from (x, y). */
  | { kind: "qr"; x: number; y: number; cell: number; size: number; dark: [number, number][] };

/** An organisation's seal and signature (PNG bytes with their pixel size) and who signs. */
export type OrganisationSeal = {
  seal: PngImage | null;
  signature: PngImage | null;
  signatoryName: string | null;
  signatoryTitle: string | null;
};
export type PngImage = { bytes: Uint8Array; width: number; height: number };
export type DocumentSeals = ReadonlyMap<string, OrganisationSeal>;

const zh = messages["zh-CN"].certificateDocument;
const en = messages.en.certificateDocument;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ""));
}

function dateIn(language: "zh" | "en", isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  if (language === "en") return fill(en.date, { year: year!, month: month!, day: day! });
  return fill(zh.date, { year: year!, month: Number(month), day: Number(day) });
}

/** Every piece of fixed text the page may print, in both languages: the batch's font subset needs all of it. */
export function fixedDocumentText(): string {
  const strings = (tree: object): string[] =>
    Object.values(tree).flatMap((value) => (typeof value === "string" ? [value] : strings(value as object)));
  return [zh, en, messages["zh-CN"].tracks, messages.en.tracks].flatMap(strings).join("") + "0123456789-%.:：·() ";
}

/** The text of a snapshot that varies from one certificate to the next. */
export function snapshotText(snapshot: CertificateSnapshot): string {
  return [
    snapshot.serial,
    snapshot.issuedOn,
    snapshot.traineeName,
    snapshot.cohortTitle,
    snapshot.cohortCode,
    snapshot.startDate,
    snapshot.endDate,
    snapshot.academyName,
    snapshot.totalHours,
    snapshot.attendanceRate ?? "",
    ...snapshot.organisers.map((o) => o.name),
    ...snapshot.hoursByTrack.map((h) => h.hours),
  ].join("");
}

/** Breaks `text` into lines no wider than `width`, at any character (Chinese has no spaces); Latin words stay whole. */
export function wrap(text: string, width: number, measure: (text: string) => number): string[] {
  const tokens = text.match(/[A-Za-z0-9'’.,;:()\-–/]+\s*|\s+|./gsu) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    if (line && measure((line + token).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

const formatHours = (hours: number) => String(Math.round(hours * 10) / 10);

export function layoutCertificate(snapshot: CertificateSnapshot, measure: Measure, seals: DocumentSeals): DocumentItem[] {
  const items: DocumentItem[] = [];
  const centre = PAGE.width / 2;
  const text = (value: string, x: number, y: number, size: number, face: FontFace, colour: Colour) => {
    items.push({ kind: "text", text: value, x, y, size, face, colour });
  };
  const centred = (value: string, cx: number, y: number, size: number, face: FontFace, colour: Colour) => {
    text(value, cx - measure(value, face, size) / 2, y, size, face, colour);
  };
  const paragraph = (value: string, y: number, size: number, face: FontFace, colour: Colour, width: number, leading: number) => {
    const lines = wrap(value, width, (line) => measure(line, face, size));
    lines.forEach((line, index) => centred(line, centre, y + index * leading, size, face, colour));
    return y + lines.length * leading;
  };

  // Paper and a double frame.
  items.push({ kind: "rect", x: 0, y: 0, width: PAGE.width, height: PAGE.height, fill: paper });
  items.push({ kind: "rect", x: 18, y: 18, width: PAGE.width - 36, height: PAGE.height - 36, stroke: gold, lineWidth: 3 });
  items.push({ kind: "rect", x: 26, y: 26, width: PAGE.width - 52, height: PAGE.height - 52, stroke: gold, lineWidth: 0.8 });

  // 结 业 证 书, spaced like a printed title.
  const titleSize = 44;
  const spacing = titleSize * 0.45;
  const glyphs = [...zh.title];
  const titleWidth = glyphs.reduce((sum, glyph) => sum + measure(glyph, "bold", titleSize), 0) + spacing * (glyphs.length - 1);
  let x = centre - titleWidth / 2;
  for (const glyph of glyphs) {
    text(glyph, x, 98, titleSize, "bold", red);
    x += measure(glyph, "bold", titleSize) + spacing;
  }
  centred(en.title.toUpperCase(), centre, 120, 10, "regular", grey);

  // The trainee's name, large, on a rule.
  const nameSize = snapshot.traineeName.length > 12 ? 26 : 34;
  centred(snapshot.traineeName, centre, 178, nameSize, "bold", ink);
  const nameWidth = Math.max(measure(snapshot.traineeName, "bold", nameSize), 120);
  items.push({ kind: "line", x1: centre - nameWidth / 2 - 30, y1: 190, x2: centre + nameWidth / 2 + 30, y2: 190, stroke: gold, lineWidth: 0.8 });

  const values = {
    academy: snapshot.academyName,
    cohort: snapshot.cohortTitle,
    code: snapshot.cohortCode,
  };
  let y = paragraph(
    fill(zh.body, { ...values, start: dateIn("zh", snapshot.startDate), end: dateIn("zh", snapshot.endDate) }),
    222, 15, "regular", ink, 620, 25,
  );
  y = paragraph(
    fill(en.body, { ...values, start: dateIn("en", snapshot.startDate), end: dateIn("en", snapshot.endDate) }),
    y - 4, 9.5, "regular", grey, 620, 13,
  );

  // Credit hours by track, then the total and the attendance.
  const hoursLine = (language: typeof zh | typeof en, tracks: Record<string, string>) => {
    const parts = snapshot.hoursByTrack.map((h) => fill(language.hoursItem, { track: tracks[h.track] ?? h.track, hours: formatHours(h.hours) }));
    parts.push(fill(language.hoursTotal, { hours: formatHours(snapshot.totalHours) }));
    if (snapshot.attendanceRate !== null) parts.push(fill(language.attendance, { rate: Math.round(snapshot.attendanceRate * 100) }));
    return language.hoursLabel + parts.join(" · ");
  };
  y = paragraph(hoursLine(zh, messages["zh-CN"].tracks), y + 14, 12.5, "regular", ink, 640, 20);
  paragraph(hoursLine(en, messages.en.tracks), y - 4, 8.5, "regular", grey, 640, 12);

  layoutOrganisers(snapshot, measure, seals, items);

  // Serial and date of issue, bottom left.
  const footer = (label: string, labelEn: string, value: string, at: number) => {
    const head = `${label} ${labelEn}：`;
    text(head, 64, at, 9, "regular", grey);
    text(value, 64 + measure(head, "regular", 9), at, 10, "bold", ink);
  };
  footer(zh.serial, en.serial, snapshot.serial, 540);
  footer(zh.issuedOn, en.issuedOn, `${dateIn("zh", snapshot.issuedOn)}`, 556);

  // The QR code to the verification page, bottom right.
  const qr = QRCode.create(snapshot.verifyUrl, { errorCorrectionLevel: "M" });
  const modules = qr.modules;
  const dark: [number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) dark.push([col, row]);
  }
  const qrSide = 92;
  const quiet = 2;
  const cell = qrSide / (modules.size + quiet * 2);
  const qrX = PAGE.width - 64 - qrSide;
  const qrY = 440;
  items.push({ kind: "rect", x: qrX, y: qrY, width: qrSide, height: qrSide, fill: { r: 1, g: 1, b: 1 } });
  items.push({ kind: "qr", x: qrX + quiet * cell, y: qrY + quiet * cell, cell, size: modules.size, dark });
  centred(`${zh.verify} ${en.verify}`, qrX + qrSide / 2, qrY + qrSide + 12, 7.5, "regular", grey);
  return items;
}

/** The organisers in columns above the footer: role, name, and their seal over the name and signature below. */
function layoutOrganisers(snapshot: CertificateSnapshot, measure: Measure, seals: DocumentSeals, items: DocumentItem[]) {
  const order = { organiser: 0, co_organiser: 1, teaching_partner: 2 } as const;
  const organisers = [...snapshot.organisers].sort((a, b) => order[a.role] - order[b.role]);
  if (organisers.length === 0) return;
  const left = 64;
  const right = PAGE.width - 64 - 92 - 24;
  const columnWidth = (right - left) / organisers.length;
  organisers.forEach((organiser, index) => {
    const cx = left + columnWidth * (index + 0.5);
    const role = `${zh.roles[organiser.role]} ${en.roles[organiser.role]}`;
    items.push({ kind: "text", text: role, x: cx - measure(role, "regular", 8.5) / 2, y: 418, size: 8.5, face: "regular", colour: grey });
    const nameSize = organisers.length > 3 ? 10.5 : 12.5;
    const lines = wrap(organiser.name, columnWidth - 12, (line) => measure(line, "bold", nameSize));
    lines.forEach((line, row) => {
      items.push({ kind: "text", text: line, x: cx - measure(line, "bold", nameSize) / 2, y: 446 + row * (nameSize + 4), size: nameSize, face: "bold", colour: ink });
    });
    const seal = seals.get(organiser.organisationId);
    let below = 446 + (lines.length - 1) * (nameSize + 4) + 14;
    if (seal?.signature) {
      const height = 32;
      const width = Math.min((seal.signature.width / seal.signature.height) * height, columnWidth - 16);
      items.push({ kind: "image", image: "signature", organisationId: organiser.organisationId, x: cx - width / 2, y: below, width, height: (width / seal.signature.width) * seal.signature.height });
      below += height + 4;
    }
    const signatory = [seal?.signatoryTitle, seal?.signatoryName].filter(Boolean).join(" ");
    if (signatory) {
      items.push({ kind: "text", text: signatory, x: cx - measure(signatory, "regular", 8.5) / 2, y: below + 8, size: 8.5, face: "regular", colour: grey });
    }
    if (seal?.seal) {
      // The seal is stamped over the name, as a real one is.
      const side = Math.min(100, columnWidth - 8);
      const height = (side / seal.seal.width) * seal.seal.height;
      items.push({ kind: "image", image: "seal", organisationId: organiser.organisationId, x: cx - side / 2, y: 442 - height / 2, width: side, height });
    }
  });
}

/** A PNG's pixel size from its header, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}
