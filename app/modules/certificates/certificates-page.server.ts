// The cohort's certificates page: who meets the rule, who nearly does and why
// not, and the actions (batch, exception, revoke, reissue) behind its forms.
import { publicOrigin } from "~/utils/request.server.ts";
import { requireCertificateAccess, type Actor } from "./access.server.ts";
import { CertificateActionSchema } from "./certificates.ts";
import { issueByException, issueToEligible, reissueCertificate, revokeCertificate, type IssueSummary } from "./issuance.server.ts";
import { documentProgress, ensureDocuments, ensureDocumentsInBackground } from "./documents.server.ts";
import { cohortProgress } from "./progress.server.ts";
import { db } from "~/utils/db.server.ts";

export async function certificatesPage(actor: Actor, cohortId: string, now: Date) {
  await requireCertificateAccess(actor, cohortId, "read:certificate");
  const [progress, codes, documents] = await Promise.all([
    cohortProgress(cohortId, now),
    db.certificate.findMany({ where: { enrollment: { cohortId }, supersededById: null }, select: { id: true, verificationCode: true, exceptionReason: true } }),
    documentProgress(cohortId),
  ]);
  const byId = new Map(codes.map((c) => [c.id, c]));
  const rows = progress.enrollments.map((e) => ({
    enrollmentId: e.enrollmentId,
    name: e.name,
    rate: e.standing.overall.counted === 0 ? null : e.standing.overall.attended / e.standing.overall.counted,
    evaluation: e.evaluation,
    certificate: e.certificate
      ? {
          ...e.certificate,
          verifyPath: `/verify/${byId.get(e.certificate.id)?.verificationCode ?? ""}`,
          exception: Boolean(byId.get(e.certificate.id)?.exceptionReason),
          pdfPath: `/certificates/${e.certificate.id}/pdf`,
          imagePath: `/certificates/${e.certificate.id}/png`,
        }
      : null,
  }));
  return {
    cohortId,
    rule: progress.rule,
    excusedLeaveDenominator: progress.excusedLeaveDenominator,
    rows,
    documents,
    counts: {
      eligible: rows.filter((r) => r.evaluation.eligible).length,
      nearly: rows.filter((r) => r.evaluation.nearly).length,
      short: rows.filter((r) => !r.evaluation.eligible && !r.evaluation.nearly).length,
      issued: rows.filter((r) => r.certificate && !r.certificate.revoked).length,
      waiting: rows.filter((r) => r.evaluation.eligible && !r.certificate).length,
    },
  };
}

export type CertificatesActionResult =
  | { intent: "issue"; summary: IssueSummary }
  | { intent: "documents"; ok: true; started: number }
  | { intent: "exception" | "revoke" | "reissue"; ok: true; serial: string }
  | { intent: string; ok: false; error: string };

/** Parses one of the page's forms and runs it; bad input and refused changes come back as translation keys. */
export async function certificatesAction(actor: Actor, cohortId: string, request: Request, now: Date): Promise<CertificatesActionResult> {
  const parsed = CertificateActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { intent: "invalid", ok: false, error: parsed.error.issues[0]?.message ?? "certificates.errors.reasonRequired" };
  const context = { request, origin: publicOrigin(request), now };
  const input = parsed.data;
  switch (input.intent) {
    case "issue": {
      const summary = await issueToEligible(actor, cohortId, context);
      // Seconds of drawing for a whole class: the answer goes back now and the page follows the progress.
      ensureDocumentsInBackground(summary.issued.map((c) => c.id));
      return { intent: "issue", summary };
    }
    case "documents": {
      await requireCertificateAccess(actor, cohortId, "create:certificate");
      const missing = await db.certificate.findMany({ where: { enrollment: { cohortId }, supersededById: null, revokedAt: null, pdfSha256: null }, select: { id: true } });
      ensureDocumentsInBackground(missing.map((c) => c.id));
      return { intent: "documents", ok: true, started: missing.length };
    }
    case "exception": {
      const result = await issueByException(actor, cohortId, input, context);
      if (result.ok) await drawNow(result.id);
      return result.ok ? { intent: input.intent, ...result } : { intent: input.intent, ok: false, error: `certificates.errors.${result.error}` };
    }
    case "revoke": {
      const result = await revokeCertificate(actor, cohortId, input, context);
      return result.ok ? { intent: input.intent, ...result } : { intent: input.intent, ok: false, error: `certificates.errors.${result.error}` };
    }
    case "reissue": {
      const result = await reissueCertificate(actor, cohortId, input, context);
      if (result.ok) await drawNow(result.id);
      return result.ok ? { intent: input.intent, ...result } : { intent: input.intent, ok: false, error: `certificates.errors.${result.error}` };
    }
  }
}

/** One certificate's files, drawn before the answer (a fraction of a second); should that fail, its first download draws them. */
async function drawNow(certificateId: string): Promise<void> {
  await ensureDocuments([certificateId]).catch((error: unknown) => {
    console.error("Certificate documents could not be drawn; they will be drawn on first download.", error);
  });
}

/** The page's poll while files are drawn. */
export async function certificateFilesProgress(actor: Actor, cohortId: string) {
  await requireCertificateAccess(actor, cohortId, "read:certificate");
  return documentProgress(cohortId);
}
