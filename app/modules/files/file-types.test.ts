import { describe, expect, test } from "vitest";
import { docx, jpeg, minimalPdf, oleFile, plainZip, png, pptx, windowsProgram, xlsx, zip } from "../../../tests/factories/upload-files.ts";
import { acceptAttribute, detectFileType, detectFileTypes, extensionOf, photoFileTypes, zipEntryNames } from "./file-types.ts";

describe("detectFileType", () => {
  test("recognises each accepted kind by its content", async () => {
    expect(detectFileType(minimalPdf(["Hello"]))).toBe("pdf");
    expect(detectFileType(png())).toBe("png");
    expect(detectFileType(jpeg())).toBe("jpeg");
    expect(detectFileType(docx())).toBe("docx");
    expect(detectFileType(pptx())).toBe("pptx");
    expect(detectFileType(await xlsx())).toBe("xlsx");
    expect(detectFileType(oleFile("WordDocument"))).toBe("doc");
    expect(detectFileType(oleFile("PowerPoint Document"))).toBe("ppt");
    expect(detectFileType(oleFile("Workbook"))).toBe("xls");
  });

  test("a PDF header after a little leading junk still counts, as readers allow", () => {
    const pdf = minimalPdf(["x"]);
    const padded = new Uint8Array(3 + pdf.length);
    padded.set([0x0a, 0x0a, 0x0a]);
    padded.set(pdf, 3);
    expect(detectFileType(padded)).toBe("pdf");
  });

  test("refuses programs, plain zips, text and nothing", () => {
    expect(detectFileType(windowsProgram())).toBeNull();
    expect(detectFileType(plainZip())).toBeNull();
    expect(detectFileType(new TextEncoder().encode("just some notes"))).toBeNull();
    expect(detectFileType(new Uint8Array())).toBeNull();
  });

  test("a zip with the content-types part but no application folder is not an Office file", () => {
    expect(detectFileType(zip({ "[Content_Types].xml": "<Types/>", "docs/readme.xml": "<x/>" }))).toBeNull();
    // …and a folder without the content-types part is not one either.
    expect(detectFileType(zip({ "word/document.xml": "<w/>" }))).toBeNull();
  });

  test("a truncated zip is not read past its end", () => {
    const whole = docx();
    expect(detectFileType(whole.subarray(0, whole.length - 30))).toBeNull();
  });

  test("an old Office file embedding another offers both, its own kind first", () => {
    const bytes = oleFile("PowerPoint Document");
    const withWorkbook = new Uint8Array(bytes.length + 128);
    withWorkbook.set(bytes);
    const at = bytes.length;
    const name = new Uint8Array(Buffer.from("Workbook\0", "utf16le"));
    withWorkbook.set(name, at);
    new DataView(withWorkbook.buffer).setUint16(at + 64, name.length, true);
    withWorkbook[at + 66] = 2;
    expect(detectFileTypes(withWorkbook)).toEqual(["ppt", "xls"]);
  });
});

test("zipEntryNames lists what the central directory holds", () => {
  expect(zipEntryNames(zip({ "a.txt": "1", "b/c.xml": "2" }))).toEqual(["a.txt", "b/c.xml"]);
  expect(zipEntryNames(new TextEncoder().encode("PK not really"))).toBeNull();
});

test("extensionOf and acceptAttribute", () => {
  expect(extensionOf("讲义.PDF")).toBe(".pdf");
  expect(extensionOf("archive.tar.gz")).toBe(".gz");
  expect(extensionOf("README")).toBe("");
  expect(extensionOf(".hidden")).toBe("");
  expect(acceptAttribute(photoFileTypes)).toBe(".jpg,.jpeg,image/jpeg,.png,image/png");
});
