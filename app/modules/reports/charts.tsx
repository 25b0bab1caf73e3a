// Bar charts drawn on the server: each bar is an SVG shape sized in the text's
// units (em), so the chart scales with elder mode and a narrow phone, prints,
// and shows before any JavaScript. The figures are also a table, hidden from
// sight but read by screen readers, for those who cannot see the bars.
import { useTranslation } from "react-i18next";

export type ChartBar = { label: string; value: number; display: string; color?: string };

export function BarChart({
  id,
  title,
  bars,
  max,
}: {
  id: string;
  title: string;
  bars: readonly ChartBar[];
  max?: number;
}) {
  const { t } = useTranslation();
  const top = max ?? Math.max(0, ...bars.map((bar) => bar.value));
  return (
    <figure
      className="flex min-w-0 flex-col gap-2 rounded-xl border border-line bg-surface p-4 break-inside-avoid"
      aria-labelledby={`${id}-title`}
    >
      <figcaption id={`${id}-title`} className="font-semibold">
        {title}
      </figcaption>
      {bars.length === 0 ? (
        <p className="text-muted">{t("reports.charts.empty")}</p>
      ) : (
        <div
          aria-hidden="true"
          className="grid grid-cols-[minmax(0,8em)_minmax(0,1fr)_auto] items-center gap-x-2 gap-y-1 text-sm"
        >
          {bars.map((bar, index) => {
            const width = top > 0 ? Math.max(bar.value > 0 ? 0.5 : 0, (bar.value / top) * 100) : 0;
            return (
              <div key={`${bar.label}-${index}`} className="contents">
                <span className="truncate" title={bar.label}>
                  {bar.label}
                </span>
                <svg
                  viewBox="0 0 100 10"
                  preserveAspectRatio="none"
                  className="h-[1.2em] w-full"
                  role="presentation"
                  focusable="false"
                >
                  <rect x="0" y="0" width="100" height="10" fill="var(--color-line)" opacity="0.5" />
                  <rect x="0" y="0" width={width} height="10" fill={bar.color ?? "var(--color-brand-600)"} />
                </svg>
                <span className="text-right tabular-nums">{bar.display}</span>
              </div>
            );
          })}
        </div>
      )}
      <div className="sr-only">
        <table>
          <caption>{t("reports.charts.tableCaption", { chart: title })}</caption>
          <tbody>
            {bars.map((bar, index) => (
              <tr key={`${bar.label}-${index}`}>
                <th scope="row">{bar.label}</th>
                <td>{bar.display}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
