// The cohort's attendance grid: trainees down, sessions across, a short
// symbol per cell with its words for screen readers. The header row and the
// name column stay in place (position: sticky) while the grid scrolls inside
// its own box, so 100 trainees × 60 sessions stay readable.
import { Link } from "@remix-run/react";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { GridView } from "./grid-view.server.ts";
import type { SessionStanding } from "./rules.ts";
import { formatRate, statusTone } from "./status-mark.tsx";

export const AttendanceGridTable = memo(function AttendanceGridTable({ grid, cohortId }: { grid: GridView; cohortId: string }) {
  const { t } = useTranslation();
  // 6,000 cells: each is plain markup made from these few strings, not a component with hooks of its own.
  const cell = (status: SessionStanding | null) => {
    const key = status ?? "none";
    return {
      words: t(status ? `attendance.status.${status}` : "attendance.status.notYet"),
      symbol: t(`attendance.symbol.${key}`),
      className: `inline-flex min-w-6 justify-center rounded px-1 font-semibold ${statusTone[key]}`,
    };
  };
  const cells = { present: cell("present"), late: cell("late"), excused: cell("excused"), absent: cell("absent"), before_joining: cell("before_joining"), none: cell(null) };
  const percent = (rate: number | null) => {
    const value = formatRate(rate);
    return value === null ? t("attendance.rate.none") : t("attendance.rate.value", { percent: value });
  };
  return (
    <div className="relative max-h-[75vh] overflow-auto rounded-xl border border-line bg-surface" tabIndex={0} role="region" aria-labelledby="grid-caption">
      <table className="border-separate border-spacing-0 text-sm">
        <caption id="grid-caption" className="sr-only">
          {t("attendance.grid.caption", { trainees: grid.rows.length, sessions: grid.sessions.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 top-0 z-30 min-w-40 border-b border-r border-line bg-canvas px-3 py-2 text-left">
              {t("attendance.grid.name")}
            </th>
            {grid.sessions.map((s) => (
              <th key={s.id} scope="col" className="sticky top-0 z-20 min-w-14 border-b border-line bg-canvas px-1 py-2 text-center font-medium">
                <Link to={`/admin/cohorts/${cohortId}/sessions/${s.id}`} className="block hover:underline" title={s.moduleTitle}>
                  <span className="block whitespace-nowrap">{s.date}</span>
                  <span className="block text-xs text-muted">{s.time}</span>
                </Link>
              </th>
            ))}
            <th scope="col" className="sticky right-0 top-0 z-30 border-b border-l border-line bg-canvas px-3 py-2 text-right">
              {t("attendance.rate.label")}
            </th>
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.enrollmentId}>
              <th scope="row" className="sticky left-0 z-10 border-b border-r border-line bg-surface px-3 py-1 text-left font-medium">
                <Link to={`/admin/people/${row.personId}`} className="block whitespace-nowrap hover:underline">
                  {row.name}
                </Link>
              </th>
              {row.cells.map((status, i) => {
                const look = cells[status ?? "none"];
                return (
                  <td key={grid.sessions[i]!.id} className="border-b border-line px-1 py-1 text-center">
                    <span title={look.words} className={look.className}>
                      <span aria-hidden="true">{look.symbol}</span>
                      <span className="sr-only">{look.words}</span>
                    </span>
                  </td>
                );
              })}
              <td className="sticky right-0 border-b border-l border-line bg-surface px-3 py-1 text-right tabular-nums">{percent(row.standing.rate)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="sticky bottom-0 left-0 z-30 border-r border-t border-line bg-canvas px-3 py-2 text-left">
              {t("attendance.grid.sessionRate")}
            </th>
            {grid.sessions.map((s) => (
              <td key={s.id} className="sticky bottom-0 z-20 border-t border-line bg-canvas px-1 py-2 text-center tabular-nums">
                {s.phase === "held" ? percent(s.standing.rate) : "—"}
              </td>
            ))}
            <td className="sticky bottom-0 right-0 z-30 border-l border-t border-line bg-canvas px-3 py-2 text-right font-semibold tabular-nums">
              {percent(grid.cohort.rate)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
});
