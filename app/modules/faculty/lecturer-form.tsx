import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, TextareaField } from "~/components/forms.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { LecturerFormSchema, lecturerKinds, type LecturerKind } from "./lecturers.ts";

export type LecturerFormValues = {
  name: string;
  title: string | null;
  organisation: string | null;
  region: string | null;
  bio: string | null;
  kind: LecturerKind;
};

/** The profile form of a lecturer, for adding one and for editing one (`intent` = "profile"). */
export function LecturerForm({
  defaultValue,
  lastResult,
  submitLabel,
  intent,
}: {
  defaultValue?: Partial<LecturerFormValues>;
  lastResult: SubmissionResult<string[]> | null | undefined;
  submitLabel: string;
  intent?: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "lecturer-profile",
    lastResult: navigation.state === "idle" ? lastResult : null,
    constraint: getZodConstraint(LecturerFormSchema),
    defaultValue: { kind: "guest", ...defaultValue },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LecturerFormSchema }),
  });
  return (
    <Form method="post" className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-5" {...getFormProps(form)}>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("faculty.lecturers.fields.name")} inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }} errors={fields.name.errors} />
        <SelectField
          label={t("faculty.lecturers.fields.kind")}
          options={lecturerKinds.map((kind) => ({ value: kind, label: t(`faculty.lecturerKinds.${kind}`) }))}
          selectProps={getSelectProps(fields.kind)}
          errors={fields.kind.errors}
        />
        <Field label={t("faculty.lecturers.fields.title")} hint={t("faculty.lecturers.fields.titleHint")} inputProps={getInputProps(fields.title, { type: "text" })} errors={fields.title.errors} />
        <Field label={t("faculty.lecturers.fields.organisation")} inputProps={getInputProps(fields.organisation, { type: "text" })} errors={fields.organisation.errors} />
        <Field label={t("faculty.lecturers.fields.region")} hint={t("faculty.lecturers.fields.regionHint")} inputProps={getInputProps(fields.region, { type: "text" })} errors={fields.region.errors} />
      </div>
      <TextareaField
        label={t("faculty.lecturers.fields.bio")}
        hint={t("faculty.lecturers.fields.bioHint")}
        textareaProps={{ ...getTextareaProps(fields.bio), rows: 5 }}
        errors={fields.bio.errors}
      />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Button type="submit" disabled={navigation.state === "submitting"} className="self-start">
        {submitLabel}
      </Button>
    </Form>
  );
}
