import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorList, Field } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { traineeProfileFields } from "./profile.ts";

const DetailsSchema = z.object({ intent: z.literal("details"), ...traineeProfileFields });

export function TraineeDetailsForm({
  defaultValue,
  lastResult,
  busy,
}: {
  defaultValue: Record<string, string | null>;
  lastResult?: SubmissionResult<string[]> | null;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "trainee-details",
    // Only this form's own answer is shown here, not the other buttons' on the page.
    lastResult: lastResult?.initialValue?.intent === "details" ? lastResult : null,
    defaultValue: { ...defaultValue, intent: "details" },
    constraint: getZodConstraint(DetailsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DetailsSchema }),
  });
  return (
    <section className="rounded-xl border border-line bg-surface p-5">
      <details open={Boolean(form.errors?.length || Object.values(fields).some((f) => f.errors?.length))}>
        <summary className="min-h-11 cursor-pointer py-2 font-semibold">{t("people.editDetails")}</summary>
        <Form method="post" className="mt-3 grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="details" />
          <Field label={t("people.fields.name")} inputProps={getInputProps(fields.name, { type: "text" })} errors={fields.name.errors} />
          <Field label={t("people.fields.mobile")} inputProps={{ ...getInputProps(fields.mobile, { type: "tel" }), inputMode: "tel" }} errors={fields.mobile.errors} />
          <Field label={t("people.fields.email")} inputProps={getInputProps(fields.email, { type: "email" })} errors={fields.email.errors} />
          <Field label={t("people.fields.company")} inputProps={getInputProps(fields.company, { type: "text" })} errors={fields.company.errors} />
          <Field label={t("people.fields.position")} inputProps={getInputProps(fields.position, { type: "text" })} errors={fields.position.errors} />
          <Field label={t("profile.industry")} inputProps={getInputProps(fields.industry, { type: "text" })} errors={fields.industry.errors} />
          <Field label={t("profile.district")} inputProps={getInputProps(fields.district, { type: "text" })} errors={fields.district.errors} />
          <Field label={t("profile.creditCode")} inputProps={getInputProps(fields.creditCode, { type: "text" })} errors={fields.creditCode.errors} />
          <div className="sm:col-span-2">
            <ErrorList id={form.errorId} errors={form.errors} />
            <Button type="submit" variant="secondary" disabled={busy}>
              {t("people.saveDetails")}
            </Button>
          </div>
        </Form>
      </details>
    </section>
  );
}
