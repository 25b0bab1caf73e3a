import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { updateCohort } from "~/modules/cohorts/cohort-admin.server.ts";
import { CohortFormSchema } from "~/modules/cohorts/cohort-form.ts";
import { CohortForm } from "~/modules/cohorts/cohort-form-fields.tsx";
import { cohortFormOptions } from "~/modules/cohorts/cohort-form-options.server.ts";
import { getCohortOverview } from "~/modules/cohorts/cohorts.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  await requireCohortPermission(request, cohortId, "update:cohort");
  const [cohort, options] = await Promise.all([getCohortOverview(cohortId), cohortFormOptions()]);
  return {
    options,
    defaultValue: {
      title: cohort.title,
      code: cohort.code,
      description: cohort.description,
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      capacity: cohort.capacity,
      venueId: cohort.venueId ?? "",
      organiserId: cohort.organisations.find((o) => o.role === "organiser")?.organisation.id ?? "",
      coOrganiserIds: cohort.organisations.filter((o) => o.role === "co_organiser").map((o) => o.organisation.id),
      partnerId: cohort.organisations.find((o) => o.role === "teaching_partner")?.organisation.id ?? "",
      certMinAttendancePercent: cohort.certMinAttendancePercent,
      certRequireEveryTrack: cohort.certRequireEveryTrack,
      certMinTrackPercent: cohort.certMinTrackPercent ?? "",
      certMinCreditHours: cohort.certMinCreditHours ?? "",
      excusedLeaveDenominator: cohort.excusedLeaveDenominator ? "out" : "in",
      lateAfterMinutes: cohort.lateAfterMinutes,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "update:cohort");
  const submission = parseWithZod(await request.formData(), { schema: CohortFormSchema });
  if (submission.status !== "success") return submission.reply();
  try {
    await updateCohort(cohortId, submission.value, user.id, new Date());
    return redirect(`/admin/cohorts/${cohortId}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function EditCohort() {
  const { t } = useTranslation();
  const { options, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto w-full max-w-2xl">
      <CohortForm options={options} defaultValue={{ ...defaultValue, certRequireEveryTrack: defaultValue.certRequireEveryTrack ? "on" : null }} lastResult={lastResult} submitLabel={t("cohort.save")} />
    </div>
  );
}
