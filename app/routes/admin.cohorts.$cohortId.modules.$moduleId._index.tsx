import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button, buttonClass } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { canInCohorts, requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { listMaterialViews } from "~/modules/materials/materials.server.ts";
import { MaterialsList } from "~/modules/materials/materials-list.tsx";
import { lecturerOptions } from "~/modules/faculty/lecturers.server.ts";
import { ModuleForm } from "~/modules/programme/module-form.tsx";
import { ModuleActionSchema } from "~/modules/programme/modules.ts";
import { deleteModule, getModule, updateModule } from "~/modules/programme/programme.server.ts";
import { TrackBadge } from "~/modules/academy/track-badge.tsx";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { formatDay, formatTimeRange } from "~/utils/time.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:curriculum");
  const module = await getModule(cohortId, params.moduleId ?? "");
  if (!module) throw new Response("Not found", { status: 404 });
  const canEdit = canInCohorts(user, "update:curriculum");
  const [academy, language, lecturers, materials] = await Promise.all([
    getAcademySettings(),
    getLanguage(request),
    canEdit ? lecturerOptions() : [],
    listMaterialViews(module.id),
  ]);
  const tz = academy.timeZone;
  return {
    cohortId,
    canEdit,
    lecturers,
    materials,
    module: {
      ...module,
      sessions: module.sessions.map((s) => ({ id: s.id, cancelled: s.cancelled, day: formatDay(s.startsAt, tz, language), time: formatTimeRange(s.startsAt, s.endsAt, tz) })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const moduleId = params.moduleId ?? "";
  await requireCohortPermission(request, cohortId, "update:curriculum");
  const submission = parseWithZod(await request.formData(), { schema: ModuleActionSchema });
  if (submission.status !== "success") return submission.reply();
  try {
    if (submission.value.intent === "delete") {
      await deleteModule(cohortId, moduleId);
      return redirect(`/admin/cohorts/${cohortId}/programme`);
    }
    await updateModule(cohortId, moduleId, submission.value);
    return redirect(`/admin/cohorts/${cohortId}/modules/${moduleId}?saved`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function ModulePage() {
  const { t } = useTranslation();
  const { cohortId, canEdit, lecturers, materials, module } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const base = `/admin/cohorts/${cohortId}`;
  const notice = params.has("created") ? "programme.createdNotice" : params.has("saved") ? "programme.savedNotice" : null;
  const deleteErrors = lastResult?.initialValue?.intent === "delete" ? lastResult.error?.[""] : null;
  return (
    <div className="flex flex-col gap-5">
      <Link to={`${base}/programme`} className="text-sm text-muted hover:underline">
        ← {t("programme.backToProgramme")}
      </Link>
      {notice ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">
          {t(notice)}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-xl font-semibold">{module.title}</h2>
        <TrackBadge track={module.track} />
        <span className="text-sm text-muted">{t("common.hours", { count: module.creditHours })}</span>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-5">
          <section aria-labelledby="sessions-heading" className="flex flex-col gap-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 id="sessions-heading" className="font-semibold">
                {t("programme.sessionsOfModule", { count: module.sessions.length })}
              </h3>
              {canEdit ? (
                <Link to={`${base}/sessions/new?moduleId=${module.id}`} className={buttonClass("secondary")}>
                  {t("programme.addSession")}
                </Link>
              ) : null}
            </div>
            {module.sessions.length ? (
              <ul className="divide-y divide-line rounded-xl border border-line bg-surface">
                {module.sessions.map((session) => (
                  <li key={session.id}>
                    <Link to={`${base}/sessions/${session.id}`} className={`flex min-h-11 flex-wrap items-center gap-x-3 px-3 py-2 hover:bg-canvas ${session.cancelled ? "text-muted line-through" : ""}`}>
                      <span className="tabular-nums">{session.day}</span>
                      <span className="tabular-nums">{session.time}</span>
                      {session.cancelled ? <span className="no-underline">{t("portal.cancelled")}</span> : null}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="rounded-xl border border-dashed border-line p-3 text-sm text-muted">{t("programme.notScheduled")}</p>
            )}
          </section>
          <section aria-labelledby="materials-heading" className="flex flex-col gap-2">
            <h3 id="materials-heading" className="font-semibold">
              {t("programme.materials", { count: module.materialCount })}
            </h3>
            {materials.length ? <MaterialsList materials={materials} /> : null}
            <Link to={`${base}/modules/${module.id}/materials`} className={`${buttonClass("secondary")} self-start`}>
              {canEdit ? t("programme.manageMaterials") : t("programme.viewMaterials")}
            </Link>
          </section>
        </div>
        <section aria-labelledby="edit-heading" className="flex flex-col gap-3">
          <h3 id="edit-heading" className="font-semibold">
            {canEdit ? t("programme.editModule") : t("programme.aboutModule")}
          </h3>
          {canEdit ? (
            <>
              <ModuleForm
                key={module.id}
                lecturers={lecturers}
                defaultValue={{ title: module.title, track: module.track, creditHours: module.creditHours, description: module.description, lecturerIds: module.lecturers.map((l) => l.id) }}
                lastResult={lastResult?.initialValue?.intent === "save" ? lastResult : null}
                submitLabel={t("programme.saveModule")}
              />
              <Form method="post" className="flex flex-col gap-2 border-t border-line pt-3">
                <input type="hidden" name="intent" value="delete" />
                <p className="text-sm text-muted">{t("programme.deleteHint")}</p>
                <ErrorList errors={deleteErrors} />
                <Button type="submit" variant="ghost" className="self-start text-brand-700">
                  {t("programme.deleteModule")}
                </Button>
              </Form>
            </>
          ) : (
            <div className="flex flex-col gap-2 text-sm">
              {module.description ? <p className="whitespace-pre-line">{module.description}</p> : null}
              {module.lecturers.length ? (
                <p>
                  {t("portal.lecturer")}: {module.lecturers.map((l) => l.name).join(t("common.listSeparator"))}
                </p>
              ) : null}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
