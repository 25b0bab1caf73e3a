import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { lecturerOptions } from "~/modules/faculty/lecturers.server.ts";
import { ModuleForm } from "~/modules/programme/module-form.tsx";
import { ModuleActionSchema } from "~/modules/programme/modules.ts";
import { createModule } from "~/modules/programme/programme.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  await requireCohortPermission(request, cohortId, "create:curriculum");
  const url = new URL(request.url);
  const track = url.searchParams.get("track") ?? undefined;
  return { cohortId, lecturers: await lecturerOptions(), track };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  await requireCohortPermission(request, cohortId, "create:curriculum");
  const submission = parseWithZod(await request.formData(), { schema: ModuleActionSchema });
  if (submission.status !== "success" || submission.value.intent !== "save") return submission.reply();
  try {
    const moduleId = await createModule(cohortId, submission.value, new Date());
    return redirect(`/admin/cohorts/${cohortId}/modules/${moduleId}?created`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function NewModule() {
  const { t } = useTranslation();
  const { cohortId, lecturers, track } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-3">
      <Link to={`/admin/cohorts/${cohortId}/programme`} className="text-sm text-muted hover:underline">
        ← {t("programme.backToProgramme")}
      </Link>
      <h2 className="text-xl font-semibold">{t("programme.newModule")}</h2>
      <ModuleForm lecturers={lecturers} defaultValue={{ track }} lastResult={lastResult} submitLabel={t("programme.createModule")} />
    </div>
  );
}
