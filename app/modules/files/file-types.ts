// The kinds of file the academy accepts, recognised by their content (magic
// bytes and container structure), never by the name the uploader gave them.

export const fileTypeKeys = ["pdf", "docx", "pptx", "xlsx", "doc", "ppt", "xls", "png", "jpeg"] as const;
export type FileTypeKey = (typeof fileTypeKeys)[number];

/** How the type is shown: the same words in both languages (product names). */
export type FileTypeGroup = "pdf" | "word" | "powerpoint" | "excel" | "image";

export const fileTypes: Record<FileTypeKey, { label: string; group: FileTypeGroup; mimeType: string; extensions: readonly string[] }> = {
  pdf: { label: "PDF", group: "pdf", mimeType: "application/pdf", extensions: [".pdf"] },
  docx: {
    label: "Word",
    group: "word",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: [".docx"],
  },
  pptx: {
    label: "PowerPoint",
    group: "powerpoint",
    mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: [".pptx"],
  },
  xlsx: {
    label: "Excel",
    group: "excel",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: [".xlsx"],
  },
  doc: { label: "Word 97-2003", group: "word", mimeType: "application/msword", extensions: [".doc"] },
  ppt: { label: "PowerPoint 97-2003", group: "powerpoint", mimeType: "application/vnd.ms-powerpoint", extensions: [".ppt"] },
  xls: { label: "Excel 97-2003", group: "excel", mimeType: "application/vnd.ms-excel", extensions: [".xls"] },
  png: { label: "PNG", group: "image", mimeType: "image/png", extensions: [".png"] },
  jpeg: { label: "JPEG", group: "image", mimeType: "image/jpeg", extensions: [".jpg", ".jpeg"] },
};

export const materialFileTypes: readonly FileTypeKey[] = fileTypeKeys;
export const photoFileTypes: readonly FileTypeKey[] = ["jpeg", "png"];

/** The `accept` attribute of a file input: a hint for the browser's picker; the server decides. */
export function acceptAttribute(keys: readonly FileTypeKey[]): string {
  return keys.flatMap((key) => [...fileTypes[key].extensions, fileTypes[key].mimeType]).join(",");
}

/** ".PDF" → ".pdf"; "" when the name has no extension. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot).toLowerCase() : "";
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** What the content could be, most likely first; empty when it is nothing accepted. */
export function detectFileTypes(bytes: Uint8Array): FileTypeKey[] {
  if (startsWith(bytes, PNG)) return ["png"];
  if (startsWith(bytes, JPEG)) return ["jpeg"];
  if (startsWith(bytes, ZIP_LOCAL)) return detectOfficeOpenXml(bytes);
  if (startsWith(bytes, OLE)) return detectLegacyOffice(bytes);
  // Readers accept the header anywhere in the first kilobyte.
  const head = Math.min(bytes.length - PDF.length, 1024);
  for (let at = 0; at <= head; at++) if (startsWith(bytes, PDF, at)) return ["pdf"];
  return [];
}

export function detectFileType(bytes: Uint8Array): FileTypeKey | null {
  return detectFileTypes(bytes)[0] ?? null;
}

/**
 * Names of the entries in a zip's central directory, or null when the file is
 * not a readable zip. Office files are small enough never to need ZIP64.
 */
export function zipEntryNames(bytes: Uint8Array, limit = 10_000): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  let eocd = -1;
  // The end record is 22 bytes plus a comment of at most 65535.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count > limit) return null;
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** A zip is only an Office document with a content-types part and the application's folder. */
function detectOfficeOpenXml(bytes: Uint8Array): FileTypeKey[] {
  const names = zipEntryNames(bytes);
  if (!names?.includes("[Content_Types].xml")) return [];
  const has = (folder: string) => names.some((name) => name.startsWith(folder));
  if (has("word/")) return ["docx"];
  if (has("ppt/")) return ["pptx"];
  if (has("xl/")) return ["xlsx"];
  return [];
}

/**
 * Word, PowerPoint and Excel 97-2003 files are OLE compound files told apart
 * by their main stream. Directory entries are 128-byte records on 128-byte
 * boundaries after the 512-byte header (whatever the sector size), so they can
 * be found without following the allocation table. A document may embed
 * another (a chart's workbook inside a presentation), so every main stream
 * found is a candidate, the usual owner of embedded objects first.
 */
function detectLegacyOffice(bytes: Uint8Array): FileTypeKey[] {
  const streams: [string, FileTypeKey][] = [
    ["WordDocument", "doc"],
    ["PowerPoint Document", "ppt"],
    ["Workbook", "xls"],
    ["Book", "xls"],
  ];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = new Set<FileTypeKey>();
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    const nameBytes = view.getUint16(at + 64, true);
    const objectType = bytes[at + 66];
    if (objectType !== 2 || nameBytes < 4 || nameBytes > 64 || nameBytes % 2) continue;
    let name = "";
    for (let i = 0; i < nameBytes / 2 - 1; i++) name += String.fromCharCode(view.getUint16(at + i * 2, true));
    const match = streams.find(([stream]) => stream === name);
    if (match) found.add(match[1]);
  }
  return (["doc", "ppt", "xls"] as const).filter((key) => found.has(key));
}
