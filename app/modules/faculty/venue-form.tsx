import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, TextareaField } from "~/components/forms.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { VenueFormSchema, venueKinds, type VenueKind } from "./venues.ts";

export type VenueFormValues = { name: string; kind: VenueKind; address: string | null; capacity: number | null; notes: string | null; latitude?: number | null; longitude?: number | null; radiusMeters?: number | null };

/** Adding a venue and editing one: the same fields. */
export function VenueForm({
  id,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  id: string;
  defaultValue?: Partial<VenueFormValues>;
  lastResult: SubmissionResult<string[]> | null | undefined;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id,
    lastResult: navigation.state === "idle" ? lastResult : null,
    constraint: getZodConstraint(VenueFormSchema),
    defaultValue: {
      kind: "room",
      ...defaultValue,
      capacity: defaultValue?.capacity == null ? "" : String(defaultValue.capacity),
      latitude: defaultValue?.latitude == null ? "" : String(defaultValue.latitude),
      longitude: defaultValue?.longitude == null ? "" : String(defaultValue.longitude),
      radiusMeters: defaultValue?.radiusMeters == null ? "" : String(defaultValue.radiusMeters),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VenueFormSchema }),
  });
  return (
    <Form method="post" className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-5" {...getFormProps(form)}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("faculty.venues.fields.name")} inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }} errors={fields.name.errors} />
        <SelectField
          label={t("faculty.venues.fields.kind")}
          options={venueKinds.map((kind) => ({ value: kind, label: t(`faculty.venueKinds.${kind}`) }))}
          selectProps={getSelectProps(fields.kind)}
          errors={fields.kind.errors}
        />
        <div className="sm:col-span-2">
          <Field
            label={t("faculty.venues.fields.address")}
            hint={t("faculty.venues.fields.addressHint")}
            inputProps={{ ...getInputProps(fields.address, { type: "text" }), required: false }}
            errors={fields.address.errors}
          />
        </div>
        <Field
          label={t("faculty.venues.fields.capacity")}
          inputProps={{ ...getInputProps(fields.capacity, { type: "number" }), min: 1, step: 1, inputMode: "numeric" }}
          errors={fields.capacity.errors}
        />
        <fieldset className="grid gap-4 sm:col-span-2 sm:grid-cols-3">
          <legend className="mb-1 font-medium">{t("checkin.venue.legend")}</legend>
          <Field label={t("checkin.venue.latitude")} inputProps={{ ...getInputProps(fields.latitude, { type: "text" }), inputMode: "decimal", required: false }} errors={fields.latitude.errors} />
          <Field label={t("checkin.venue.longitude")} inputProps={{ ...getInputProps(fields.longitude, { type: "text" }), inputMode: "decimal", required: false }} errors={fields.longitude.errors} />
          <Field label={t("checkin.venue.radius")} hint={t("checkin.venue.radiusHint")} inputProps={{ ...getInputProps(fields.radiusMeters, { type: "number" }), min: 10, step: 1, inputMode: "numeric", required: false }} errors={fields.radiusMeters.errors} />
        </fieldset>
      </div>
      <TextareaField
        label={t("faculty.venues.fields.notes")}
        hint={t("faculty.venues.fields.notesHint")}
        textareaProps={{ ...getTextareaProps(fields.notes), rows: 3 }}
        errors={fields.notes.errors}
      />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Button type="submit" disabled={navigation.state === "submitting"} className="self-start">
        {submitLabel}
      </Button>
    </Form>
  );
}
