// Choosing the report's period: a preset or two dates, as a plain GET form
// (works before JavaScript), with a message beside each wrong date.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button.tsx";
import { rangePresets, type RangeError, type RangePreset } from "./range.ts";

export function RangeForm({
  preset,
  from,
  to,
  errors,
  timeZone,
  hidden,
}: {
  preset: RangePreset;
  from: string;
  to: string;
  errors: { from?: RangeError; to?: RangeError } | null;
  timeZone: string;
  hidden: Record<string, string>;
}) {
  const { t } = useTranslation();
  const input = "min-h-11 rounded-lg border border-line bg-surface px-3";
  return (
    <Form
      method="get"
      className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-4"
      aria-labelledby="range-legend"
    >
      <h2 id="range-legend" className="font-semibold">
        {t("reports.range.legend")}
      </h2>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1">
          <span className="text-sm">{t("reports.range.preset")}</span>
          <select name="preset" defaultValue={preset} className={input}>
            {rangePresets.map((p) => (
              <option key={p} value={p}>
                {t(`reports.range.presets.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-sm">{t("reports.range.from")}</span>
          <input
            type="date"
            name="from"
            defaultValue={from}
            className={input}
            aria-invalid={errors?.from ? true : undefined}
            aria-describedby={errors?.from ? "range-from-error" : undefined}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-sm">{t("reports.range.to")}</span>
          <input
            type="date"
            name="to"
            defaultValue={to}
            className={input}
            aria-invalid={errors?.to ? true : undefined}
            aria-describedby={errors?.to ? "range-to-error" : undefined}
          />
        </label>
        <Button type="submit">{t("reports.range.apply")}</Button>
      </div>
      {errors?.from ? (
        <p id="range-from-error" className="text-sm font-medium text-brand-700">
          {t(`reports.range.errors.${errors.from}`)}
        </p>
      ) : null}
      {errors?.to ? (
        <p id="range-to-error" className="text-sm font-medium text-brand-700">
          {t(`reports.range.errors.${errors.to}`)}
        </p>
      ) : null}
      <p className="text-sm text-muted">{t("reports.range.hint", { timeZone })}</p>
    </Form>
  );
}
