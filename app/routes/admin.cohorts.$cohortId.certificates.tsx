import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { certificatesAction, certificatesPage } from "~/modules/certificates/certificates-page.server.ts";
import { DocumentProgress } from "~/modules/certificates/document-progress.tsx";
import { EligibilityTable } from "~/modules/certificates/eligibility-table.tsx";
import { RuleList } from "~/modules/certificates/progress-view.tsx";

export const meta: MetaFunction = () => [];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:certificate");
  return certificatesPage(user, cohortId, new Date());
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "create:certificate");
  return certificatesAction(user, cohortId, request, new Date());
}

export default function CohortCertificates() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const issuing = navigation.state === "submitting" && navigation.formData?.get("intent") === "issue";
  const base = `/admin/cohorts/${page.cohortId}/certificates`;
  const withoutCertificate = page.rows.filter((row) => !row.certificate);
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-xl font-semibold">{t("certificates.admin.title")}</h2>
      <section className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-4">
        <h3 className="font-semibold">{t("certificates.rule.title")}</h3>
        <RuleList rule={page.rule} excusedLeaveDenominator={page.excusedLeaveDenominator} />
        <p className="text-sm" data-testid="certificate-counts">
          {t("certificates.admin.counts", page.counts)}
        </p>
        {page.counts.waiting > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="issue" />
            <Button type="submit" disabled={issuing}>
              {issuing ? t("certificates.admin.issuing") : t("certificates.admin.issueAll", { count: page.counts.waiting })}
            </Button>
          </Form>
        ) : (
          <p className="text-muted">{t("certificates.admin.nothingToIssue")}</p>
        )}
      </section>
      {result && "summary" in result ? (
        <section role="status" className="flex flex-col gap-1 rounded-xl bg-emerald-50 p-4 text-emerald-950" data-testid="issue-summary">
          <h3 className="font-semibold">{t("certificates.admin.summaryTitle")}</h3>
          <p>{t("certificates.admin.summaryIssued", { count: result.summary.issued.length })}</p>
          {result.summary.alreadyIssued ? <p>{t("certificates.admin.summaryAlready", { count: result.summary.alreadyIssued })}</p> : null}
          {result.summary.notEligible ? <p>{t("certificates.admin.summaryNotEligible", { count: result.summary.notEligible })}</p> : null}
        </section>
      ) : null}
      {result && "ok" in result && result.ok ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {"serial" in result
            ? t(result.intent === "revoke" ? "certificates.admin.revoked" : result.intent === "reissue" ? "certificates.admin.reissued" : "certificates.admin.exceptionDone", { serial: result.serial })
            : t("certificates.admin.documentsStarted", { count: result.started })}
        </p>
      ) : null}
      <DocumentProgress initial={page.documents} pollUrl={`${base}.json`} archiveUrl={`${base}.zip`} />
      {result && "ok" in result && !result.ok ? <ErrorList errors={[result.error]} /> : null}
      <EligibilityTable rows={page.rows} />
      {withoutCertificate.length > 0 ? (
        <section className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-4">
          <h3 className="font-semibold">{t("certificates.admin.exceptionTitle")}</h3>
          <p className="text-sm text-muted">{t("certificates.admin.exceptionHint")}</p>
          <Form method="post" className="flex flex-col gap-2">
            <input type="hidden" name="intent" value="exception" />
            <label className="flex flex-col gap-1 text-sm">
              {t("certificates.admin.exceptionTrainee")}
              <select name="enrollmentId" required className="min-h-11 rounded-lg border border-line px-3" defaultValue="">
                <option value="">{t("certificates.admin.chooseTrainee")}</option>
                {withoutCertificate.map((row) => (
                  <option key={row.enrollmentId} value={row.enrollmentId}>
                    {row.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1 text-sm">
              {t("certificates.admin.reason")}
              <textarea name="reason" required maxLength={500} rows={2} className="rounded-lg border border-line px-3 py-2" />
            </label>
            <Button type="submit" variant="secondary" className="self-start">
              {t("certificates.admin.exceptionSubmit")}
            </Button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
