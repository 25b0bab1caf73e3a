import { describe, expect, test } from "vitest";
import { DomainError } from "~/utils/domain-error.ts";
import { splitMessage } from "~/utils/messages.ts";
import { docx, jpeg, minimalPdf, png, windowsProgram } from "../../../tests/factories/upload-files.ts";
import { materialFileTypes, photoFileTypes } from "~/modules/files/file-types.ts";
import { checkUploadedFile, cleanFileName } from "./materials.server.ts";
import { formatBytes, isWebAddress, MAX_MATERIAL_BYTES, MaterialActionSchema } from "./materials.ts";

const materialRules = { accepted: materialFileTypes, maxBytes: MAX_MATERIAL_BYTES, typeMessage: "faculty.errors.fileType" };

/** The message key and values a refusal carries. */
function refusal(run: () => unknown): [string, Record<string, unknown> | undefined] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return splitMessage(error.messageKey);
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("checkUploadedFile", () => {
  test("accepts a document whose name agrees with its content", () => {
    expect(checkUploadedFile({ name: "第一讲.docx", bytes: docx() }, materialRules)).toBe("docx");
    expect(checkUploadedFile({ name: "handout.PDF", bytes: minimalPdf(["x"]) }, materialRules)).toBe("pdf");
    expect(checkUploadedFile({ name: "photo.jpeg", bytes: jpeg() }, materialRules)).toBe("jpeg");
  });

  test("a program renamed handout.pdf is refused, naming the file", () => {
    const [key, values] = refusal(() => checkUploadedFile({ name: "handout.pdf", bytes: windowsProgram() }, materialRules));
    expect(key).toBe("faculty.errors.fileType");
    expect(values).toEqual({ name: "handout.pdf" });
  });

  test("a Word file named .pdf is refused: the extension must match the content", () => {
    const [key, values] = refusal(() => checkUploadedFile({ name: "讲义.pdf", bytes: docx() }, materialRules));
    expect(key).toBe("faculty.errors.fileExtension");
    expect(values).toMatchObject({ name: "讲义.pdf", type: "Word", extension: ".pdf", expected: ".docx" });
    expect(refusal(() => checkUploadedFile({ name: "讲义", bytes: docx() }, materialRules))[0]).toBe("faculty.errors.fileNoExtension");
  });

  test("empty and oversized files are refused with their own messages", () => {
    expect(refusal(() => checkUploadedFile({ name: "a.pdf", bytes: new Uint8Array() }, materialRules))[0]).toBe("faculty.errors.fileEmpty");
    const [key, values] = refusal(() => checkUploadedFile({ name: "big.pdf", bytes: minimalPdf(["x"]) }, { ...materialRules, maxBytes: 100 }));
    expect(key).toBe("faculty.errors.fileTooLarge");
    expect(values).toEqual({ name: "big.pdf", limit: "100\u00a0B" });
  });

  test("photos are JPEG or PNG only", () => {
    const photoRules = { accepted: photoFileTypes, maxBytes: 2 * 1024 * 1024, typeMessage: "faculty.errors.photoType" };
    expect(checkUploadedFile({ name: "lin.png", bytes: png() }, photoRules)).toBe("png");
    expect(refusal(() => checkUploadedFile({ name: "lin.pdf", bytes: minimalPdf(["x"]) }, photoRules))[0]).toBe("faculty.errors.photoType");
  });
});

test("cleanFileName keeps the name and drops folders and control characters", () => {
  expect(cleanFileName("C:\\Users\\lin\\课程讲义.pdf")).toBe("课程讲义.pdf");
  expect(cleanFileName("../../etc/passwd")).toBe("passwd");
  expect(cleanFileName('bad\u0000"name".pdf')).toBe("badname.pdf");
  const long = cleanFileName(`${"长".repeat(300)}.pptx`);
  expect(long).toHaveLength(200);
  expect(long.endsWith(".pptx")).toBe(true);
});

test("formatBytes and the size limit shown", () => {
  expect(formatBytes(MAX_MATERIAL_BYTES)).toBe("20\u00a0MB");
  expect(formatBytes(1536, "en")).toBe("2\u00a0KB");
  expect(formatBytes(1_572_864, "en")).toBe("1.5\u00a0MB");
});

test("links are http or https only", () => {
  expect(isWebAddress("https://www.gov.cn/zhengce/")).toBe(true);
  expect(isWebAddress("javascript:alert(1)")).toBe(false);
  expect(isWebAddress("ftp://example.com/a")).toBe(false);
  const parsed = MaterialActionSchema.safeParse({ intent: "link", title: "政策原文", url: "file:///etc/passwd" });
  expect(parsed.success).toBe(false);
});
