// The read-only roster: who is in the class (name, company, position), their
// attendance rate and each held session's mark. No link leads anywhere a
// co-organiser may not go: names are plain text and session headings too.
import { useTranslation } from "react-i18next";
import type { SessionStanding } from "~/modules/attendance/rules.ts";
import { formatRate, statusTone } from "~/modules/attendance/status-mark.tsx";
import type { CoOrganiserRoster } from "./co-organiser-roster.server.ts";

type Roster = Pick<CoOrganiserRoster, "sessions" | "rows">;

export function CoOrganiserRosterTable({ roster }: { roster: Roster }) {
  const { t } = useTranslation();
  const percent = (rate: number | null) => {
    const value = formatRate(rate);
    return value === null ? t("attendance.rate.none") : t("attendance.rate.value", { percent: value });
  };
  const mark = (status: SessionStanding | null) => {
    const key = status ?? "none";
    const words = t(status ? `attendance.status.${status}` : "attendance.status.notYet");
    return (
      <span title={words} className={`inline-flex min-w-6 justify-center rounded px-1 font-semibold ${statusTone[key]}`}>
        <span aria-hidden="true">{t(`attendance.symbol.${key}`)}</span>
        <span className="sr-only">{words}</span>
      </span>
    );
  };
  return (
    <div className="relative max-h-[75vh] overflow-auto rounded-xl border border-line bg-surface" tabIndex={0} role="region" aria-labelledby="viewer-roster-caption">
      <table className="border-separate border-spacing-0 text-sm" data-testid="viewer-roster">
        <caption id="viewer-roster-caption" className="sr-only">
          {t("viewerArea.roster.caption", { trainees: roster.rows.length, sessions: roster.sessions.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 top-0 z-30 min-w-28 border-b border-r border-line bg-canvas px-3 py-2 text-left">
              {t("viewerArea.roster.name")}
            </th>
            <th scope="col" className="sticky top-0 z-20 min-w-40 border-b border-line bg-canvas px-3 py-2 text-left">
              {t("viewerArea.roster.company")}
            </th>
            <th scope="col" className="sticky top-0 z-20 min-w-20 border-b border-line bg-canvas px-3 py-2 text-left">
              {t("viewerArea.roster.position")}
            </th>
            <th scope="col" className="sticky top-0 z-20 border-b border-line bg-canvas px-3 py-2 text-right">
              {t("attendance.rate.label")}
            </th>
            {roster.sessions.map((s) => (
              <th key={s.id} scope="col" title={s.moduleTitle} className="sticky top-0 z-20 min-w-14 border-b border-line bg-canvas px-1 py-2 text-center font-medium">
                <span className="block whitespace-nowrap">{s.date}</span>
                <span className="block text-xs text-muted">{s.time}</span>
                <span className="sr-only">{s.moduleTitle}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {roster.rows.map((row) => (
            <tr key={row.key} data-testid="viewer-roster-row">
              <th scope="row" className="sticky left-0 z-10 whitespace-nowrap border-b border-r border-line bg-surface px-3 py-1 text-left font-medium">
                {row.name}
              </th>
              <td className="border-b border-line px-3 py-1">{row.company ?? "—"}</td>
              <td className="whitespace-nowrap border-b border-line px-3 py-1">{row.position ?? "—"}</td>
              <td className="whitespace-nowrap border-b border-line px-3 py-1 text-right tabular-nums">
                <span className="font-semibold">{percent(row.rate)}</span>{" "}
                <span className="text-xs text-muted">{t("attendance.rate.detail", { attended: row.attended, counted: row.counted })}</span>
              </td>
              {row.cells.map((status, i) => (
                <td key={roster.sessions[i]!.id} className="border-b border-line px-1 py-1 text-center">
                  {mark(status)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
