// Form pieces shared by every form. Validation messages are translation keys,
// translated here so that server and browser show the same words.
import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { splitMessage } from "~/utils/messages.ts";

export type ListOfErrors = Array<string | null | undefined> | null | undefined;

export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const { t } = useTranslation();
  const shown = errors?.filter(Boolean);
  if (!shown?.length) return null;
  return (
    <ul id={id} className="flex flex-col gap-1" role="alert">
      {shown.map((error) => {
        const [key, values] = splitMessage(error as string);
        return (
          <li key={error} className="text-sm font-medium text-brand-700">
            {t(key, values)}
          </li>
        );
      })}
    </ul>
  );
}

/** Label, hint and errors around one control, wired together for screen readers. */
export function FieldFrame({
  id,
  label,
  hint,
  errors,
  control,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: ListOfErrors;
  control: (described: { "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {control({
        "aria-invalid": errorId ? true : undefined,
        "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      })}
      {hint ? (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function Field({
  label,
  hint,
  inputProps,
  errors,
}: {
  label: string;
  hint?: string;
  inputProps: InputHTMLAttributes<HTMLInputElement>;
  errors?: ListOfErrors;
}) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      control={(described) => (
        <input
          id={id}
          {...described}
          className="min-h-12 rounded-lg border border-line bg-surface px-3 py-2 text-base aria-[invalid]:border-brand-700"
          {...inputProps}
        />
      )}
    />
  );
}

export function TextareaField({
  label,
  hint,
  textareaProps,
  errors,
}: {
  label: string;
  hint?: string;
  textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement>;
  errors?: ListOfErrors;
}) {
  const fallbackId = useId();
  const id = textareaProps.id ?? fallbackId;
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      control={(described) => (
        <textarea
          rows={4}
          {...textareaProps}
          id={id}
          {...described}
          className="rounded-lg border border-line bg-surface p-3 text-base aria-[invalid]:border-brand-700"
        />
      )}
    />
  );
}
