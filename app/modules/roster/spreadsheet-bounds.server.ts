// Bounds on an uploaded workbook, checked before exceljs reads it. A .xlsx is
// a zip: 400 KB can hold one cell that inflates to 400 MB, or three million
// empty rows, and exceljs builds the whole workbook in memory. So the zip's
// directory is read first (entries, declared sizes, compression ratio), then
// every entry is inflated as a stream with a hard byte cap, never trusting
// the declared sizes, and the worksheets' rows, cells and merged areas are
// counted on the way. Nothing inflated here is kept.
import JSZip from "jszip";

export const workbookLimits = {
  /** A workbook has a dozen or so entries; a few hundred with pictures. */
  entries: 1_000,
  /** Inflated size of any one entry, and of all of them: a 20,000-row sheet is some 8 MB. */
  entryBytes: 32 * 1024 * 1024,
  totalBytes: 64 * 1024 * 1024,
  /** Declared inflated : compressed size, for entries over `ratioFromBytes`; sheet XML packs some 10 : 1. */
  ratio: 200,
  ratioFromBytes: 1024 * 1024,
  /** Cells, merged cells and shared strings, in all worksheets together. */
  cells: 500_000,
  /** An XML tag longer than this is not from a spreadsheet program. */
  tagChars: 64 * 1024,
} as const;

export type WorkbookRefusal =
  | { reason: "unpackedSize"; limitBytes: number }
  | { reason: "rows"; limit: number }
  | { reason: "cells"; limit: number }
  | { reason: "unreadable" };

/** The private record JSZip keeps for each entry, with the sizes its directory declares. */
type EntrySizes = { _data?: { compressedSize?: number; uncompressedSize?: number } };

const worksheetPath = /^xl\/worksheets\/[^/]+\.xml$/i;
const sharedStringsPath = /^xl\/sharedstrings\.xml$/i;

/**
 * Null when the workbook fits the limits, else why not. `maxRows` bounds the
 * rows of each worksheet.
 */
export async function checkWorkbookBounds(data: Uint8Array, maxRows: number): Promise<WorkbookRefusal | null> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return { reason: "unreadable" };
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > workbookLimits.entries) return { reason: "unreadable" };

  const tooBig: WorkbookRefusal = { reason: "unpackedSize", limitBytes: workbookLimits.totalBytes };
  let declaredTotal = 0;
  for (const entry of entries) {
    const sizes = (entry as unknown as EntrySizes)._data;
    const declared = sizes?.uncompressedSize ?? 0;
    const compressed = Math.max(1, sizes?.compressedSize ?? 0);
    declaredTotal += declared;
    if (declared > workbookLimits.entryBytes || declaredTotal > workbookLimits.totalBytes) return tooBig;
    if (declared > workbookLimits.ratioFromBytes && declared / compressed > workbookLimits.ratio) return tooBig;
  }

  const tally = { cells: 0, inflated: 0 };
  for (const entry of entries) {
    const counter = worksheetPath.test(entry.name) || sharedStringsPath.test(entry.name) ? new XmlTally() : null;
    const budget = Math.min(workbookLimits.entryBytes, workbookLimits.totalBytes - tally.inflated);
    const inflated = await inflateCapped(entry, budget, (text) => {
      counter?.feed(text);
      return !counter || (counter.rows <= maxRows && tally.cells + counter.cells <= workbookLimits.cells && !counter.overlong);
    });
    if (inflated === "error") return { reason: "unreadable" };
    if (inflated === "over") return tooBig;
    tally.inflated += inflated.bytes;
    if (counter) {
      if (counter.overlong) return { reason: "unreadable" };
      if (counter.rows > maxRows) return { reason: "rows", limit: maxRows };
      tally.cells += counter.cells;
      if (tally.cells > workbookLimits.cells) return { reason: "cells", limit: workbookLimits.cells };
    }
  }
  return null;
}

/**
 * Inflates one entry as a stream, handing each piece (as Latin-1 text, enough
 * for counting ASCII tags) to `keepGoing`, and stops as soon as it says so or
 * the entry passes `cap` bytes, whatever its declared size.
 */
function inflateCapped(
  entry: JSZip.JSZipObject,
  cap: number,
  keepGoing: (text: string) => boolean,
): Promise<{ bytes: number } | "over" | "error"> {
  return new Promise((resolve) => {
    const stream = entry.nodeStream("nodebuffer");
    let bytes = 0;
    let done = false;
    const finish = (result: { bytes: number } | "over" | "error") => {
      if (done) return;
      done = true;
      stream.pause();
      stream.removeAllListeners("data");
      resolve(result);
    };
    stream.on("data", (chunk: Buffer) => {
      if (done) return;
      bytes += chunk.byteLength;
      if (bytes > cap) return finish("over");
      if (!keepGoing(chunk.toString("latin1"))) finish({ bytes });
    });
    stream.on("error", () => finish("error"));
    stream.on("end", () => finish({ bytes }));
  });
}

/**
 * Counts, in streamed worksheet or shared-string XML, the rows, the cells
 * (each `<c>`, each shared string, and every cell a merge covers, since
 * exceljs creates those one by one). Tags split across pieces are carried over.
 */
class XmlTally {
  rows = 0;
  cells = 0;
  overlong = false;
  private carry = "";

  feed(piece: string) {
    let text = this.carry + piece;
    const open = text.lastIndexOf("<");
    if (open > text.lastIndexOf(">")) {
      this.carry = text.slice(open);
      text = text.slice(0, open);
      if (this.carry.length > workbookLimits.tagChars) this.overlong = true;
    } else {
      this.carry = "";
    }
    for (const match of text.matchAll(/<(?:[A-Za-z_][\w.-]*:)?(row|c|si|mergeCell)(?=[\s/>])([^>]*)/g)) {
      if (match[1] === "row") this.rows += 1;
      else if (match[1] === "mergeCell") this.cells += mergedArea(match[2] ?? "");
      else this.cells += 1;
    }
  }
}

/** How many cells `ref="B2:D10"` covers; an unreadable ref counts as one. */
function mergedArea(attributes: string): number {
  const ref = /\bref="\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?"/.exec(attributes);
  if (!ref?.[3] || !ref[4]) return 1;
  const rows = Math.abs(Number(ref[4]) - Number(ref[2])) + 1;
  const columns = Math.abs(columnNumber(ref[3]) - columnNumber(ref[1] ?? "A")) + 1;
  return rows * columns;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
}
