// How an attendance status, a rate and the cohort's rule for excused sessions
// look wherever they are shown: a short symbol with its words for screen
// readers, a percentage with what it counts, and the rule beside it.
import { useTranslation } from "react-i18next";
import type { SessionStanding } from "./rules.ts";

export const statusTone: Record<SessionStanding | "none", string> = {
  present: "bg-emerald-50 text-emerald-800",
  late: "bg-amber-50 text-amber-900",
  excused: "bg-blue-50 text-blue-800",
  absent: "bg-brand-50 text-brand-700",
  before_joining: "text-muted",
  none: "text-muted",
};

/** The symbol alone (the grid), with the status in words for screen readers and as a tooltip. */
export function StatusSymbol({ status, label }: { status: SessionStanding | null; label?: string }) {
  const { t } = useTranslation();
  const key = status ?? "none";
  const words = label ?? t(status ? `attendance.status.${status}` : "attendance.status.notYet");
  return (
    <span title={words} className={`inline-flex min-w-6 justify-center rounded px-1 font-semibold ${statusTone[key]}`}>
      <span aria-hidden="true">{t(`attendance.symbol.${key}`)}</span>
      <span className="sr-only">{words}</span>
    </span>
  );
}

/** The status in words (lists and cards). */
export function StatusText({ status }: { status: SessionStanding | null }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${statusTone[status ?? "none"]}`}>
      {t(status ? `attendance.status.${status}` : "attendance.status.notYet")}
    </span>
  );
}

export function formatRate(rate: number | null): string | null {
  return rate === null ? null : (Math.round(rate * 1000) / 10).toFixed(1);
}

/** "92.5%" with "37 of 40" beside it; a dash when nothing counts yet. */
export function RateText({ rate, attended, counted, compact }: { rate: number | null; attended: number; counted: number; compact?: boolean }) {
  const { t } = useTranslation();
  const percent = formatRate(rate);
  return (
    <span className="tabular-nums">
      <span className="font-semibold">{percent === null ? t("attendance.rate.none") : t("attendance.rate.value", { percent })}</span>
      {compact ? null : <span className="ml-1 text-sm text-muted">{t("attendance.rate.detail", { attended, counted })}</span>}
    </span>
  );
}

export function RateRule({ excusedLeaveDenominator }: { excusedLeaveDenominator: boolean }) {
  const { t } = useTranslation();
  return <p className="text-sm text-muted">{t(excusedLeaveDenominator ? "attendance.rule.excusedOut" : "attendance.rule.excusedIn")}</p>;
}

export function StatusLegend() {
  const { t } = useTranslation();
  const statuses = ["present", "late", "excused", "absent", "before_joining", null] as const;
  return (
    <dl className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" aria-label={t("attendance.grid.legend")}>
      {statuses.map((status) => (
        <div key={status ?? "none"} className="flex items-center gap-1.5">
          <dt>
            <StatusSymbol status={status} />
          </dt>
          <dd>{t(status ? `attendance.status.${status}` : "attendance.status.notYet")}</dd>
        </div>
      ))}
    </dl>
  );
}
