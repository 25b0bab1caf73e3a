// Issuing the 87-trainee demo class's certificates the way staff do, against a
// real, freshly migrated and seeded database and a file store in a temporary
// folder: the batch in its locked transaction (each certificate with whatever
// issuance adds to it, such as its signed credential), then every PDF and image
// drawn with one font subset, stored and its hash written. Timed from the press
// to the last file stored, three times after a warm-up (a running server has
// done one before), reported as the median with the fastest and slowest run,
// beside the CPU time the batch used on all threads (the image workers too) and
// the machine's load average: other work on the two cores moves the seconds,
// much less the CPU time.
// Every stored PDF is checked to start as a PDF and every image as a PNG, so a
// broken path fails the run instead of reporting a number.
// Run: npx tsx scripts/bench/certificates.ts (BENCH_POSTGRES_URL adds PostgreSQL).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseDatabaseUrl } from "~/utils/database-url.ts";
import { projectRoot } from "~/utils/project-root.server.ts";
import { academyInstant } from "../../prisma/seed/demo-data.ts";
import { applyMigrations } from "../db/apply-migrations.ts";
import { onEachDatabase, whenRun } from "./each-database.ts";
import type { CertificateSnapshot } from "~/modules/certificates/certificates.ts";

export const CERTIFICATES = 87;
const RUNS = 3;
const ANCHOR = "2026-03-16";
const COHORT = "人工智能赋能产业升级专题班（第一期）";

export type CertificateBenchResult = { name: string; value: number; unit: string };

async function measure(databaseUrl: string, label: string): Promise<CertificateBenchResult[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "academy-bench-files-"));
  process.env.DATA_DIR = dataDir;
  await applyMigrations(parseDatabaseUrl(databaseUrl, projectRoot));
  process.env.DATABASE_URL = databaseUrl;
  const { db } = await import("~/utils/db.server.ts");
  const { seedDemoAcademy } = await import("../../prisma/seed/seed-demo-academy.ts");
  const { issueByException, issueToEligible } = await import("~/modules/certificates/issuance.server.ts");
  const { ensureDocuments } = await import("~/modules/certificates/documents.server.ts");
  const { readStoredFile, storedPathOf } = await import("~/modules/files/file-storage.server.ts");
  const { rolePermissions } = await import("~/modules/accounts/permissions.server.ts");
  // Imported once DATABASE_URL names the bench's database: these modules open the database when loaded.
  const { benchKey, signBenchCredentials, verifyBenchCredentials } = await import("./credentials.ts");
  try {
    await seedDemoAcademy(db, { anchorDate: ANCHOR });
    // Every trainee of the class meets this rule, so the batch is the whole class.
    const cohort = await db.cohort.update({
      where: { id: (await db.cohort.findFirstOrThrow({ where: { title: COHORT }, select: { id: true } })).id },
      data: { certMinAttendancePercent: 0, certRequireEveryTrack: false, certMinTrackPercent: null, certMinCreditHours: null },
      select: { id: true, _count: { select: { enrollments: { where: { status: "enrolled" } } } } },
    });
    if (cohort._count.enrollments !== CERTIFICATES) throw new Error(`The demo class has ${cohort._count.enrollments} trainees, not ${CERTIFICATES}`);
    const adminPerson = await db.person.findFirstOrThrow({ where: { email: "admin@demo.academy" }, select: { id: true } });
    const admin = { id: adminPerson.id, permissions: [...rolePermissions.admin] };
    const now = academyInstant(ANCHOR, "12:00");
    const context = () => ({ request: new Request("http://localhost/admin"), origin: "https://academy.example.cn", now });
    const clear = async () => {
      await db.certificate.deleteMany({ where: { enrollment: { cohortId: cohort.id } } });
      await db.auditEvent.deleteMany({ where: { action: "certificate.issued" } });
    };

    // Warm-up: two certificates by exception, as a running server would have issued before (both image workers started).
    const warmUp = await db.enrollment.findMany({ where: { cohortId: cohort.id, status: "enrolled" }, select: { id: true }, take: 2 });
    const warmIds: string[] = [];
    for (const enrollment of warmUp) {
      const warm = await issueByException(admin, cohort.id, { enrollmentId: enrollment.id, reason: "warm-up" }, context());
      if (!warm.ok) throw new Error(`warm-up: ${warm.error}`);
      warmIds.push(warm.id);
    }
    await ensureDocuments(warmIds);
    await clear();

    let snapshots: CertificateSnapshot[] = [];
    const runs: { seconds: number; cpuSeconds: number; issueSeconds: number; pdfBytes: number; imageBytes: number; credentialBytes: number }[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const summary = await issueToEligible(admin, cohort.id, context());
      const issued = performance.now();
      const hashes = await ensureDocuments(summary.issued.map((c) => c.id));
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      if (summary.issued.length !== CERTIFICATES || hashes.size !== CERTIFICATES) throw new Error(`run ${run + 1}: ${summary.issued.length} issued, ${hashes.size} with documents`);
      let pdfBytes = 0;
      let imageBytes = 0;
      for (const [id, { pdfSha256, imageSha256 }] of hashes) {
        const [pdf, image] = await Promise.all([readStoredFile(storedPathOf(pdfSha256)), readStoredFile(storedPathOf(imageSha256))]);
        if (pdf.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error(`${id}: not a PDF`);
        if (image.readUInt32BE(0) !== 0x89504e47) throw new Error(`${id}: not a PNG`);
        pdfBytes += pdf.byteLength;
        imageBytes += image.byteLength;
      }
      const stored = await db.certificate.count({ where: { enrollment: { cohortId: cohort.id }, pdfSha256: { not: null }, imageSha256: { not: null } } });
      if (stored !== CERTIFICATES) throw new Error(`run ${run + 1}: ${stored} certificates with their hashes`);
      // Every certificate carries its signed Open Badges credential from the same transaction.
      const credentials = await db.certificate.findMany({ where: { enrollment: { cohortId: cohort.id } }, select: { credential: true, snapshot: true } });
      snapshots = credentials.map((c) => JSON.parse(c.snapshot) as CertificateSnapshot);
      if (credentials.some((c) => !c.credential)) throw new Error(`run ${run + 1}: a certificate without its credential`);
      const credentialBytes = credentials.reduce((sum, c) => sum + Buffer.byteLength(c.credential!), 0);
      runs.push({ seconds, cpuSeconds, issueSeconds: (issued - started) / 1000, pdfBytes, imageBytes, credentialBytes });
      console.log(`certificates (${label}), run ${run + 1}: ${seconds.toFixed(2)} s, ${cpuSeconds.toFixed(2)} s of CPU, load average ${os.loadavg()[0]!.toFixed(2)}`);
      await clear();
    }
    // Signing and verifying alone, per credential, on the class's snapshots (an in-memory key, as the issuance path signs).
    const signingKey = await benchKey();
    await signBenchCredentials(snapshots.slice(0, 1), signingKey);
    const signing = await signBenchCredentials(snapshots, signingKey);
    const verifyMs = await verifyBenchCredentials(signing.signed, signingKey);
    const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;
    const kb = (bytes: number) => round(bytes / 1024 / CERTIFICATES, 1);
    // SQLite's figures carry the plain names (the one-server deployment); PostgreSQL's say so.
    const key = (name: string) => (label === "SQLite" ? name : `${label.toLowerCase()}.${name}`);
    return [
      { name: key("batchSeconds"), value: round(median.seconds), unit: "s" },
      { name: key("batchSecondsFastest"), value: round(sorted[0]!.seconds), unit: "s" },
      { name: key("batchSecondsSlowest"), value: round(sorted[sorted.length - 1]!.seconds), unit: "s" },
      { name: key("batchCpuSeconds"), value: round(median.cpuSeconds), unit: "s" },
      { name: key("issueTransactionSeconds"), value: round(median.issueSeconds), unit: "s" },
      { name: key("perCertificateMs"), value: round((median.seconds * 1000) / CERTIFICATES, 1), unit: "ms" },
      { name: key("pdfMeanKB"), value: kb(median.pdfBytes), unit: "KB" },
      { name: key("imageMeanKB"), value: kb(median.imageBytes), unit: "KB" },
      { name: key("credentialMeanBytes"), value: Math.round(median.credentialBytes / CERTIFICATES), unit: "bytes" },
      { name: key("credentialSignMs"), value: round(signing.ms / snapshots.length), unit: "ms" },
      { name: key("credentialVerifyMs"), value: round(verifyMs / snapshots.length), unit: "ms" },
      { name: key("loadAverage"), value: round(os.loadavg()[0]!), unit: "" },
    ];
  } finally {
    await db.$disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const thisFile = fileURLToPath(import.meta.url);

/** Issuing the class's 87 certificates with their files, on SQLite, and on PostgreSQL if BENCH_POSTGRES_URL is set. */
export async function benchCertificates(): Promise<CertificateBenchResult[]> {
  return onEachDatabase<CertificateBenchResult>(thisFile, "certificates");
}

await whenRun(import.meta.url, {
  measure,
  onEachDatabase: benchCertificates,
  print: (results) => {
    for (const { name, value, unit } of results) console.log(`${name}: ${value} ${unit}`);
  },
});
