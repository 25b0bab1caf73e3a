// The academy settings page's section on the credential signing key: the
// current and retired keys, and rotation behind a confirmation (works without JavaScript).
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button.tsx";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import { credentialPaths } from "./credential.ts";

export type SigningKeyRow = { keyId: string; createdOn: string; retiredOn: string | null };
export type RotationResult = { ok: true; keyId: string } | { ok: false; error: "confirmRequired" };

export function SigningKeysSection({ keys, result }: { keys: SigningKeyRow[]; result: RotationResult | null }) {
  const { t } = useTranslation();
  const busy = useNavigation().formData?.get("intent") === "rotateKey";
  return (
    <section aria-labelledby="signing-keys-heading" className="flex flex-col gap-3 border-t border-line pt-4" data-testid="signing-keys">
      <h2 id="signing-keys-heading" className="text-lg font-semibold">
        {t("certificates.keys.title")}
      </h2>
      <p className="text-sm text-muted">{t("certificates.keys.intro")}</p>
      <a href={credentialPaths.issuer} className="self-start font-medium text-brand-700 underline">
        {t("certificates.keys.profile")}
      </a>
      {result?.ok ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {t("certificates.keys.rotated", { keyId: result.keyId })}
        </p>
      ) : null}
      {keys.length === 0 ? (
        <p className="text-muted">{t("certificates.keys.none")}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {keys.map((key) => (
            <li key={key.keyId} className="flex flex-wrap items-center gap-2 rounded-lg border border-line bg-surface px-3 py-2">
              <span className="break-all font-mono text-sm">{key.keyId}</span>
              <StatusPill tone={key.retiredOn ? "neutral" : "success"}>{key.retiredOn ? t("certificates.keys.retired", { date: key.retiredOn }) : t("certificates.keys.current")}</StatusPill>
              <span className="text-sm text-muted">{t("certificates.keys.created", { date: key.createdOn })}</span>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="flex flex-col gap-3">
        <input type="hidden" name="intent" value="rotateKey" />
        <label className="flex min-h-11 items-start gap-2">
          <input type="checkbox" name="confirm" value="yes" className="mt-1 size-5" aria-describedby={result && !result.ok ? "rotate-error" : undefined} />
          <span>{t("certificates.keys.confirm")}</span>
        </label>
        {result && !result.ok ? (
          <p id="rotate-error" role="alert" className="text-sm text-brand-700">
            {t(`certificates.keys.${result.error}`)}
          </p>
        ) : null}
        <Button type="submit" variant="secondary" disabled={busy} className="self-start">
          {t("certificates.keys.rotate")}
        </Button>
      </Form>
    </section>
  );
}
