// The certificate documents checked by independent tools: Debian's poppler-utils
// reads the PDF's text and fonts and renders its page, zbar decodes the QR codes.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { CertificateSnapshot } from "./certificates.ts";
import { prepareDocumentBatch } from "./document-fonts.server.ts";
import { renderCertificateImage } from "./document-image.server.ts";
import { pngSize, type DocumentSeals } from "./document-layout.ts";
import { renderCertificatePdf } from "./document-pdf.server.ts";
import { demoSealPng, demoSignaturePng } from "./document-samples.server.ts";

const tools = ["pdftotext", "pdffonts", "pdftoppm", "zbarimg"].map((tool) => `/usr/bin/${tool}`);
const missing = tools.filter((tool) => !existsSync(tool));

const snapshot: CertificateSnapshot = {
  serial: "ZJ-2026-EC01-0042",
  verificationCode: "q9vT3kLmN0pQrStUvWxYz1A2b3C4d5E6",
  issuedOn: "2026-06-30",
  traineeName: "欧阳娜娜",
  cohortTitle: "2026年春季青年企业家创新能力提升研修班",
  cohortCode: "EC2026-01",
  startDate: "2026-03-02",
  endDate: "2026-06-30",
  organisers: [
    { name: "浙江省工商业联合会", role: "organiser", level: "province", organisationId: "org-federation" },
    { name: "浙江大学管理学院", role: "teaching_partner", level: null, organisationId: "org-university" },
  ],
  academyName: "浙商青年企业家学院",
  hoursByTrack: [
    { track: "policy", hours: 12 },
    { track: "technology", hours: 16 },
    { track: "management", hours: 8 },
  ],
  totalHours: 36,
  attendanceRate: 0.93,
  verifyUrl: "https://academy.example.cn/verify/q9vT3kLmN0pQrStUvWxYz1A2b3C4d5E6",
};

// CERTIFICATE_DOCUMENT_DIR keeps the rendered files to look at.
const keep = process.env.CERTIFICATE_DOCUMENT_DIR;
const folder = keep ?? mkdtempSync(path.join(tmpdir(), "certificate-document-"));
afterAll(() => {
  if (!keep) rmSync(folder, { recursive: true, force: true });
});
const run = (tool: string, args: string[]) => execFileSync(`/usr/bin/${tool}`, args, { encoding: "utf8" });
/** zbarimg's decoded texts, without its "QR-Code:" prefixes. */
const decodeQr = (file: string) =>
  run("zbarimg", ["--quiet", "--raw", file])
    .split("\n")
    .filter(Boolean);

async function seals(): Promise<DocumentSeals> {
  const seal = await demoSealPng("浙江省工商业联合会");
  const signature = demoSignaturePng("张明");
  return new Map([
    [
      "org-federation",
      {
        seal: { bytes: seal, ...pngSize(seal)! },
        signature: { bytes: signature, ...pngSize(signature)! },
        signatoryName: "张明",
        signatoryTitle: "主席",
      },
    ],
  ]);
}

describe.skipIf(missing.length > 0)(`certificate documents (needs ${missing.join(", ") || "poppler-utils and zbar-tools"})`, () => {
  test("the PDF holds the trainee's Chinese name and the serial, its fonts embedded as subsets, and its QR code leads to the verification page", async () => {
    const withSeals = await seals();
    const batch = await prepareDocumentBatch([snapshot], withSeals);
    const file = path.join(folder, "certificate.pdf");
    writeFileSync(file, await renderCertificatePdf(snapshot, batch, withSeals));

    const text = run("pdftotext", [file, "-"]);
    expect(text).toContain("欧阳娜娜");
    expect(text).toContain(snapshot.serial);
    expect(text).toMatch(/结\s*业\s*证\s*书/);
    expect(text).toContain("政策解读 12 学时");
    expect(text).toContain("浙江大学管理学院");

    const fonts = run("pdffonts", [file]).split("\n").slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(1);
    for (const line of fonts) {
      // name  type…  encoding  emb sub uni  object ID
      const [emb, sub] = line.trim().split(/\s+/).slice(-5, -3);
      expect({ line, emb, sub }).toEqual({ line, emb: "yes", sub: "yes" });
      expect(line).toMatch(/^[A-Z]{6}\+NotoSerifSC/);
    }

    run("pdftoppm", ["-png", "-r", "100", "-singlefile", file, path.join(folder, "page")]);
    expect(decodeQr(path.join(folder, "page.png"))).toEqual([snapshot.verifyUrl]);
  });

  test("the image shows the same certificate and its QR code decodes to the verification page", async () => {
    const withSeals = await seals();
    const batch = await prepareDocumentBatch([snapshot], withSeals);
    const image = await renderCertificateImage(snapshot, batch, withSeals);
    expect(pngSize(image)).toEqual({ width: 1754, height: 1240 });
    const file = path.join(folder, "certificate.png");
    writeFileSync(file, image);
    expect(decodeQr(file)).toEqual([snapshot.verifyUrl]);
    expect(readFileSync(file).byteLength).toBeLessThan(1_000_000);
  });

  test("one batch subset serves every certificate in it: a name from later in the batch still has its glyphs", async () => {
    const second = { ...snapshot, traineeName: "司马懿鑫", serial: "ZJ-2026-EC01-0043" };
    const batch = await prepareDocumentBatch([snapshot, second]);
    const file = path.join(folder, "second.pdf");
    writeFileSync(file, await renderCertificatePdf(second, batch, new Map()));
    expect(run("pdftotext", [file, "-"])).toContain("司马懿鑫");
    // A glyph missing from the subset would be measured as .notdef and extracted as nothing.
    expect(batch.measure("懿", "bold", 10)).toBeGreaterThan(5);
  });
});
