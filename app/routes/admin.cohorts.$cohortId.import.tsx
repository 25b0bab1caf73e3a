import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, buttonClass } from "~/components/ui/button.tsx";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { LateJoiningNotice } from "~/modules/cohorts/late-joining-notice.tsx";
import { ImportPreviewView } from "~/modules/roster/import-preview.tsx";
import { commitRosterImport, discardUpload, loadUpload, previewRosterImport, storeUpload, type ImportPreview } from "~/modules/roster/import.server.ts";
import { maxRosterFileBytes } from "~/modules/roster/roster.ts";

type ActionData =
  | { stage: "preview"; preview: ImportPreview; importId: string | null }
  | { stage: "done"; created: number; enrolled: number; updated: number }
  | { stage: "error"; messageKey: string };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCohortPermission(request, params.cohortId ?? "", "update:enrollment");
  return null;
}

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionData> {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "update:enrollment");
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxRosterFileBytes }));
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) return { stage: "error", messageKey: "roster.errors.file.tooLarge" };
      throw error;
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return { stage: "error", messageKey: "importPage.chooseFile" };
    const bytes = new Uint8Array(await file.arrayBuffer());
    const preview = await previewRosterImport({ cohortId, fileName: file.name, bytes, actor: user });
    const importId = preview.issues.length === 0 && preview.newPeople.length + preview.knownPeople.length > 0 ? storeUpload(cohortId, file.name, bytes) : null;
    return { stage: "preview", preview, importId };
  }
  const form = await request.formData();
  const importId = String(form.get("importId") ?? "");
  const upload = loadUpload(cohortId, importId);
  if (!upload) return { stage: "error", messageKey: "importPage.uploadExpired" };
  const result = await commitRosterImport({ cohortId, ...upload, actor: user, request, now: new Date(), countFromStart: form.get("countFromStart") === "on" });
  if (!result.ok) return { stage: "preview", preview: result.preview, importId: null };
  discardUpload(cohortId, importId);
  return { stage: "done", created: result.created, enrolled: result.enrolled, updated: result.updated };
}

export default function ImportRoster() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const { cohortId } = useParams();
  const busy = navigation.state !== "idle";
  return (
    <div className="flex flex-col gap-4">
      {data?.stage === "done" ? (
        <section role="status" className="flex flex-col gap-2 rounded-xl border-2 border-emerald-600 bg-emerald-50 p-4 text-emerald-900">
          <h2 className="text-lg font-semibold">{t("importPage.done", { count: data.enrolled })}</h2>
          <p>{t("importPage.doneDetail", { created: data.created, updated: data.updated })}</p>
          <div className="flex flex-wrap gap-2">
            <Link to={`/admin/cohorts/${cohortId}/roster`} className={buttonClass("secondary")}>
              {t("importPage.toRoster")}
            </Link>
          </div>
          <p className="text-sm">{t("importPage.nextCodes")}</p>
        </section>
      ) : null}
      <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
        <h2 className="text-lg font-semibold">{t("importPage.heading")}</h2>
        <p className="text-sm text-muted">{t("importPage.intro")}</p>
        <a href="/admin/roster-template.xlsx" className={`${buttonClass("secondary")} self-start`} download>
          {t("importPage.template")}
        </a>
        <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{t("importPage.file")}</span>
            <input type="file" name="file" required accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface p-2" />
          </label>
          <Button type="submit" disabled={busy}>
            {t("importPage.check")}
          </Button>
        </Form>
        {data?.stage === "error" ? (
          <p role="alert" className="font-medium text-brand-700">
            {t(data.messageKey)}
          </p>
        ) : null}
      </section>
      {data?.stage === "preview" ? (
        <>
          <ImportPreviewView preview={data.preview} />
          {data.importId ? (
            <Form method="post" className="flex flex-col gap-2 rounded-xl border-2 border-emerald-600 bg-surface p-4">
              <input type="hidden" name="importId" value={data.importId} />
              <p>{t("importPage.ready", { count: data.preview.newPeople.length + data.preview.knownPeople.length })}</p>
              <LateJoiningNotice sessionsStarted={data.preview.sessionsStarted} />
              <Button type="submit" disabled={busy} className="self-start">
                {t("importPage.commit")}
              </Button>
            </Form>
          ) : data.preview.issues.length ? (
            <p className="font-medium">{t("importPage.fixAndRetry")}</p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
