// What happened to a session: scheduled, moved, rescheduled, cancelled,
// restored. Staff see who did it; trainees see only what changed and why.
import { useTranslation } from "react-i18next";
import type { SessionHistoryEntry } from "./sessions.ts";

const kindTone: Record<SessionHistoryEntry["kind"], string> = {
  created: "bg-canvas text-muted ring-line",
  rescheduled: "bg-amber-50 text-amber-900 ring-amber-200",
  moved: "bg-amber-50 text-amber-900 ring-amber-200",
  updated: "bg-blue-50 text-blue-900 ring-blue-200",
  cancelled: "bg-brand-50 text-brand-700 ring-brand-100",
  restored: "bg-emerald-50 text-emerald-900 ring-emerald-200",
};

function Value({ field, value }: { field: SessionHistoryEntry["changes"][number]["field"]; value: string | null }) {
  const { t } = useTranslation();
  if (value === null || value === "") return <span className="text-muted">{t("schedule.history.none")}</span>;
  if (field === "kind") return <>{t(`sessionKinds.${value}`)}</>;
  return <span className="whitespace-pre-line break-words">{value}</span>;
}

export function SessionHistory({ entries, showActors }: { entries: SessionHistoryEntry[]; showActors: boolean }) {
  const { t } = useTranslation();
  if (!entries.length) return <p className="text-sm text-muted">{t("schedule.history.empty")}</p>;
  return (
    <ol className="flex flex-col gap-3" data-testid="session-history">
      {entries.map((entry) => (
        <li key={entry.id} className="flex flex-col gap-1 border-l-2 border-line pl-3" data-testid="session-change">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
            <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${kindTone[entry.kind]}`}>{t(`schedule.history.kinds.${entry.kind}`)}</span>
            <span className="text-muted">{entry.at}</span>
            {showActors && entry.actorName ? <span className="text-muted">· {entry.actorName}</span> : null}
          </div>
          {entry.changes.length ? (
            <dl className="grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[6rem_1fr]">
              {entry.changes.map((change) => (
                <div key={change.field} className="contents">
                  <dt className="text-muted">{t(`schedule.history.fields.${change.field}`)}</dt>
                  <dd className="min-w-0">
                    {entry.kind === "created" ? (
                      <Value field={change.field} value={change.after} />
                    ) : (
                      <>
                        <span className="line-through decoration-muted/60">
                          <Value field={change.field} value={change.before} />
                        </span>
                        <span aria-hidden="true"> → </span>
                        <span className="sr-only">{t("schedule.history.changedTo")}</span>
                        <span className="font-medium">
                          <Value field={change.field} value={change.after} />
                        </span>
                      </>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          {entry.reason ? (
            <p className="break-words text-sm">{t("schedule.history.reasonText", { reason: entry.reason })}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
