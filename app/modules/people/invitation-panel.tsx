import { useState } from "react";
import { useTranslation } from "react-i18next";

export type InvitationView = { personName: string; code: string; link: string; expires: string };

/**
 * Shown once, right after an invitation is issued: only hashes are stored, so
 * the code and link cannot be shown again (re-inviting issues new ones).
 */
export function InvitationPanel({ invitation }: { invitation: InvitationView }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const message = t("invitation.message", invitation);
  return (
    <section className="flex flex-col gap-3 rounded-xl border-2 border-emerald-600 bg-emerald-50 p-4" aria-live="polite" data-testid="invitation">
      <h2 className="text-lg font-semibold text-emerald-900">{t("invitation.issued", { name: invitation.personName })}</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-muted">{t("invitation.code")}</dt>
        <dd className="font-mono text-2xl font-bold tracking-widest" data-testid="invitation-code">
          {invitation.code}
        </dd>
        <dt className="text-muted">{t("invitation.link")}</dt>
        <dd className="break-all font-mono text-sm" data-testid="invitation-link">
          {invitation.link}
        </dd>
        <dt className="text-muted">{t("invitation.expires")}</dt>
        <dd>{invitation.expires}</dd>
      </dl>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">{t("invitation.messageLabel")}</span>
        <textarea readOnly value={message} rows={4} className="rounded-lg border border-line bg-surface p-2" />
      </label>
      <button
        type="button"
        className="min-h-11 self-start rounded-lg bg-emerald-700 px-4 font-medium text-white"
        onClick={() => {
          void navigator.clipboard?.writeText(message).then(() => setCopied(true));
        }}
      >
        {copied ? t("invitation.copied") : t("invitation.copy")}
      </button>
      <p className="text-sm text-emerald-900">{t("invitation.onlyOnce")}</p>
    </section>
  );
}
