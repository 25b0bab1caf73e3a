import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, forbidden, requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { createCohort } from "~/modules/cohorts/cohort-admin.server.ts";
import { CohortFormSchema } from "~/modules/cohorts/cohort-form.ts";
import { CohortForm } from "~/modules/cohorts/cohort-form-fields.tsx";
import { cohortFormOptions } from "~/modules/cohorts/cohort-form-options.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

async function requireCreator(request: Request) {
  const user = await requireStaffPermission(request, "create:cohort");
  if (!can(user, "create:cohort", "any")) forbidden();
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCreator(request);
  return { title: getFixedT(await getLanguage(request))("cohort.newTitle"), options: await cohortFormOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCreator(request);
  const submission = parseWithZod(await request.formData(), { schema: CohortFormSchema });
  if (submission.status !== "success") return submission.reply();
  try {
    const cohortId = await createCohort(submission.value, user, new Date());
    return redirect(`/admin/cohorts/${cohortId}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function NewCohort() {
  const { t } = useTranslation();
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <Link to="/admin" className="text-sm text-muted hover:underline">
        ← {t("admin.cohortsTitle")}
      </Link>
      <h1 className="text-2xl font-bold">{t("cohort.newTitle")}</h1>
      <CohortForm options={options} lastResult={lastResult} defaultValue={{ certMinAttendancePercent: 80, certRequireEveryTrack: true, excusedLeaveDenominator: "out", lateAfterMinutes: 15 }} submitLabel={t("cohort.create")} />
    </div>
  );
}
