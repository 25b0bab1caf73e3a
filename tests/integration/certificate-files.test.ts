// Certificates' files against a real database and file store: issued, each
// certificate's PDF and image are drawn once and stored; what a download serves
// is exactly the stored file, unchanged by later edits; a certificate left
// without files (the server stopped mid-batch) gets them on first download; the
// PDF checked by poppler and zbar as served; the cohort's archive holds exactly
// its current certificates; and only the trainee and the cohort's staff get them.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAuthSession } from "~/modules/accounts/auth-session.server.ts";
import { certificatesAction } from "~/modules/certificates/certificates-page.server.ts";
import { documentProgress, ensureDocuments } from "~/modules/certificates/documents.server.ts";
import { certificateDownload, cohortArchive } from "~/modules/certificates/downloads.server.ts";
import { issueToEligible, revokeCertificate } from "~/modules/certificates/issuance.server.ts";
import { myCertificates } from "~/modules/certificates/my-certificates.server.ts";
import { readStoredFile, storedPathOf } from "~/modules/files/file-storage.server.ts";
import { loader as downloadLoader } from "~/routes/certificates.$certificateId.$kind.tsx";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort, enroll } from "../factories/cohort.ts";
import { createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";

const now = new Date("2026-03-20T08:00:00Z");
const origin = "https://academy.test";
const context = (at = now) => ({ request: new Request("http://localhost/admin"), origin, now: at });
const admin = asUser("admin-files", ["admin"]);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
/** What a refused call threw, as its status. */
const statusOf = (work: Promise<unknown>) => work.then(() => 200, (thrown: unknown) => (thrown instanceof Response ? thrown.status : Promise.reject(thrown)));

const tools = ["pdftotext", "pdffonts", "pdftoppm", "zbarimg", "unzip"].map((tool) => `/usr/bin/${tool}`);
const missingTools = tools.filter((tool) => !existsSync(tool));
const run = (tool: string, args: string[]) => execFileSync(`/usr/bin/${tool}`, args, { encoding: "utf8" });

let uploads: string;
let cohortId: string;
let trainees: { id: string; name: string }[];
let enrollments: string[];

beforeAll(async () => {
  uploads = mkdtempSync(path.join(tmpdir(), "certificate-files-"));
  process.env.DATA_DIR = uploads;
  await db.person.create({ data: { id: admin.id, name: "管理员", status: "active" } });
  cohortId = (await createCohort({ title: "人工智能赋能产业升级专题班" })).id;
  const policy = await createModule(cohortId, { track: "policy", creditHours: 8 });
  const sessions = await Promise.all([72, 48].map((h) => createSession(policy.id, { startsAt: new Date(now.getTime() - h * 3_600_000) })));
  trainees = await Promise.all(["欧阳娜娜", "司马懿鑫", "张三"].map((name) => createPerson({ name })));
  enrollments = (await Promise.all(trainees.map((p) => enroll(cohortId, p.id)))).map((e) => e.id);
  for (const enrollmentId of enrollments) {
    for (const session of sessions) await db.attendance.create({ data: { enrollmentId, sessionId: session.id, status: "present", method: "roll_call" } });
  }
});
afterAll(() => {
  rmSync(uploads, { recursive: true, force: true });
  delete process.env.DATA_DIR;
});

async function certificateOf(enrollmentId: string) {
  return db.certificate.findFirstOrThrow({ where: { enrollmentId, supersededById: null }, orderBy: { sequence: "desc" } });
}

describe("files at issuance", () => {
  test("the batch's certificates get their PDF and image stored, with the hashes on the certificate; pressing again draws nothing", async () => {
    const summary = await issueToEligible(admin, cohortId, context());
    expect(summary.issued).toHaveLength(3);
    const hashes = await ensureDocuments(summary.issued.map((c) => c.id));
    expect(hashes.size).toBe(3);
    for (const { id } of summary.issued) {
      const row = await db.certificate.findUniqueOrThrow({ where: { id } });
      expect(row.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(row.imageSha256).toMatch(/^[0-9a-f]{64}$/);
      const [pdf, image] = await Promise.all([readStoredFile(storedPathOf(row.pdfSha256!)), readStoredFile(storedPathOf(row.imageSha256!))]);
      expect(sha256(pdf)).toBe(row.pdfSha256);
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(sha256(image)).toBe(row.imageSha256);
      expect(image.readUInt32BE(0)).toBe(0x89504e47);
    }
    expect(await documentProgress(cohortId)).toEqual({ total: 3, ready: 3, drawing: false });
    // The page's second press creates no certificate, so it has nothing to draw.
    const again = await certificatesAction(admin, cohortId, new Request("http://localhost/admin", { method: "POST", body: new URLSearchParams({ intent: "issue" }) }), now);
    expect(again).toMatchObject({ intent: "issue", summary: { issued: [], alreadyIssued: 3 } });
  });

  test("the download serves exactly the stored file, named in Chinese, private to the reader; later edits to the person and cohort change nothing", async () => {
    const certificate = await certificateOf(enrollments[0]!);
    const trainee = asUser(trainees[0]!.id, ["trainee"]);
    const response = await certificateDownload(trainee, certificate.id, "pdf");
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Cache-Control")).toMatch(/^private/);
    const disposition = response.headers.get("Content-Disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[ -~]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(`${certificate.serial}-欧阳娜娜.pdf`);
    const served = await bytesOf(response);
    expect(sha256(served)).toBe(certificate.pdfSha256);

    await db.person.update({ where: { id: trainees[0]!.id }, data: { name: "欧阳娜" } });
    await db.cohort.update({ where: { id: cohortId }, data: { title: "改过的班名" } });
    const later = await bytesOf(await certificateDownload(trainee, certificate.id, "pdf"));
    expect(sha256(later)).toBe(certificate.pdfSha256);
    const image = await bytesOf(await certificateDownload(trainee, certificate.id, "png"));
    expect(sha256(image)).toBe(certificate.imageSha256);
  });

  test.skipIf(missingTools.length > 0)("the served PDF holds the name and serial, embeds its fonts, and its QR code leads to the certificate's verification page", async () => {
    const certificate = await certificateOf(enrollments[1]!);
    const served = await bytesOf(await certificateDownload(admin, certificate.id, "pdf"));
    const folder = mkdtempSync(path.join(tmpdir(), "served-certificate-"));
    try {
      const file = path.join(folder, "served.pdf");
      writeFileSync(file, served);
      const text = run("pdftotext", [file, "-"]);
      expect(text).toContain("司马懿鑫");
      expect(text).toContain(certificate.serial);
      const fonts = run("pdffonts", [file]).split("\n").slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line.trim().split(/\s+/).slice(-5, -3)).toEqual(["yes", "yes"]);
      run("pdftoppm", ["-png", "-r", "100", "-singlefile", file, path.join(folder, "page")]);
      expect(run("zbarimg", ["--quiet", "--raw", path.join(folder, "page.png")]).trim()).toBe(`${origin}/verify/${certificate.verificationCode}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test("a certificate left without files (the server stopped mid-batch) gets them on first download, and keeps them", async () => {
    const certificate = await certificateOf(enrollments[2]!);
    await db.certificate.update({ where: { id: certificate.id }, data: { pdfSha256: null, imageSha256: null } });
    expect(await documentProgress(cohortId)).toMatchObject({ total: 3, ready: 2, drawing: false });
    const first = await bytesOf(await certificateDownload(admin, certificate.id, "png"));
    const row = await db.certificate.findUniqueOrThrow({ where: { id: certificate.id } });
    expect(sha256(first)).toBe(row.imageSha256);
    expect(row.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const second = await bytesOf(await certificateDownload(admin, certificate.id, "png"));
    expect(sha256(second)).toBe(row.imageSha256);
    // Two downloads at once of a certificate without files agree on one pair of files.
    await db.certificate.update({ where: { id: certificate.id }, data: { pdfSha256: null, imageSha256: null } });
    const [a, b] = await Promise.all([certificateDownload(admin, certificate.id, "pdf"), certificateDownload(admin, certificate.id, "pdf")]);
    const stored = (await db.certificate.findUniqueOrThrow({ where: { id: certificate.id } })).pdfSha256;
    expect([sha256(await bytesOf(a)), sha256(await bytesOf(b))]).toEqual([stored, stored]);
  });

  test("a reissue through the page's form has its own files before the page answers", async () => {
    const old = await certificateOf(enrollments[0]!);
    const form = new URLSearchParams({ intent: "reissue", certificateId: old.id, reason: "姓名更正" });
    const result = await certificatesAction(admin, cohortId, new Request("http://localhost/admin", { method: "POST", body: form }), now);
    expect(result).toMatchObject({ intent: "reissue", ok: true });
    const fresh = await certificateOf(enrollments[0]!);
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fresh.imageSha256).toMatch(/^[0-9a-f]{64}$/);
    const pdf = await bytesOf(await certificateDownload(admin, fresh.id, "pdf"));
    expect(sha256(pdf)).not.toBe(old.pdfSha256);
    expect((await db.certificate.findUniqueOrThrow({ where: { id: fresh.id } })).pdfSha256).toBe(sha256(pdf));
  });
});

describe("who gets which file", () => {
  test("the trainee downloads only their current certificate; the portal lists the files of the current one only", async () => {
    const [superseded, current] = await db.certificate.findMany({ where: { enrollmentId: enrollments[0]! }, orderBy: { sequence: "asc" } });
    const owner = asUser(trainees[0]!.id, ["trainee"]);
    expect(await statusOf(certificateDownload(owner, current!.id, "pdf"))).toBe(200);
    expect(await statusOf(certificateDownload(owner, superseded!.id, "pdf"))).toBe(410);
    const mine = await myCertificates(owner);
    expect(mine.map((c) => [c.status, c.files])).toEqual([
      ["valid", { pdf: `/certificates/${current!.id}/pdf`, image: `/certificates/${current!.id}/png` }],
      ["superseded", null],
    ]);
  });

  test("another trainee, staff of another cohort and the cohort's instructor are refused; staff of the cohort get any of its certificates", async () => {
    const certificate = await certificateOf(enrollments[1]!);
    const other = await createCohort();
    const classmate = asUser(trainees[2]!.id, ["trainee"]);
    const outsider = await createPerson({ name: "别班学员" });
    await enroll(other.id, outsider.id);
    const staffElsewhere = await createPerson({ roles: ["staff"] });
    await assign(other.id, staffElsewhere.id, "staff");
    const instructor = await createPerson({ roles: ["instructor"] });
    await assign(cohortId, instructor.id, "instructor");
    const staffHere = await createPerson({ roles: ["staff"] });
    await assign(cohortId, staffHere.id, "staff");
    for (const who of [classmate, asUser(outsider.id, ["trainee"]), asUser(staffElsewhere.id, ["staff"]), asUser(instructor.id, ["instructor"])]) {
      expect(await statusOf(certificateDownload(who, certificate.id, "pdf"))).toBe(403);
      expect(await statusOf(certificateDownload(who, certificate.id, "png"))).toBe(403);
      expect(await statusOf(cohortArchive(who, cohortId))).toBe(403);
    }
    expect(await statusOf(certificateDownload(asUser(staffHere.id, ["staff"]), certificate.id, "pdf"))).toBe(200);
    expect(await statusOf(cohortArchive(asUser(staffHere.id, ["staff"]), cohortId))).toBe(200);
  });

  test("a revoked certificate: the trainee is told it is revoked, staff still get the file as issued, named revoked", async () => {
    const certificate = await certificateOf(enrollments[1]!);
    expect(await revokeCertificate(admin, cohortId, { certificateId: certificate.id, reason: "出勤记录有误" }, context())).toMatchObject({ ok: true });
    expect(await statusOf(certificateDownload(asUser(trainees[1]!.id, ["trainee"]), certificate.id, "pdf"))).toBe(410);
    const response = await certificateDownload(admin, certificate.id, "pdf");
    expect(decodeURIComponent(response.headers.get("Content-Disposition")!.split("UTF-8''")[1]!)).toBe(`${certificate.serial}-司马懿鑫（已撤销）.pdf`);
    expect(sha256(await bytesOf(response))).toBe(certificate.pdfSha256);
  });

  test("through the route: signed out goes to sign-in, an unknown kind or certificate is not found", async () => {
    const certificate = await certificateOf(enrollments[2]!);
    const loader = (request: Request, params: Record<string, string>) => statusOf(downloadLoader({ request, params, context: {} }));
    expect(await loader(new Request(`http://localhost/certificates/${certificate.id}/pdf`), { certificateId: certificate.id, kind: "pdf" })).toBe(302);
    const cookie = (await createAuthSession(new Request("http://localhost/"), trainees[2]!.id, {})).split(";")[0]!;
    const signedIn = (url: string) => new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });
    expect(await loader(signedIn(`/certificates/${certificate.id}/exe`), { certificateId: certificate.id, kind: "exe" })).toBe(404);
    expect(await loader(signedIn("/certificates/nope/pdf"), { certificateId: "nope", kind: "pdf" })).toBe(404);
    const served = await downloadLoader({ request: signedIn(`/certificates/${certificate.id}/png`), params: { certificateId: certificate.id, kind: "png" }, context: {} });
    expect(served.headers.get("Content-Type")).toBe("image/png");
  });
});

describe.skipIf(missingTools.length > 0)("the cohort's archive", () => {
  test("holds exactly the cohort's current certificates, PDF and image each named by serial and name, and a list", async () => {
    const current = await db.certificate.findMany({ where: { enrollment: { cohortId }, revokedAt: null, supersededById: null }, orderBy: { sequence: "asc" } });
    // Of four certificates: one superseded, one revoked; two current.
    expect(current).toHaveLength(2);
    const response = await cohortArchive(admin, cohortId);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(decodeURIComponent(response.headers.get("Content-Disposition")!.split("UTF-8''")[1]!)).toBe("改过的班名-结业证书.zip");
    const folder = mkdtempSync(path.join(tmpdir(), "certificate-archive-"));
    try {
      const file = path.join(folder, "archive.zip");
      writeFileSync(file, await bytesOf(response));
      const listed = run("zipinfo", ["-1", file]).split("\n").filter(Boolean).sort();
      const names = current.map((c) => ({ serial: c.serial, name: (JSON.parse(c.snapshot) as { traineeName: string }).traineeName }));
      expect(listed).toEqual([...names.flatMap((n) => [`${n.serial}-${n.name}.pdf`, `${n.serial}-${n.name}.png`]), "证书清单.csv"].sort());
      run("unzip", ["-q", file, "-d", path.join(folder, "out")]);
      for (const certificate of current) {
        const name = (JSON.parse(certificate.snapshot) as { traineeName: string }).traineeName;
        expect(sha256(readFileSync(path.join(folder, "out", `${certificate.serial}-${name}.pdf`)))).toBe(certificate.pdfSha256);
        expect(sha256(readFileSync(path.join(folder, "out", `${certificate.serial}-${name}.png`)))).toBe(certificate.imageSha256);
      }
      const manifest = readFileSync(path.join(folder, "out", "证书清单.csv"), "utf8");
      expect(manifest.startsWith("\uFEFF证书编号,姓名")).toBe(true);
      expect(manifest.trim().split("\r\n")).toHaveLength(1 + current.length);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
