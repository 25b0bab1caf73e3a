import { useId, type SelectHTMLAttributes } from "react";
import { FieldFrame, type ListOfErrors } from "./forms.tsx";

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
  return (
    <FieldFrame
      id={id}
      label={label}
      errors={errors}
      control={(described) => (
        <select
          id={id}
          {...described}
          className="min-h-12 rounded-lg border border-line bg-surface px-3 py-2 text-base aria-[invalid]:border-brand-700"
          {...selectProps}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
