// The report on A4 paper: the academy's name and the period at the top, the
// headline figures, the sentences, the charts and every breakdown. Outside
// the staff layout so that only the report prints.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PrintButton } from "~/modules/attendance/print-button.tsx";
import { BreakdownTable } from "~/modules/reports/breakdown-table.tsx";
import { rangeQuery } from "~/modules/reports/range.ts";
import { reportForRequest } from "~/modules/reports/report-page.server.ts";
import { HeadlineFigures, ReportCharts, ReportSentences, TripsTable } from "~/modules/reports/report-view.tsx";
import { breakdownKinds } from "~/modules/reports/report.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatDateRange, formatDateTime } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.academyName ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { report, academyName, parsed } = await reportForRequest(request);
  return { report, academyName, errors: parsed.ok ? null : parsed.errors };
}

const printCss = `
@page { size: A4 portrait; margin: 14mm; }
@media print {
  .report-tools { display: none !important; }
  body { background: #fff; }
  .report-print { max-width: none; padding: 0; }
  .report-print a { color: inherit; text-decoration: none; }
  .report-print section, .report-print figure, .report-print tr { break-inside: avoid; }
  .report-print thead { display: table-header-group; }
}
.report-print .overflow-x-auto { overflow: visible; }
.report-print table { font-size: 0.8rem; }
.report-print th, .report-print td { white-space: normal !important; min-width: 0 !important; }
`;

export default function ReportPrint() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { report, academyName, errors } = useLoaderData<typeof loader>();
  return (
    <main className="report-print mx-auto flex max-w-5xl flex-col gap-6 bg-white p-6 text-black">
      <style>{printCss}</style>
      <div className="report-tools flex flex-wrap items-center gap-3">
        <Link to={report ? `/admin/reports?${rangeQuery(report.range)}` : "/admin/reports"} className="text-muted hover:underline">
          ← {t("reports.actions.back")}
        </Link>
        <PrintButton label={t("reports.actions.printNow")} />
      </div>
      {report ? (
        <>
          <header className="flex flex-col gap-1 text-center">
            <h1 className="text-xl font-bold">{t("reports.printTitle", { academy: academyName })}</h1>
            <p>{formatDateRange(report.range.from, report.range.to, language)}</p>
            <p className="text-sm text-muted">{formatDateTime(new Date(report.countedAt), report.timeZone, language)}</p>
          </header>
          <HeadlineFigures report={report} />
          <ReportSentences report={report} />
          <ReportCharts report={report} />
          {breakdownKinds.map((kind) => (
            <section key={kind} aria-labelledby={`print-${kind}`} className="flex flex-col gap-2">
              <h2 id={`print-${kind}`} className="text-lg font-semibold">
                {t(`reports.breakdowns.kinds.${kind}`)}
              </h2>
              <BreakdownTable breakdown={report.breakdowns[kind]} range={report.range} links={false} />
            </section>
          ))}
          <TripsTable report={report} />
        </>
      ) : (
        <p role="alert">{errors ? Object.values(errors).map((e) => t(`reports.range.errors.${e}`)).join(" ") : null}</p>
      )}
    </main>
  );
}
