import { useId, type SelectHTMLAttributes } from "react";
import { ErrorList, type ListOfErrors } from "./forms.tsx";

export function SelectField({
  label,
  options,
  selectProps,
  errors,
}: {
  label: string;
  options: { value: string; label: string }[];
  selectProps: SelectHTMLAttributes<HTMLSelectElement>;
  errors?: ListOfErrors;
}) {
  const fallbackId = useId();
  const id = selectProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className="min-h-12 rounded-lg border border-line bg-surface px-3 py-2 text-base aria-[invalid]:border-brand-700"
        {...selectProps}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
