import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorList, Field, TextareaField } from "~/components/forms.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { trackKeys } from "~/modules/academy/tracks.ts";
import { ModuleFormSchema } from "./modules.ts";

type LecturerOption = { id: string; name: string; title: string | null; organisation: string | null };
type ModuleDefaults = { title?: string; track?: string; creditHours?: number | string; description?: string | null; lecturerIds?: string[] };

export function ModuleForm({
  lecturers,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  lecturers: LecturerOption[];
  defaultValue?: ModuleDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ModuleFormSchema>, z.output<typeof ModuleFormSchema>>({
    id: "module",
    lastResult,
    defaultValue: { ...defaultValue, creditHours: defaultValue?.creditHours?.toString(), description: defaultValue?.description ?? "" },
    constraint: getZodConstraint(ModuleFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ModuleFormSchema }),
  });
  const chosen = new Set(defaultValue?.lecturerIds ?? []);
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
      <input type="hidden" name="intent" value="save" />
      <Field label={t("programme.fields.title")} inputProps={getInputProps(fields.title, { type: "text" })} errors={fields.title.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t("programme.fields.track")}
          options={[{ value: "", label: t("programme.fields.chooseTrack") }, ...trackKeys.map((key) => ({ value: key, label: t(`tracks.${key}`) }))]}
          selectProps={getSelectProps(fields.track)}
          errors={fields.track.errors}
        />
        <Field
          label={t("programme.fields.creditHours")}
          hint={t("programme.fields.creditHoursHint")}
          inputProps={{ ...getInputProps(fields.creditHours, { type: "number" }), step: 0.5, min: 0.5, max: 200, inputMode: "decimal" }}
          errors={fields.creditHours.errors}
        />
      </div>
      <TextareaField label={t("programme.fields.description")} textareaProps={getTextareaProps(fields.description)} errors={fields.description.errors} />
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-medium">{t("programme.fields.lecturers")}</legend>
        {lecturers.length ? (
          <div className="grid gap-x-4 sm:grid-cols-2">
            {lecturers.map((lecturer) => (
              <label key={lecturer.id} className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="lecturerIds" value={lecturer.id} defaultChecked={chosen.has(lecturer.id)} className="size-5 shrink-0" />
                <span>
                  {lecturer.name}
                  {lecturer.title || lecturer.organisation ? (
                    <span className="text-sm text-muted"> · {[lecturer.title, lecturer.organisation].filter(Boolean).join(t("common.listSeparator"))}</span>
                  ) : null}
                </span>
              </label>
            ))}
          </div>
        ) : (
          <p className="text-sm text-muted">{t("programme.noLecturersYet")}</p>
        )}
        <a href="/admin/lecturers/new" className="min-h-11 self-start py-2 text-sm text-brand-700 underline">
          {t("programme.addLecturer")}
        </a>
        <ErrorList errors={fields.lecturerIds.errors} />
      </fieldset>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Button type="submit" disabled={navigation.state === "submitting"} className="self-start">
        {submitLabel}
      </Button>
    </Form>
  );
}
