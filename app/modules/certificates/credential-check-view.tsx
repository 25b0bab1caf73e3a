// The verification page's credential upload: the form (a plain multipart
// post, so it works without JavaScript) and what the check found.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button.tsx";
import type { CredentialCheck } from "./credential.ts";

export function CredentialUploadForm({ action, sizeLabel }: { action: string; sizeLabel: string }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" action={action} encType="multipart/form-data" className="flex flex-col gap-3" data-testid="credential-upload">
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("certificates.check.file", { size: sizeLabel })}</span>
        <input type="file" name="credential" required accept=".json,application/json,application/ld+json" className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface p-2" />
      </label>
      <Button type="submit" disabled={busy} className="self-start">
        {t("certificates.check.submit")}
      </Button>
    </Form>
  );
}

export function CredentialCheckResult({ check, academyName, sizeLabel }: { check: CredentialCheck; academyName: string; sizeLabel: string }) {
  const { t } = useTranslation();
  if (!check.genuine) {
    return (
      <div role="alert" className="rounded-lg bg-brand-50 px-4 py-3 text-brand-700" data-testid="credential-check">
        <p className="text-lg font-semibold">✗ {t("certificates.check.notGenuine")}</p>
        <p className="break-words">{t(`certificates.check.errors.${check.failure}`, { name: check.detail, issuer: check.detail, url: check.detail, size: sizeLabel })}</p>
      </div>
    );
  }
  const rows: [string, string][] = [
    [t("certificates.check.name"), check.name],
    [t("certificates.check.trainee"), check.traineeName],
    [t("certificates.check.serial"), check.serial],
    [t("certificates.check.issuedOn"), check.issuedOn],
  ];
  const status = check.status;
  return (
    <div className="flex flex-col gap-3" data-testid="credential-check">
      <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-lg font-semibold text-emerald-900">
        ✓ {t("certificates.check.genuine", { academy: academyName })}
      </p>
      {status.kind === "valid" ? (
        <p className="rounded-lg bg-emerald-50 px-4 py-3 font-semibold text-emerald-900" data-testid="credential-status">
          {t("certificates.check.current")}
        </p>
      ) : status.kind === "revoked" ? (
        <div className="rounded-lg bg-brand-50 px-4 py-3 text-brand-700" data-testid="credential-status">
          <p className="font-semibold">{t("certificates.check.revoked", { date: status.on })}</p>
          <p>{t("certificates.check.revokedReason", { reason: status.reason })}</p>
        </div>
      ) : (
        <div className="rounded-lg bg-amber-50 px-4 py-3 text-amber-950" data-testid="credential-status">
          <p className="font-semibold">{t("certificates.check.superseded")}</p>
          {status.currentPath ? (
            <a href={status.currentPath} className="font-medium underline">
              {t("certificates.check.currentLink")}
            </a>
          ) : null}
        </div>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        {rows
          .filter(([, value]) => value !== "")
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-muted">{label}</dt>
              <dd className="break-all font-medium">{value}</dd>
            </div>
          ))}
      </dl>
      <p className="text-sm text-muted">{t(check.key.retired ? "certificates.check.keyRetired" : "certificates.check.keyCurrent", { keyId: check.key.keyId })}</p>
      {check.verifyPath ? (
        <a href={check.verifyPath} className="min-h-11 self-start py-2 font-medium text-brand-700 underline">
          {t("certificates.check.compare")}
        </a>
      ) : null}
    </div>
  );
}
