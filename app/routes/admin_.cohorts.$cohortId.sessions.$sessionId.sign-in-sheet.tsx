// The printable sign-in sheet (签到表): A4, the academy, cohort and session at
// the top, then the class in name order with company and a column to sign.
// Outside the staff layout so that only the sheet prints.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadRollCallPage } from "~/modules/attendance/roll-call-page.server.ts";
import { rollCallRows } from "~/modules/attendance/roll-call.server.ts";
import { PrintButton } from "~/modules/attendance/print-button.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.header.cohortTitle} · ${data.header.moduleTitle}` : "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, header } = await loadRollCallPage(request, params, new Date());
  const rows = await rollCallRows(user, header.sessionId);
  return { header, rows: rows.map((row) => ({ id: row.enrollmentId, name: row.name, company: row.company })) };
}

const printCss = `
@page { size: A4 portrait; margin: 12mm; }
@media print {
  .sheet-tools { display: none !important; }
  body { background: #fff; }
  .sheet { max-width: none; padding: 0; }
  .sheet tr { break-inside: avoid; }
  .sheet thead { display: table-header-group; }
}
.sheet table { border-collapse: collapse; width: 100%; }
.sheet th, .sheet td { border: 1px solid #444; padding: 6px 8px; text-align: left; }
.sheet td.sign { width: 32%; height: 2.6em; }
`;

export default function SignInSheet() {
  const { t } = useTranslation();
  const { header, rows } = useLoaderData<typeof loader>();
  return (
    <main className="sheet mx-auto flex max-w-4xl flex-col gap-4 bg-white p-6 text-black">
      <style>{printCss}</style>
      <div className="sheet-tools flex flex-wrap items-center gap-3">
        <Link to={`/admin/cohorts/${header.cohortId}/sessions/${header.sessionId}/roll-call`} className="text-muted hover:underline">
          ← {t("attendance.sheet.back")}
        </Link>
        <PrintButton label={t("attendance.sheet.print")} />
        <span className="text-sm text-muted">{t("attendance.sheet.printHint")}</span>
      </div>
      <header className="flex flex-col gap-1 text-center">
        <p className="text-sm">{header.academyName}</p>
        <h1 className="text-xl font-bold">
          {header.cohortTitle} · {t("attendance.sheet.title")}
        </h1>
        <p className="font-medium">{header.moduleTitle}</p>
        <p className="text-sm">
          {[
            t("attendance.sheet.field", { label: t("attendance.sheet.when"), value: `${header.day} ${header.time}` }),
            header.venue ? t("attendance.sheet.field", { label: t("attendance.sheet.venue"), value: header.venue }) : null,
            header.lecturers.length
              ? t("attendance.sheet.field", { label: t("attendance.sheet.lecturers"), value: header.lecturers.join(t("common.listSeparator")) })
              : null,
            t("attendance.sheet.count", { count: rows.length }),
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </header>
      <table>
        <thead>
          <tr>
            <th scope="col" className="w-12 whitespace-nowrap">
              {t("attendance.sheet.number")}
            </th>
            <th scope="col">{t("attendance.rollCall.name")}</th>
            <th scope="col">{t("attendance.rollCall.company")}</th>
            <th scope="col">{t("attendance.sheet.signature")}</th>
            <th scope="col" className="w-24">
              {t("attendance.sheet.note")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.id}>
              <td className="tabular-nums">{index + 1}</td>
              <td>{row.name}</td>
              <td>{row.company ?? ""}</td>
              <td className="sign" />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
