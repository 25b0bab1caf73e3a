// Workbooks made to exhaust a reader, built in memory for the security tests:
// a few hundred KB that inflate to hundreds of MB or millions of rows. The
// zip is written by hand so that an entry can be streamed through deflate
// without ever holding its inflated text, and so that its declared sizes can lie.
import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";
import JSZip from "jszip";
import { demoRosterRows, rosterXlsx } from "./roster-files.ts";

type ZipEntry = { name: string; compressed: Buffer; crc: number; size: number };

/** Deflates text given piece by piece, keeping only the compressed bytes. */
async function deflatePieces(pieces: Iterable<string>): Promise<ZipEntry & { name: "" }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => deflate.on("end", resolve).on("error", reject));
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const bytes = Buffer.from(piece);
    crc = crc32(bytes, crc);
    size += bytes.byteLength;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await ended;
  return { name: "", compressed: Buffer.concat(out), crc, size };
}

function zipArchive(entries: readonly ZipEntry[], declare: (entry: ZipEntry) => number = (entry) => entry.size): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0x21, 12); // 1980-01-01
    header.writeUInt32LE(entry.crc >>> 0, 14);
    header.writeUInt32LE(entry.compressed.byteLength, 18);
    header.writeUInt32LE(declare(entry), 22);
    header.writeUInt16LE(name.byteLength, 26);
    local.push(header, name, entry.compressed);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(8, 10);
    record.writeUInt16LE(0x21, 14);
    record.writeUInt32LE(entry.crc >>> 0, 16);
    record.writeUInt32LE(entry.compressed.byteLength, 20);
    record.writeUInt32LE(declare(entry), 24);
    record.writeUInt16LE(name.byteLength, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += header.byteLength + name.byteLength + entry.compressed.byteLength;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const sheetPath = "xl/worksheets/sheet1.xml";
const sheetStart =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** A genuine two-row roster workbook whose first sheet is replaced by `sheet`, streamed. */
async function workbookWithSheet(sheet: Iterable<string>, options: { lieAboutSize?: boolean } = {}): Promise<Buffer> {
  const base = await JSZip.loadAsync(await rosterXlsx(demoRosterRows(2)));
  const entries: ZipEntry[] = [];
  for (const file of Object.values(base.files)) {
    if (file.dir) continue;
    if (file.name === sheetPath) {
      entries.push({ ...(await deflatePieces(sheet)), name: sheetPath });
      continue;
    }
    const bytes = await file.async("nodebuffer");
    entries.push({ name: file.name, compressed: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.byteLength });
  }
  // A lying directory says the sheet is 1 KB, as a reader trusting it would believe.
  return zipArchive(entries, (entry) => (options.lieAboutSize && entry.name === sheetPath ? 1024 : entry.size));
}

function* repeat(text: string, times: number): Generator<string> {
  const block = text.repeat(Math.min(times, 4096));
  let left = times;
  while (left >= 4096) {
    yield block;
    left -= 4096;
  }
  if (left > 0) yield text.repeat(left);
}

/** One cell holding `bytes` of text (400 MB by default): some 400 KB zipped. */
export function cellBombXlsx(bytes = 400 * 1024 * 1024, options: { lieAboutSize?: boolean } = {}): Promise<Buffer> {
  function* sheet() {
    yield `${sheetStart}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`;
    yield* repeat("A", bytes);
    yield "</t></is></c></row></sheetData></worksheet>";
  }
  return workbookWithSheet(sheet(), options);
}

/** `rows` rows of one cell each (3 million by default; rows without a number follow the one before): a few hundred KB zipped. */
export function rowBombXlsx(rows = 3_000_000, options: { lieAboutSize?: boolean } = {}): Promise<Buffer> {
  function* sheet() {
    yield `${sheetStart}<sheetData>`;
    yield* repeat('<row><c t="n"><v>1</v></c></row>', rows);
    yield "</sheetData></worksheet>";
  }
  return workbookWithSheet(sheet(), options);
}

/** A header, and one merge over the rest of the sheet: exceljs would create 17 billion cells. */
export function mergeBombXlsx(): Promise<Buffer> {
  return workbookWithSheet([
    `${sheetStart}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>手机号</t></is></c>`,
    '<c r="C1" t="inlineStr"><is><t>企业名称</t></is></c></row></sheetData>',
    '<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells></worksheet>',
  ]);
}

/** A roster CSV of `rows` trainees (100,000 by default), under the 5 MB upload limit. */
export function manyRowsCsv(rows = 100_000): Buffer {
  const lines = ["姓名,手机号,企业名称"];
  for (let i = 0; i < rows; i++) lines.push(`学员${i},139${String(i).padStart(8, "0")},公司`);
  return Buffer.from(lines.join("\n"));
}
