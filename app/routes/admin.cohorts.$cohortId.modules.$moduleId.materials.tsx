import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorList, Field } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { canInCohorts, requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { acceptAttribute, materialFileTypes } from "~/modules/files/file-types.ts";
import { addFileMaterial, addLinkMaterial, getMaterialsModule, listMaterials, removeMaterial } from "~/modules/materials/materials.server.ts";
import { MaterialsList } from "~/modules/materials/materials-list.tsx";
import { formatBytes, MaterialActionSchema, MaterialLinkSchema, MaterialUploadSchema, MAX_MATERIAL_BYTES } from "~/modules/materials/materials.ts";
import { TrackBadge } from "~/modules/academy/track-badge.tsx";
import { readUploadForm } from "~/modules/files/upload-form.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { messageWithValues } from "~/utils/messages.ts";
import { formatDateTime } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:curriculum");
  const module = await getMaterialsModule(cohortId, params.moduleId ?? "");
  const [materials, academy, language] = await Promise.all([listMaterials(module.id), getAcademySettings(), getLanguage(request)]);
  const t = getFixedT(language);
  return {
    title: `${t("faculty.materials.title")} · ${module.title}`,
    cohortId,
    module,
    materials: materials.map(({ createdAt, mimeType: _mimeType, ...material }) => ({
      ...material,
      addedAt: formatDateTime(createdAt, academy.timeZone, language),
    })),
    canManage: canInCohorts(user, "update:curriculum"),
    limit: formatBytes(MAX_MATERIAL_BYTES, language),
  };
}

type Intent = "upload" | "link" | "remove";

export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "update:curriculum");
  const module = await getMaterialsModule(cohortId, params.moduleId ?? "");
  const { formData, tooLarge, unreadable } = await readUploadForm(request, { fileFields: ["file"], maxFileBytes: MAX_MATERIAL_BYTES });
  const submission = parseWithZod(formData, { schema: MaterialActionSchema });
  // Only the upload form sends multipart.
  const intent = unreadable ? "upload" : ((["upload", "link", "remove"] as const).find((key) => key === formData.get("intent")) ?? null);
  const reply = (result: SubmissionResult<string[]>) => ({ intent: intent as Intent | null, result });
  if (unreadable) return reply({ ...submission.reply(), error: { file: ["faculty.errors.fileUnreadable"] } });
  const oversized = tooLarge[0];
  if (oversized) {
    const message = messageWithValues("faculty.errors.fileTooLarge", { name: oversized.fileName, limit: formatBytes(MAX_MATERIAL_BYTES) });
    return reply(submission.reply({ fieldErrors: { file: [message] } }));
  }
  if (submission.status !== "success") return reply(submission.reply());
  const command = submission.value;
  try {
    switch (command.intent) {
      case "upload": {
        const bytes = new Uint8Array(await command.file.arrayBuffer());
        await addFileMaterial({ cohortId, moduleId: module.id, title: command.title, file: { name: command.file.name, bytes }, actor: user });
        break;
      }
      case "link":
        await addLinkMaterial({ cohortId, moduleId: module.id, title: command.title, url: command.url, actor: user });
        break;
      case "remove":
        await removeMaterial(cohortId, command.materialId);
        break;
    }
    return reply(submission.reply({ resetForm: true }));
  } catch (error) {
    return reply(replyWithDomainError(submission, error));
  }
}

export default function ModuleMaterials() {
  const { t } = useTranslation();
  const { cohortId, module, materials, canManage, limit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const removeErrors = actionData?.intent === "remove" ? Object.values(actionData.result.error ?? {}).flat() : null;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <Link to={`/admin/cohorts/${cohortId}/modules/${module.id}`} className="text-sm text-muted hover:underline">
          ← {t("faculty.materials.backToModule")}
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-xl font-semibold">{t("faculty.materials.title")}</h2>
          <TrackBadge track={module.track} />
          <span className="text-muted">{module.title}</span>
        </div>
      </div>
      <ErrorList errors={removeErrors} />
      <MaterialsList
        materials={materials}
        emptyText={t("faculty.materials.none")}
        actions={
          canManage
            ? (material) => (
                <Form
                  method="post"
                  onSubmit={(event) => {
                    if (!window.confirm(t("faculty.materials.confirmRemove", { title: material.title }))) event.preventDefault();
                  }}
                >
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="materialId" value={material.id} />
                  <Button type="submit" variant="secondary" disabled={busy} className="text-sm" aria-label={t("faculty.materials.removeNamed", { title: material.title })}>
                    {t("faculty.materials.remove")}
                  </Button>
                </Form>
              )
            : undefined
        }
      />
      {canManage ? (
        <div className="grid gap-4 md:grid-cols-2">
          <UploadForm lastResult={actionData?.intent === "upload" ? actionData.result : null} limit={limit} busy={busy} />
          <LinkForm lastResult={actionData?.intent === "link" ? actionData.result : null} busy={busy} />
        </div>
      ) : null}
    </div>
  );
}

function UploadForm({ lastResult, limit, busy }: { lastResult: SubmissionResult<string[]> | null; limit: string; busy: boolean }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof MaterialUploadSchema>>({
    id: "material-upload",
    lastResult: navigation.state === "idle" ? lastResult : null,
    constraint: getZodConstraint(MaterialUploadSchema),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" encType="multipart/form-data" className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5" {...getFormProps(form)}>
      <h3 className="text-lg font-semibold">{t("faculty.materials.uploadHeading")}</h3>
      <input type="hidden" name="intent" value="upload" />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={fields.file.id} className="font-medium">
          {t("faculty.materials.file")}
        </label>
        <input
          id={fields.file.id}
          name={fields.file.name}
          type="file"
          required
          accept={acceptAttribute(materialFileTypes)}
          aria-invalid={fields.file.errors?.length ? true : undefined}
          aria-describedby={`${fields.file.id}-hint ${fields.file.errorId}`}
          className="min-h-11 w-full min-w-0 rounded-lg border border-line bg-surface p-2 text-sm"
        />
        <p id={`${fields.file.id}-hint`} className="text-sm text-muted">
          {t("faculty.materials.fileHint", { limit })}
        </p>
        <ErrorList id={fields.file.errorId} errors={fields.file.errors} />
      </div>
      <Field
        label={t("faculty.materials.titleOptional")}
        hint={t("faculty.materials.titleHint")}
        inputProps={{ ...getInputProps(fields.title, { type: "text" }), required: false }}
        errors={fields.title.errors}
      />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Button type="submit" disabled={busy} className="self-start">
        {t("faculty.materials.upload")}
      </Button>
    </Form>
  );
}

function LinkForm({ lastResult, busy }: { lastResult: SubmissionResult<string[]> | null; busy: boolean }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "material-link",
    lastResult: navigation.state === "idle" ? lastResult : null,
    constraint: getZodConstraint(MaterialLinkSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MaterialLinkSchema }),
  });
  return (
    <Form method="post" className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5" {...getFormProps(form)}>
      <h3 className="text-lg font-semibold">{t("faculty.materials.linkHeading")}</h3>
      <input type="hidden" name="intent" value="link" />
      <Field label={t("faculty.materials.linkTitle")} inputProps={{ ...getInputProps(fields.title, { type: "text" }), required: true, maxLength: 200 }} errors={fields.title.errors} />
      <Field
        label={t("faculty.materials.url")}
        hint={t("faculty.materials.urlHint")}
        inputProps={{ ...getInputProps(fields.url, { type: "url" }), required: true, placeholder: "https://", inputMode: "url" }}
        errors={fields.url.errors}
      />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Button type="submit" disabled={busy} className="self-start">
        {t("faculty.materials.addLink")}
      </Button>
    </Form>
  );
}
