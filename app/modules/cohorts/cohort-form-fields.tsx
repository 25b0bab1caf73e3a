import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorList, Field, TextareaField } from "~/components/forms.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { CohortFormSchema } from "./cohort-form.ts";

type Options = {
  venues: { id: string; name: string }[];
  organisations: { id: string; name: string; kind: string; level: string | null }[];
};

export type CohortFormDefaults = Partial<Record<string, string | string[] | boolean | number | null>>;

export function CohortForm({ options, defaultValue, lastResult, submitLabel }: { options: Options; defaultValue?: CohortFormDefaults; lastResult?: SubmissionResult<string[]> | null; submitLabel: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof CohortFormSchema>, z.output<typeof CohortFormSchema>>({
    id: "cohort",
    lastResult,
    // Loader values (numbers, booleans) are what the form shows as text.
    defaultValue: defaultValue as unknown as Partial<Record<keyof z.input<typeof CohortFormSchema>, string>>,
    constraint: getZodConstraint(CohortFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CohortFormSchema }),
  });
  const organisers = options.organisations.filter((o) => o.kind === "federation" || o.kind === "government");
  const partners = options.organisations.filter((o) => o.kind !== "federation" && o.kind !== "government");
  const chosen = new Set((defaultValue?.coOrganiserIds as string[] | undefined) ?? []);
  return (
    <Form method="post" className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-5" {...getFormProps(form)}>
      <Field label={t("cohort.fields.title")} inputProps={getInputProps(fields.title, { type: "text" })} errors={fields.title.errors} />
      <Field label={t("cohort.fields.code")} hint={t("cohort.fields.codeHint")} inputProps={{ ...getInputProps(fields.code, { type: "text" }), autoCapitalize: "characters" }} errors={fields.code.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("cohort.fields.startDate")} inputProps={getInputProps(fields.startDate, { type: "date" })} errors={fields.startDate.errors} />
        <Field label={t("cohort.fields.endDate")} inputProps={getInputProps(fields.endDate, { type: "date" })} errors={fields.endDate.errors} />
      </div>
      <Field label={t("cohort.fields.capacity")} inputProps={{ ...getInputProps(fields.capacity, { type: "number" }), min: 1, inputMode: "numeric" }} errors={fields.capacity.errors} />
      <SelectField
        label={t("cohort.fields.venue")}
        options={[{ value: "", label: t("cohort.fields.noVenue") }, ...options.venues.map((v) => ({ value: v.id, label: v.name }))]}
        selectProps={getSelectProps(fields.venueId)}
        errors={fields.venueId.errors}
      />
      <SelectField
        label={t("cohort.fields.organiser")}
        options={[{ value: "", label: t("cohort.fields.noOrganiser") }, ...organisers.map((o) => ({ value: o.id, label: o.name }))]}
        selectProps={getSelectProps(fields.organiserId)}
        errors={fields.organiserId.errors}
      />
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-medium">{t("cohort.fields.coOrganisers")}</legend>
        <p className="text-sm text-muted">{t("cohort.fields.coOrganisersHint")}</p>
        {organisers.map((o) => (
          <label key={o.id} className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="coOrganiserIds" value={o.id} defaultChecked={chosen.has(o.id)} className="size-5" />
            {o.name}
            {o.level ? <span className="text-sm text-muted">{t("cohort.fields.levelTag", { level: t(`organisationLevels.${o.level}`) })}</span> : null}
          </label>
        ))}
        <ErrorList errors={fields.coOrganiserIds.errors} />
      </fieldset>
      <SelectField
        label={t("cohort.fields.partner")}
        options={[{ value: "", label: t("cohort.fields.noPartner") }, ...partners.map((o) => ({ value: o.id, label: o.name }))]}
        selectProps={getSelectProps(fields.partnerId)}
        errors={fields.partnerId.errors}
      />
      <TextareaField label={t("cohort.fields.description")} textareaProps={getTextareaProps(fields.description)} errors={fields.description.errors} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-1 font-medium">{t("cohort.certificateRule")}</legend>
        <Field label={t("cohort.fields.minAttendance")} inputProps={{ ...getInputProps(fields.certMinAttendancePercent, { type: "number" }), min: 0, max: 100 }} errors={fields.certMinAttendancePercent.errors} />
        <label className="flex min-h-11 items-center gap-2 self-end">
          <input {...getInputProps(fields.certRequireEveryTrack, { type: "checkbox" })} className="size-5" />
          {t("cohort.everyTrack")}
        </label>
        <Field
          label={t("cohort.fields.minTrackPercent")}
          hint={t("cohort.fields.optionalRuleHint")}
          inputProps={{ ...getInputProps(fields.certMinTrackPercent, { type: "number" }), min: 0, max: 100 }}
          errors={fields.certMinTrackPercent.errors}
        />
        <Field
          label={t("cohort.fields.minCreditHours")}
          hint={t("cohort.fields.optionalRuleHint")}
          inputProps={{ ...getInputProps(fields.certMinCreditHours, { type: "number" }), min: 0, step: 0.5 }}
          errors={fields.certMinCreditHours.errors}
        />
        <SelectField
          label={t("cohort.fields.excusedLeave")}
          options={[
            { value: "out", label: t("cohort.fields.excusedLeaveOut") },
            { value: "in", label: t("cohort.fields.excusedLeaveIn") },
          ]}
          selectProps={getSelectProps(fields.excusedLeaveDenominator)}
          errors={fields.excusedLeaveDenominator.errors}
        />
      </fieldset>
      <Field label={t("cohort.fields.lateAfter")} inputProps={{ ...getInputProps(fields.lateAfterMinutes, { type: "number" }), min: 0, max: 240 }} errors={fields.lateAfterMinutes.errors} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Button type="submit" disabled={navigation.state === "submitting"} className="self-start">
        {submitLabel}
      </Button>
    </Form>
  );
}
