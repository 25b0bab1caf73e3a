// Reports API tokens: admins make a named token (shown once), optionally limited to one organisation's
// cohorts, see when each was last used, and revoke it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { StatusPill } from "~/components/ui/status-pill.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { listOrganisations } from "~/modules/certificates/organisation-seals.server.ts";
import { ReportTokenCreateSchema } from "~/modules/reports/api-tokens.ts";
import { createReportToken, listReportTokens, revokeReportToken } from "~/modules/reports/api-tokens.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";
import { formatDateTime, localDate } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [tokens, organisations, academy, language] = await Promise.all([listReportTokens(user), listOrganisations(user), getAcademySettings(), getLanguage(request)]);
  const when = (at: Date | null) => (at ? formatDateTime(at, academy.timeZone, language) : null);
  return {
    title: getFixedT(language)("reportTokens.title"),
    endpoint: `${publicOrigin(request)}/api/reports`,
    year: localDate(new Date(), academy.timeZone).slice(0, 4),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    tokens: tokens.map((token) => ({ ...token, createdAt: when(token.createdAt)!, lastUsedAt: when(token.lastUsedAt), revokedAt: when(token.revokedAt) })),
  };
}

type ActionResult = { intent: string; errors: string[]; token: string | null; name: string | null };

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const user = await requireUser(request);
  // Refused before the form is read: listing needs the same grant as any change.
  await listReportTokens(user);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const context = { actor: user, request, now: new Date() };
  const reply = (errors: string[], token: string | null = null, name: string | null = null) => ({ intent, errors, token, name });
  try {
    if (intent === "create") {
      const parsed = ReportTokenCreateSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return reply(parsed.error.issues.map((issue) => issue.message));
      const { token } = await createReportToken(parsed.data, context);
      return reply([], token, parsed.data.name);
    }
    if (intent === "revoke") {
      await revokeReportToken(String(formData.get("tokenId") ?? "").slice(0, 64), context);
      return reply([]);
    }
    return reply(["reportTokens.errors.unknownAction"]);
  } catch (error) {
    if (error instanceof DomainError) return reply([error.messageKey]);
    throw error;
  }
}

export default function ReportTokens() {
  const { t } = useTranslation();
  const { tokens, organisations, endpoint, year } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-5">
      <h1 className="text-2xl font-bold">{t("reportTokens.title")}</h1>
      <p className="text-sm text-muted">{t("reportTokens.intro", { endpoint })}</p>
      {result?.token ? (
        <section className="flex flex-col gap-2 rounded-xl border-2 border-emerald-600 bg-emerald-50 p-4" aria-live="polite" data-testid="new-token">
          <h2 className="font-semibold text-emerald-900">{t("reportTokens.created", { name: result.name })}</h2>
          <p className="break-all rounded-lg bg-surface p-2 font-mono text-sm" data-testid="new-token-value">
            {result.token}
          </p>
          <p className="text-sm text-emerald-900">{t("reportTokens.onlyOnce")}</p>
          <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded-lg bg-surface p-2 text-xs">{`curl -H "Authorization: Bearer ${result.token}" "${endpoint}?from=${year}-01-01&to=${year}-12-31"`}</pre>
        </section>
      ) : null}
      {result?.intent === "revoke" && !result.errors.length && !busy ? (
        <p role="status" className="text-sm font-medium text-emerald-800">
          {t("reportTokens.revokedNotice")}
        </p>
      ) : null}
      <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading" className="text-lg font-semibold">
          {t("reportTokens.new")}
        </h2>
        <Form method="post" className="flex flex-col gap-3">
          <input type="hidden" name="intent" value="create" />
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{t("reportTokens.name")}</span>
            <input name="name" required maxLength={60} className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface px-3" />
            <span className="text-muted">{t("reportTokens.nameHint")}</span>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{t("reportTokens.scope")}</span>
            <select name="organisationId" className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface px-3">
              <option value="">{t("reportTokens.wholeAcademy")}</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {t("reportTokens.onlyOrganisation", { name: o.name })}
                </option>
              ))}
            </select>
          </label>
          <ErrorList errors={result?.intent === "create" ? result.errors : null} />
          <Button type="submit" disabled={busy} className="self-start">
            {t("reportTokens.create")}
          </Button>
        </Form>
      </section>
      <section className="flex flex-col gap-2" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          {t("reportTokens.list")}
        </h2>
        <ErrorList errors={result?.intent === "revoke" ? result.errors : null} />
        <ul className="divide-y divide-line rounded-xl border border-line bg-surface">
          {tokens.map((token) => (
            <li key={token.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center" data-testid="token-row">
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="font-medium">{token.name}</span>
                <span className="text-sm text-muted">
                  {token.organisation ? t("reportTokens.onlyOrganisation", { name: token.organisation }) : t("reportTokens.wholeAcademy")}
                </span>
                <span className="text-sm text-muted">
                  {t("reportTokens.createdAt", { date: token.createdAt })} ·{" "}
                  {token.lastUsedAt ? t("reportTokens.lastUsed", { date: token.lastUsedAt }) : t("reportTokens.neverUsed")}
                </span>
              </span>
              {token.revokedAt ? (
                <StatusPill tone="neutral">{t("reportTokens.revoked", { date: token.revokedAt })}</StatusPill>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="tokenId" value={token.id} />
                  <Button type="submit" variant="secondary" disabled={busy} aria-label={t("reportTokens.revokeNamed", { name: token.name })}>
                    {t("reportTokens.revoke")}
                  </Button>
                </Form>
              )}
            </li>
          ))}
          {tokens.length === 0 ? <li className="px-4 py-4 text-sm text-muted">{t("reportTokens.none")}</li> : null}
        </ul>
      </section>
    </div>
  );
}
