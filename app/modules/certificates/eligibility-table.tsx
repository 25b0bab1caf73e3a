// The staff's list of a cohort's trainees against the certificate rule, each
// with their certificate and its revoke and reissue forms.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button.tsx";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import type { RuleEvaluation } from "./certificates.ts";
import { credentialPaths } from "./credential.ts";
import { certificateStatusTone, ShortfallText } from "./progress-view.tsx";

export type EligibilityRow = {
  enrollmentId: string;
  name: string;
  rate: number | null;
  evaluation: RuleEvaluation;
  certificate: { id: string; serial: string; revoked: boolean; verifyPath: string; exception: boolean; pdfPath: string; imagePath: string } | null;
};

function ReasonForm({ intent, certificateId, label, submit, hint }: { intent: "revoke" | "reissue"; certificateId: string; label: string; submit: string; hint?: string }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{t(`certificates.admin.${intent}`)}</summary>
      <Form method="post" className="mt-2 flex flex-col gap-2">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="certificateId" value={certificateId} />
        {hint ? <p className="text-sm text-muted">{hint}</p> : null}
        <label className="flex flex-col gap-1 text-sm">
          {label}
          <input name="reason" required maxLength={500} className="min-h-11 rounded-lg border border-line px-3" />
        </label>
        <Button type="submit" variant="secondary" className="self-start">
          {submit}
        </Button>
      </Form>
    </details>
  );
}

export function EligibilityTable({ rows }: { rows: EligibilityRow[] }) {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-col gap-2" aria-label={t("certificates.admin.title")}>
      {rows.map((row) => (
        <li key={row.enrollmentId} className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-3 sm:flex-row sm:items-start sm:justify-between" data-testid="eligibility-row">
          <div className="flex flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-semibold">{row.name}</span>
              <StatusPill tone={row.evaluation.eligible ? "success" : row.evaluation.nearly ? "warning" : "neutral"}>
                {t(row.evaluation.eligible ? "certificates.admin.eligible" : row.evaluation.nearly ? "certificates.admin.nearly" : "certificates.admin.short")}
              </StatusPill>
              <span className="text-sm text-muted">
                {t("certificates.admin.rate")} {row.rate === null ? "—" : `${Math.round(row.rate * 1000) / 10}%`}
              </span>
            </div>
            {row.evaluation.shortfalls.length ? (
              <ul className="text-sm">
                {row.evaluation.shortfalls.map((shortfall, i) => (
                  <li key={i}>
                    <ShortfallText shortfall={shortfall} />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          {row.certificate ? (
            <div className="flex flex-col gap-1 text-sm sm:items-end">
              <span className="flex flex-wrap items-center gap-2">
                <span className="break-all font-mono">{row.certificate.serial}</span>
                <StatusPill tone={certificateStatusTone[row.certificate.revoked ? "revoked" : "valid"]}>{t(`certificates.status.${row.certificate.revoked ? "revoked" : "valid"}`)}</StatusPill>
                {row.certificate.exception ? <StatusPill tone="info">{t("certificates.admin.exceptionMark")}</StatusPill> : null}
              </span>
              <span className="flex flex-wrap gap-x-3" data-testid="certificate-links">
                <a href={row.certificate.verifyPath} className="text-brand-700 underline">
                  {t("certificates.admin.verify")}
                </a>
                {/* A revoked certificate's files stay as issued; the link and the file name say it is revoked. */}
                <a href={row.certificate.pdfPath} download className="text-brand-700 underline">
                  {t("certificates.admin.downloadPdf")}
                  {row.certificate.revoked ? ` (${t("certificates.admin.revokedFile")})` : ""}
                </a>
                <a href={row.certificate.imagePath} download className="text-brand-700 underline">
                  {t("certificates.admin.downloadImage")}
                  {row.certificate.revoked ? ` (${t("certificates.admin.revokedFile")})` : ""}
                </a>
                <a href={credentialPaths.download(row.certificate.id)} download className="text-brand-700 underline">
                  {t("certificates.credential.download")}
                </a>
              </span>
              {row.certificate.revoked ? null : (
                <>
                  <ReasonForm intent="reissue" certificateId={row.certificate.id} label={t("certificates.admin.reissueReason")} submit={t("certificates.admin.reissueSubmit")} hint={t("certificates.admin.reissueHint")} />
                  <ReasonForm intent="revoke" certificateId={row.certificate.id} label={t("certificates.admin.revokeReason")} submit={t("certificates.admin.revokeSubmit")} />
                </>
              )}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
