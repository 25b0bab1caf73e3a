import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button, buttonClass } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { RuleList } from "~/modules/certificates/progress-view.tsx";
import { canInCohorts, requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { changeCohortStatus } from "~/modules/cohorts/cohort-admin.server.ts";
import { CohortStatusSchema } from "~/modules/cohorts/cohort-form.ts";
import { cohortTransitions, transitionsNeedingReason } from "~/modules/cohorts/cohorts.ts";
import { TrackBalance } from "~/modules/cohorts/cohort-card.tsx";
import { getCohortOverview } from "~/modules/cohorts/cohorts.server.ts";
import { getProgramme } from "~/modules/programme/programme.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { formatDateRange, formatDateTime } from "~/utils/time.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:cohort");
  const [cohort, academy, language, programme] = await Promise.all([getCohortOverview(cohortId), getAcademySettings(), getLanguage(request), getProgramme(cohortId)]);
  return {
    cohort: {
      ...cohort,
      dates: formatDateRange(cohort.startDate, cohort.endDate, language),
      statusChanges: cohort.statusChanges.map((c) => ({ ...c, at: formatDateTime(c.at, academy.timeZone, language) })),
    },
    canEdit: canInCohorts(user, "update:cohort"),
    programme: { hoursByTrack: programme.hoursByTrack, totalHours: programme.totalHours, modules: programme.modules.length },
    applyPath: `/apply/${cohort.code}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "update:cohort");
  const submission = parseWithZod(await request.formData(), { schema: CohortStatusSchema });
  if (submission.status !== "success") return submission.reply();
  try {
    await changeCohortStatus({ cohortId, ...submission.value, actorId: user.id, now: new Date() });
    return submission.reply({ resetForm: true });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function CohortOverview() {
  const { t } = useTranslation();
  const { cohort, canEdit, programme, applyPath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const organisers = cohort.organisations.filter((o) => o.role !== "teaching_partner");
  const partners = cohort.organisations.filter((o) => o.role === "teaching_partner");
  const moves = cohortTransitions[cohort.status];
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="mr-auto text-lg font-semibold">{t("cohort.details")}</h2>
          {canEdit ? (
            <Link to="edit" className={buttonClass("secondary")}>
              {t("cohort.edit")}
            </Link>
          ) : null}
        </div>
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[9rem_1fr]">
          <dt className="text-muted">{t("cohort.dates")}</dt>
          <dd>{cohort.dates}</dd>
          <dt className="text-muted">{t("cohort.seats")}</dt>
          <dd data-testid="cohort-seats">
            {t("cohort.seatsTaken", { enrolled: cohort.counts.enrolled, capacity: cohort.capacity })}
            {cohort.counts.waitlisted ? ` · ${t("cohort.waitlistedCount", { count: cohort.counts.waitlisted })}` : ""}
            {cohort.counts.applied ? ` · ${t("cohort.appliedCount", { count: cohort.counts.applied })}` : ""}
          </dd>
          <dt className="text-muted">{t("cohort.venue")}</dt>
          <dd>{cohort.venue ? `${cohort.venue.name}${cohort.venue.address ? ` · ${cohort.venue.address}` : ""}` : "—"}</dd>
          <dt className="text-muted">{t("programme.tabProgramme")}</dt>
          <dd className="flex flex-col gap-2" data-testid="cohort-programme">
            <Link to="programme" className="text-brand-700 underline">
              {t("programme.overview", { count: programme.modules, hours: t("common.hours", { count: programme.totalHours }) })}
            </Link>
            <TrackBalance hoursByTrack={programme.hoursByTrack} />
          </dd>
          <dt className="text-muted">{t("cohort.organisers")}</dt>
          <dd>{organisers.map((o) => o.organisation.name).join(t("common.listSeparator")) || "—"}</dd>
          <dt className="text-muted">{t("cohort.partner")}</dt>
          <dd>{partners.map((o) => o.organisation.name).join(t("common.listSeparator")) || "—"}</dd>
          <dt className="text-muted">{t("cohort.certificateRule")}</dt>
          <dd data-testid="cohort-certificate-rule">
            <RuleList
              rule={{
                minAttendancePercent: cohort.certMinAttendancePercent,
                requireEveryTrack: cohort.certRequireEveryTrack,
                minTrackPercent: cohort.certMinTrackPercent,
                minCreditHours: cohort.certMinCreditHours,
              }}
              excusedLeaveDenominator={cohort.excusedLeaveDenominator}
            />
          </dd>
          <dt className="text-muted">{t("cohort.lateAfter")}</dt>
          <dd>{t("cohort.minutes", { count: cohort.lateAfterMinutes })}</dd>
          {cohort.status === "enrolling" ? (
            <>
              <dt className="text-muted">{t("cohort.applyPage")}</dt>
              <dd>
                <Link to={applyPath} className="break-all text-brand-700 underline">
                  {applyPath}
                </Link>
              </dd>
            </>
          ) : null}
        </dl>
        {cohort.description ? <p className="whitespace-pre-line text-sm">{cohort.description}</p> : null}
      </section>

      <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
        <h2 className="text-lg font-semibold">{t("cohort.status")}</h2>
        {canEdit && moves.length ? (
          <Form method="post" className="flex flex-col gap-2">
            <input type="hidden" name="intent" value="status" />
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">{t("cohort.moveTo")}</span>
              <select name="to" className="min-h-11 rounded-lg border border-line bg-surface px-2">
                {moves.map((to) => (
                  <option key={to} value={to}>
                    {t(`cohortStatus.${to}`)}
                    {transitionsNeedingReason.includes(`${cohort.status}>${to}`) ? ` (${t("cohort.reasonNeeded")})` : ""}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">{t("cohort.reason")}</span>
              <input name="reason" maxLength={500} className="min-h-11 rounded-lg border border-line bg-surface px-2" />
            </label>
            <ErrorList errors={[...(result?.error?.[""] ?? []), ...(result?.error?.reason ?? [])]} />
            <Button type="submit" variant="secondary" disabled={navigation.state !== "idle"}>
              {t("cohort.changeStatus")}
            </Button>
          </Form>
        ) : null}
        <p className="text-sm text-muted">{t(`cohort.statusHelp.${cohort.status}`)}</p>
        <h3 className="font-medium">{t("cohort.history")}</h3>
        <ol className="flex flex-col gap-2 text-sm" data-testid="status-history">
          {cohort.statusChanges.map((change) => (
            <li key={change.id}>
              <span className="text-muted">{change.at}</span> ·{" "}
              {change.fromStatus ? `${t(`cohortStatus.${change.fromStatus}`)} → ` : ""}
              {t(`cohortStatus.${change.toStatus}`)}
              {change.actorName ? ` · ${change.actorName}` : ""}
              {change.reason ? <span className="block text-muted">{change.reason}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
