import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { CopyModulesSchema } from "~/modules/programme/modules.ts";
import { copyModules, listCopySources } from "~/modules/programme/programme.server.ts";
import { TrackBadge } from "~/modules/academy/track-badge.tsx";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { formatDate } from "~/utils/time.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "create:curriculum");
  const [sources, language] = await Promise.all([listCopySources(user, cohortId), getLanguage(request)]);
  return { cohortId, sources: sources.map((s) => ({ ...s, startDate: formatDate(s.startDate, language) })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "create:curriculum");
  const submission = parseWithZod(await request.formData(), { schema: CopyModulesSchema });
  if (submission.status !== "success") return submission.reply();
  try {
    const { copied } = await copyModules(user, cohortId, submission.value.moduleIds, new Date());
    return redirect(`/admin/cohorts/${cohortId}/programme?copied=${copied}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function CopyModules() {
  const { t } = useTranslation();
  const { cohortId, sources } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result?.error ? Object.values(result.error).flat() : null;
  return (
    <div className="flex flex-col gap-4">
      <Link to={`/admin/cohorts/${cohortId}/programme`} className="text-sm text-muted hover:underline">
        ← {t("programme.backToProgramme")}
      </Link>
      <div>
        <h2 className="text-xl font-semibold">{t("programme.copyTitle")}</h2>
        <p className="text-sm text-muted">{t("programme.copyHint")}</p>
      </div>
      {sources.length ? (
        <Form method="post" className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="copy" />
          {sources.map((source) => (
            <fieldset key={source.cohortId} className="flex flex-col gap-1 rounded-xl border border-line bg-surface p-3">
              <legend className="px-1 font-semibold">
                {source.title} <span className="text-sm font-normal text-muted">{t("programme.startedOn", { date: source.startDate })}</span>
              </legend>
              {source.modules.map((module) => (
                <label key={module.id} className={`flex min-h-11 items-center gap-3 ${module.alreadyCopied ? "text-muted" : ""}`}>
                  <input type="checkbox" name="moduleIds" value={module.id} disabled={module.alreadyCopied} className="size-5 shrink-0" />
                  <span className="flex flex-1 flex-wrap items-center gap-x-2">
                    <span>{module.title}</span>
                    <TrackBadge track={module.track} />
                    <span className="text-sm text-muted">
                      {[
                        t("common.hours", { count: module.creditHours }),
                        module.lecturers.join(t("common.listSeparator")),
                        module.materialCount ? t("programme.materialCount", { count: module.materialCount }) : "",
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </span>
                    {module.alreadyCopied ? <span className="text-sm">{t("programme.alreadyCopied")}</span> : null}
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
          <ErrorList errors={errors} />
          <Button type="submit" disabled={navigation.state === "submitting"} className="self-start">
            {t("programme.copySelected")}
          </Button>
        </Form>
      ) : (
        <p className="rounded-xl border border-dashed border-line p-4 text-muted">{t("programme.noSources")}</p>
      )}
    </div>
  );
}
