// The organisation page's viewer accounts (查看账号): who may read the organisation's share of the
// reports and its cohorts' rosters, a form to add one (name and mobile; the code is shown once) and
// a button to remove one, which ends their sessions at once.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { personStatusTone, StatusPill } from "~/components/ui/status-pill.tsx";
import { InvitationPanel, type InvitationView } from "~/modules/people/invitation-panel.tsx";

export type ViewerListItem = { personId: string; name: string; login: string | null; status: string; lastSignIn: string | null; added: string };

export function OrganisationViewersSection({
  viewers,
  errors,
  invitation,
  notice,
  busy,
}: {
  viewers: ViewerListItem[];
  errors: string[] | null;
  invitation: InvitationView | null;
  notice: "linked" | "removedNotice" | null;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5" aria-labelledby="viewers-heading" data-testid="organisation-viewers">
      <h2 id="viewers-heading" className="text-lg font-semibold">
        {t("viewers.title")}
      </h2>
      <p className="text-sm text-muted">{t("viewers.intro")}</p>
      {invitation ? <InvitationPanel invitation={invitation} /> : null}
      {notice && !busy ? (
        <p role="status" className="text-sm font-medium text-emerald-800">
          {t(`viewers.${notice}`)}
        </p>
      ) : null}
      <ul className="divide-y divide-line rounded-lg border border-line">
        {viewers.map((viewer) => (
          <li key={viewer.personId} className="flex flex-col gap-2 px-3 py-2 sm:flex-row sm:items-center" data-testid="viewer-row">
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="font-medium">{viewer.name}</span>
              <span className="text-sm text-muted">
                {viewer.login ?? "—"} · {t("viewers.added", { date: viewer.added })} ·{" "}
                {viewer.lastSignIn ? t("viewers.lastSignIn", { date: viewer.lastSignIn }) : t("viewers.neverSignedIn")}
              </span>
            </span>
            <span className="self-start sm:self-center">
              <StatusPill tone={personStatusTone[viewer.status] ?? "neutral"}>{t(`personStatus.${viewer.status}`)}</StatusPill>
            </span>
            <Form method="post">
              <input type="hidden" name="intent" value="viewer-remove" />
              <input type="hidden" name="personId" value={viewer.personId} />
              <Button type="submit" variant="secondary" disabled={busy} aria-label={t("viewers.removeNamed", { name: viewer.name })}>
                {t("viewers.remove")}
              </Button>
            </Form>
          </li>
        ))}
        {viewers.length === 0 ? <li className="px-3 py-3 text-sm text-muted">{t("viewers.none")}</li> : null}
      </ul>
      <Form method="post" className="flex flex-col gap-3">
        <input type="hidden" name="intent" value="viewer-add" />
        <h3 className="font-medium">{t("viewers.addTitle")}</h3>
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{t("viewers.name")}</span>
            <input name="name" required maxLength={50} autoComplete="off" className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface px-3" />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{t("viewers.mobile")}</span>
            <input name="mobile" required maxLength={30} inputMode="tel" autoComplete="off" className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface px-3" />
          </label>
        </div>
        <p className="text-sm text-muted">{t("viewers.addHint")}</p>
        <ErrorList errors={errors} />
        <Button type="submit" disabled={busy} className="self-start">
          {t("viewers.add")}
        </Button>
      </Form>
    </section>
  );
}
