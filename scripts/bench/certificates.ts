// Certificate documents for a whole class: the demo academy's first cohort with
// 87 trainees, every organiser's seal and signature, one font subset for the
// batch, then each certificate's PDF and image, and its signed credential. Reports the seconds for the
// batch (subsetting included) and the mean sizes; every PDF is checked to start
// as a PDF and every image as a PNG, so a broken path fails the run.
// Run: npx tsx scripts/bench/certificates.ts
import { pathToFileURL } from "node:url";
import type { CertificateSnapshot } from "~/modules/certificates/certificates.ts";
import { prepareDocumentBatch } from "~/modules/certificates/document-fonts.server.ts";
import { renderCertificateImage } from "~/modules/certificates/document-image.server.ts";
import { pngSize, type OrganisationSeal } from "~/modules/certificates/document-layout.ts";
import { renderCertificatePdf } from "~/modules/certificates/document-pdf.server.ts";
import { demoSealPng, demoSignaturePng } from "~/modules/certificates/document-samples.server.ts";
import { planDemoAcademy } from "../../prisma/seed/demo-data.ts";
import { benchKey, signBenchCredentials, verifyBenchCredentials } from "./credentials.ts";

export const CERTIFICATES = 87;

export type CertificateBenchResult = { name: string; value: number; unit: string };

/** The demo class as snapshots: 87 trainees (the roster repeated if it is shorter), its organisers and tracks. */
export async function snapshotsForBench(): Promise<{ snapshots: CertificateSnapshot[]; seals: Map<string, OrganisationSeal> }> {
  const plan = planDemoAcademy("2026-03-02");
  const cohort = plan.cohorts[0]!;
  const organisers = cohort.organisations.map((link) => {
    const organisation = plan.organisations.find((o) => o.key === link.organisation)!;
    return { name: organisation.name, role: link.role, level: organisation.level, organisationId: organisation.key };
  });
  const seals = new Map<string, OrganisationSeal>();
  for (const organiser of organisers) {
    const seal = await demoSealPng(organiser.name);
    const signature = demoSignaturePng(organiser.name);
    seals.set(organiser.organisationId, {
      seal: { bytes: seal, ...pngSize(seal)! },
      signature: { bytes: signature, ...pngSize(signature)! },
      signatoryName: "王建国",
      signatoryTitle: "主席",
    });
  }
  const snapshots = Array.from({ length: CERTIFICATES }, (_, index): CertificateSnapshot => {
    const trainee = plan.trainees[index % plan.trainees.length]!;
    const code = Array.from({ length: 32 }, (_, i) => "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"[(index * 7 + i * 13) % 56]).join("");
    return {
      serial: `YX-2026-${cohort.code}-${String(index + 1).padStart(4, "0")}`,
      verificationCode: code,
      issuedOn: cohort.endDate,
      traineeName: trainee.name,
      cohortTitle: cohort.title,
      cohortCode: cohort.code,
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      organisers,
      academyName: plan.academy.name,
      hoursByTrack: [
        { track: "policy", hours: 12 },
        { track: "technology", hours: 18 },
        { track: "management", hours: 9 },
      ],
      totalHours: 39,
      attendanceRate: 0.8 + (index % 20) / 100,
      verifyUrl: `https://academy.example.cn/verify/${code}`,
    };
  });
  return { snapshots, seals };
}

export async function benchCertificates(): Promise<CertificateBenchResult[]> {
  const { snapshots, seals } = await snapshotsForBench();
  // One warm-up certificate, as a running server would have done before.
  const warm = await prepareDocumentBatch(snapshots.slice(0, 1), seals);
  await renderCertificatePdf(snapshots[0]!, warm, seals);
  await renderCertificateImage(snapshots[0]!, warm, seals);

  // The key is made (and the JSON-LD contexts parsed) before the clock starts, as a running server would have.
  const key = await benchKey();
  await signBenchCredentials(snapshots.slice(0, 1), key);

  const started = performance.now();
  const batch = await prepareDocumentBatch(snapshots, seals);
  const subsetSeconds = (performance.now() - started) / 1000;
  let pdfBytes = 0;
  let imageBytes = 0;
  let largestPdf = 0;
  for (const snapshot of snapshots) {
    // The image renders on the thread pool while the PDF is drawn.
    const [image, pdf] = await Promise.all([renderCertificateImage(snapshot, batch, seals), renderCertificatePdf(snapshot, batch, seals)]);
    if (Buffer.from(pdf.subarray(0, 5)).toString("latin1") !== "%PDF-") throw new Error(`${snapshot.serial}: not a PDF`);
    if (!pngSize(image)) throw new Error(`${snapshot.serial}: not a PNG`);
    pdfBytes += pdf.byteLength;
    imageBytes += image.byteLength;
    largestPdf = Math.max(largestPdf, pdf.byteLength);
  }
  // Each certificate's Open Badges credential, signed as issuance signs it.
  const credentials = await signBenchCredentials(snapshots, key);
  const seconds = (performance.now() - started) / 1000;
  const verifyMs = await verifyBenchCredentials(credentials.signed, key);
  const credentialBytes = credentials.signed.reduce((sum, c) => sum + Buffer.byteLength(JSON.stringify(c)), 0);
  const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;
  const kb = (bytes: number) => round(bytes / 1024, 1);
  return [
    { name: `certificates: ${CERTIFICATES} documents (PDF + image + signed credential), total`, value: round(seconds), unit: "s" },
    { name: "certificates: batch font subset", value: round(subsetSeconds), unit: "s" },
    { name: "certificates: mean PDF size", value: kb(pdfBytes / CERTIFICATES), unit: "KB" },
    { name: "certificates: largest PDF size", value: kb(largestPdf), unit: "KB" },
    { name: "certificates: mean image size", value: kb(imageBytes / CERTIFICATES), unit: "KB" },
    { name: "certificates: mean credential size (credentialBytes)", value: Math.round(credentialBytes / CERTIFICATES), unit: "bytes" },
    { name: "certificates: credential signing per certificate", value: round(credentials.ms / CERTIFICATES), unit: "ms" },
    { name: "certificates: credential verification per certificate", value: round(verifyMs / CERTIFICATES), unit: "ms" },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { name, value, unit } of await benchCertificates()) console.log(`${name}: ${value} ${unit}`);
}
