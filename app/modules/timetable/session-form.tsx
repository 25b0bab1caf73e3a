// The form for scheduling a session and for changing one: module, day and
// times, kind, venue, lecturers and notes for trainees.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, TextareaField } from "~/components/forms.tsx";
import { SelectField } from "~/components/select-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { sessionKinds, trackKeys, type TrackKey } from "~/modules/academy/tracks.ts";
import { NOTES_MAX, REASON_MAX, SessionFormSchema } from "./sessions.ts";

export type SessionFormOptionsData = {
  modules: { id: string; title: string; track: TrackKey; lecturerIds: string[] }[];
  venues: { id: string; name: string; kind: "room" | "offsite"; address: string | null }[];
  lecturers: { id: string; name: string; title: string | null; organisation: string | null }[];
};

export type SessionFormDefaults = {
  moduleId: string;
  date: string;
  startTime: string;
  endTime: string;
  kind: string;
  venueId: string;
  lecturerIds: string[];
  notes: string;
};

const selectClass = "min-h-12 rounded-lg border border-line bg-surface px-3 py-2 text-base aria-[invalid]:border-brand-700";

/** The values the server echoed back after a submission, so a page reloaded without JavaScript keeps them. */
function echoedLecturers(lastResult: SubmissionResult<string[]> | null | undefined): string[] | null {
  const value = lastResult?.initialValue?.lecturerIds;
  if (value === undefined) return lastResult?.initialValue ? [] : null;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];
}

export function SessionForm({
  mode,
  options,
  defaultValue,
  lastResult,
  warning,
  submitLabel,
}: {
  mode: "new" | "edit";
  options: SessionFormOptionsData;
  defaultValue: SessionFormDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  /** The clash warning with its "save anyway" button, shown at the top of the form. */
  warning?: ReactNode;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `session-${mode}`,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(SessionFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionFormSchema }),
  });
  const lecturersOf = (moduleId: string) => options.modules.find((m) => m.id === moduleId)?.lecturerIds ?? [];
  // A module's own lecturers are ticked when the module is chosen, until staff tick by hand.
  const [checked, setChecked] = useState<string[]>(() => echoedLecturers(lastResult) ?? defaultValue.lecturerIds);
  const [touched, setTouched] = useState(mode === "edit");
  const rooms = options.venues.filter((v) => v.kind === "room");
  const offsite = options.venues.filter((v) => v.kind === "offsite");
  const busy = navigation.state === "submitting";

  return (
    <Form method="post" className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-5" {...getFormProps(form)}>
      {mode === "edit" ? <input type="hidden" name="intent" value="update" /> : null}
      {warning}
      <div className="flex flex-col gap-1.5">
        <label htmlFor={fields.moduleId.id} className="font-medium">
          {t("schedule.fields.module")}
        </label>
        <select
          id={fields.moduleId.id}
          name={fields.moduleId.name}
          defaultValue={fields.moduleId.initialValue ?? ""}
          required
          aria-invalid={fields.moduleId.errors ? true : undefined}
          aria-describedby={fields.moduleId.errors ? fields.moduleId.errorId : undefined}
          className={selectClass}
          onChange={(event) => {
            if (!touched) setChecked(lecturersOf(event.currentTarget.value));
          }}
        >
          <option value="">{t("schedule.fields.chooseModule")}</option>
          {trackKeys.map((track) => {
            const modules = options.modules.filter((m) => m.track === track);
            return modules.length ? (
              <optgroup key={track} label={t(`tracks.${track}`)}>
                {modules.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </select>
        <ErrorList id={fields.moduleId.errorId} errors={fields.moduleId.errors} />
      </div>

      <div id={`session-${mode}-when`} className="grid scroll-mt-24 gap-4 sm:grid-cols-3">
        <Field label={t("schedule.fields.date")} inputProps={getInputProps(fields.date, { type: "date" })} errors={fields.date.errors} />
        <Field label={t("schedule.fields.startTime")} inputProps={{ ...getInputProps(fields.startTime, { type: "time" }), step: 300 }} errors={fields.startTime.errors} />
        <Field label={t("schedule.fields.endTime")} inputProps={{ ...getInputProps(fields.endTime, { type: "time" }), step: 300 }} errors={fields.endTime.errors} />
      </div>

      <SelectField
        label={t("schedule.fields.kind")}
        options={sessionKinds.map((kind) => ({ value: kind, label: t(`sessionKinds.${kind}`) }))}
        selectProps={getSelectProps(fields.kind)}
        errors={fields.kind.errors}
      />

      <div className="flex flex-col gap-1.5">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <label htmlFor={fields.venueId.id} className="font-medium">
            {t("schedule.fields.venue")}
          </label>
          <Link to="/admin/venues" className="text-sm text-brand-700 underline">
            {t("schedule.manageVenues")}
          </Link>
        </div>
        <select
          id={fields.venueId.id}
          name={fields.venueId.name}
          defaultValue={fields.venueId.initialValue ?? ""}
          aria-invalid={fields.venueId.errors ? true : undefined}
          aria-describedby={fields.venueId.errors ? fields.venueId.errorId : undefined}
          className={selectClass}
        >
          <option value="">{t("schedule.fields.noVenue")}</option>
          {rooms.length ? (
            <optgroup label={t("schedule.venueKinds.room")}>
              {rooms.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </optgroup>
          ) : null}
          {offsite.length ? (
            <optgroup label={t("schedule.venueKinds.offsite")}>
              {offsite.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.address ? `${v.name} · ${v.address}` : v.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        <ErrorList id={fields.venueId.errorId} errors={fields.venueId.errors} />
      </div>

      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-medium">{t("schedule.fields.lecturers")}</legend>
        <p className="text-sm text-muted">{t("schedule.fields.lecturersHint")}</p>
        <div className="grid max-h-80 grid-cols-1 gap-x-4 overflow-y-auto rounded-lg border border-line px-3 py-1 sm:grid-cols-2">
          {options.lecturers.map((lecturer) => (
            <label key={lecturer.id} className="flex min-h-11 min-w-0 items-center gap-2">
              <input
                type="checkbox"
                name="lecturerIds"
                value={lecturer.id}
                checked={checked.includes(lecturer.id)}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setTouched(true);
                  setChecked((ids) => (on ? [...ids, lecturer.id] : ids.filter((id) => id !== lecturer.id)));
                }}
                className="size-5 shrink-0"
              />
              <span className="min-w-0">
                {lecturer.name}
                {lecturer.title || lecturer.organisation ? (
                  <span className="block truncate text-sm text-muted">{[lecturer.title, lecturer.organisation].filter(Boolean).join(" · ")}</span>
                ) : null}
              </span>
            </label>
          ))}
        </div>
        <ErrorList errors={fields.lecturerIds.errors} />
      </fieldset>

      <TextareaField
        label={t("schedule.fields.notes")}
        hint={t("schedule.fields.notesHint")}
        textareaProps={{ ...getTextareaProps(fields.notes), maxLength: NOTES_MAX, rows: 3 }}
        errors={fields.notes.errors}
      />

      {mode === "edit" ? (
        <Field
          label={t("schedule.fields.changeReason")}
          hint={t("schedule.fields.changeReasonHint")}
          inputProps={{ id: `${form.id}-reason`, name: "reason", maxLength: REASON_MAX }}
          errors={form.allErrors.reason}
        />
      ) : null}

      <ErrorList id={form.errorId} errors={form.errors} />
      <Button type="submit" disabled={busy} className="self-start">
        {submitLabel}
      </Button>
    </Form>
  );
}
