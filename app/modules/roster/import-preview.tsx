import { useTranslation } from "react-i18next";
import type { Language } from "~/utils/i18n.ts";
import type { ImportPreview } from "./import.server.ts";
import { rosterIssueValues, type RosterColumn } from "./roster.ts";

/** The preview of a roster import: counts, every problem by row and column, and changed details. */
export function ImportPreviewView({ preview }: { preview: ImportPreview }) {
  const { t, i18n } = useTranslation();
  const column = (c: RosterColumn) => t(`roster.columns.${c}`);
  const willEnrol = preview.newPeople.length + preview.knownPeople.length;
  return (
    <section className="flex flex-col gap-4" data-testid="import-preview">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["importPage.rowsRead", preview.rowsRead],
          ["importPage.problems", preview.issues.length],
          ["importPage.newPeople", preview.newPeople.length],
          ["importPage.knownPeople", preview.knownPeople.length],
        ].map(([key, value]) => (
          <div key={key as string} className="rounded-xl border border-line bg-surface p-3">
            <dt className="text-sm text-muted">{t(key as string)}</dt>
            <dd className="text-2xl font-bold tabular-nums" data-testid={`count-${(key as string).split(".")[1]}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-muted">{t("importPage.seats", { willEnrol, available: preview.seatsAvailable })}</p>
      {preview.issues.length ? (
        <div className="overflow-x-auto rounded-xl border-2 border-brand-700 bg-surface">
          <h3 className="px-4 pt-3 font-semibold text-brand-700">{t("importPage.fixFirst", { count: preview.issues.length })}</h3>
          <table className="w-full text-left text-sm">
            <thead className="text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">{t("importPage.row")}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t("importPage.column")}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t("importPage.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.issues.map((issue, index) => (
                <tr key={index} className="border-t border-line" data-testid="import-issue">
                  <td className="px-4 py-2 tabular-nums">{issue.rowNumber ?? t("importPage.wholeFile")}</td>
                  <td className="px-4 py-2">{issue.column ? column(issue.column) : "—"}</td>
                  <td className="px-4 py-2">{t(issue.messageKey, rosterIssueValues(issue, column, i18n.language as Language))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {preview.knownPeople.some((k) => k.changes.length) ? (
        <div className="rounded-xl border border-line bg-surface p-4">
          <h3 className="font-semibold">{t("importPage.changedDetails")}</h3>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {preview.knownPeople
              .filter((k) => k.changes.length)
              .map((k) => (
                <li key={k.personId} data-testid="import-change">
                  {t("importPage.rowLabel", { row: k.row.rowNumber })} {k.row.name}:{" "}
                  {k.changes.map((c) => `${column(c.field)} ${c.from ?? "—"} → ${c.to ?? "—"}`).join(t("common.listSeparator"))}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      {preview.accountNotes.length ? (
        <div className="rounded-xl border border-line bg-surface p-4">
          <h3 className="font-semibold">{t("importPage.accountNotes")}</h3>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {preview.accountNotes.map((note) => (
              <li key={note.rowNumber} data-testid="import-account-note">
                {t("importPage.rowLabel", { row: note.rowNumber })} {note.name}: {t(`importPage.${note.note}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
