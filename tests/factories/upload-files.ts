// Files as people upload them, made in memory: Office documents (real zip
// containers), images, a PDF, and impostors such as a renamed program.
import { crc32, deflateSync } from "node:zlib";
import ExcelJS from "exceljs";
import { minimalPdf } from "../../prisma/seed/demo-materials.ts";

export { minimalPdf };

/** A zip of `entries`, stored without compression: what Office writes, minus the deflate. */
export function zip(entries: Record<string, string | Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(encoder.encode(name));
    const data = Buffer.from(typeof content === "string" ? encoder.encode(content) : content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const contentTypes = (main: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="${type}"/></Types>`;
const rels = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`;

/** A one-paragraph Word document. */
export function docx(text = "课程讲义"): Uint8Array {
  return zip({
    "[Content_Types].xml": contentTypes("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "_rels/.rels": rels("word/document.xml"),
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  });
}

/** The parts of a presentation that tell it apart (enough for a type check). */
export function pptx(): Uint8Array {
  return zip({
    "[Content_Types].xml": contentTypes("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
    "_rels/.rels": rels("ppt/presentation.xml"),
    "ppt/presentation.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`,
  });
}

export async function xlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("日程").addRow(["时间", "内容"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A zip that is not an Office document (no content types, no application folder). */
export function plainZip(): Uint8Array {
  return zip({ "readme.txt": "hello", "word.txt": "not a folder" });
}

/**
 * An OLE compound file shaped like a Word/PowerPoint/Excel 97-2003 file: the
 * header and one directory sector naming the root and the main stream.
 */
export function oleFile(mainStream: "WordDocument" | "PowerPoint Document" | "Workbook"): Uint8Array {
  const bytes = Buffer.alloc(512 * 3);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  bytes.writeUInt16LE(0x003e, 0x18);
  bytes.writeUInt16LE(0x0003, 0x1a);
  bytes.writeUInt16LE(0xfffe, 0x1c);
  bytes.writeUInt16LE(9, 0x1e);
  bytes.writeUInt32LE(0, 0x30);
  const entry = (index: number, name: string, type: number) => {
    const at = 512 + index * 128;
    const utf16 = Buffer.from(`${name}\0`, "utf16le");
    utf16.copy(bytes, at);
    bytes.writeUInt16LE(utf16.length, at + 64);
    bytes[at + 66] = type;
  };
  entry(0, "Root Entry", 5);
  entry(1, "\u0001CompObj", 2);
  entry(2, mainStream, 2);
  return new Uint8Array(bytes);
}

/** A real 1×1 PNG. */
export function png(rgb: [number, number, number] = [200, 30, 40]): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(Buffer.from([0, ...rgb]))),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/** A tiny baseline JPEG (1×1). */
export function jpeg(): Uint8Array {
  return new Uint8Array(
    Buffer.from(
      "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
      "base64",
    ),
  );
}

/** The start of a Windows program: "MZ", then whatever follows. */
export function windowsProgram(): Uint8Array {
  const bytes = Buffer.alloc(1024);
  bytes.write("MZ", 0, "ascii");
  bytes.write("This program cannot be run in DOS mode.", 78, "ascii");
  return new Uint8Array(bytes);
}
