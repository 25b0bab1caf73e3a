// The roll-call list: a checkbox per trainee for marking many at once, a
// button per status for marking one, the record's state (or what it counts as
// when there is none) and its history of changes.
import { useTranslation } from "react-i18next";
import { effectiveStatus, attendanceStatuses, type AttendanceStatus, type SessionPhase } from "./rules.ts";
import type { RollCallRow } from "./roll-call.server.ts";
import { StatusText } from "./status-mark.tsx";

/** A roll-call row as the page receives it: the server's row, its dates as strings. */
export type RollCallTableRow = Omit<RollCallRow, "history"> & {
  history: (Omit<RollCallRow["history"][number], "at"> & { at: string })[];
};

const buttonTone: Record<AttendanceStatus, string> = {
  present: "aria-pressed:bg-emerald-700 aria-pressed:text-white",
  late: "aria-pressed:bg-amber-600 aria-pressed:text-white",
  excused: "aria-pressed:bg-blue-700 aria-pressed:text-white",
  absent: "aria-pressed:bg-brand-700 aria-pressed:text-white",
};

export function RollCallTable({ rows, phase, disabled }: { rows: RollCallTableRow[]; phase: SessionPhase; disabled: boolean }) {
  const { t } = useTranslation();
  const statusWord = (status: string | null) => (status ? t(`attendance.status.${status}`) : t("attendance.status.none"));
  return (
    <div className="overflow-x-auto rounded-xl border border-line bg-surface">
      <table className="w-full text-left">
        <thead className="bg-canvas text-sm text-muted">
          <tr>
            <th scope="col" className="w-10 px-3 py-2">
              <span className="sr-only">{t("attendance.rollCall.selectAll")}</span>
            </th>
            <th scope="col" className="px-3 py-2">
              {t("attendance.rollCall.name")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("attendance.rollCall.state")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("attendance.rollCall.actions")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const shown = effectiveStatus({
              recorded: row.recorded,
              approvedLeave: row.leave === "approved",
              held: phase === "held",
              cancelled: phase === "cancelled",
              beforeJoining: row.beforeJoining,
            });
            return (
              <tr key={row.enrollmentId} className="border-t border-line align-top" data-testid="roll-call-row">
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    name="enrollmentId"
                    value={row.enrollmentId}
                    className="size-5"
                    aria-label={t("attendance.rollCall.select", { name: row.name })}
                  />
                </td>
                <td className="px-3 py-2">
                  <span className="font-medium">{row.name}</span>
                  {row.company ? <span className="block text-sm text-muted">{row.company}</span> : null}
                </td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap items-center gap-1">
                    <StatusText status={shown} />
                    {!row.recorded && shown === "absent" ? <span className="text-xs text-muted">{t("attendance.rollCall.derived")}</span> : null}
                    {row.method ? <span className="text-xs text-muted">{t(`attendance.method.${row.method}`)}</span> : null}
                    {row.leave === "pending" ? <span className="text-xs text-amber-900">{t("attendance.rollCall.leavePending")}</span> : null}
                    {row.leave === "approved" ? <span className="text-xs text-blue-800">{t("attendance.rollCall.leaveApproved")}</span> : null}
                    {row.flag ? <span className="text-xs font-semibold text-brand-700">{t("attendance.rollCall.flagged")}</span> : null}
                  </div>
                  {row.history.length > 0 ? (
                    <details className="mt-1 text-sm">
                      <summary className="cursor-pointer text-muted">{t("attendance.rollCall.history", { count: row.history.length })}</summary>
                      <ol className="mt-1 flex flex-col gap-1" data-testid="roll-call-history">
                        {row.history.map((h, index) => (
                          <li key={index}>
                            {t("attendance.rollCall.historyEntry", {
                              at: h.at,
                              actor: h.actorName ?? t("attendance.rollCall.nobody"),
                              from: statusWord(h.from),
                              to: statusWord(h.to),
                              method: t(`attendance.method.${h.method}`),
                            })}
                            {h.note ? <span className="block text-muted">{t("attendance.rollCall.historyNote", { note: h.note })}</span> : null}
                          </li>
                        ))}
                      </ol>
                    </details>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap gap-1">
                    {attendanceStatuses.map((status) => (
                      <button
                        key={status}
                        type="submit"
                        name="one"
                        value={`${row.enrollmentId}:${status}`}
                        disabled={disabled}
                        aria-pressed={row.recorded === status}
                        aria-label={t("attendance.rollCall.markOne", { name: row.name, status: t(`attendance.status.${status}`) })}
                        className={`min-h-11 min-w-11 rounded-lg border border-line px-2 text-sm font-medium hover:bg-canvas ${buttonTone[status]}`}
                      >
                        {t(`attendance.status.${status}`)}
                      </button>
                    ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
