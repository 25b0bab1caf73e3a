// The academy's report (统计报表): a period, its headline figures, one
// breakdown at a time, charts and sentences ready to paste, with the workbook
// and the print view for the same period.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button.tsx";
import { BreakdownTable } from "~/modules/reports/breakdown-table.tsx";
import { rangeQuery } from "~/modules/reports/range.ts";
import { RangeForm } from "~/modules/reports/range-form.tsx";
import { reportForRequest } from "~/modules/reports/report-page.server.ts";
import { HeadlineFigures, ReportCharts, ReportSentences, TripsTable } from "~/modules/reports/report-view.tsx";
import { breakdownKinds } from "~/modules/reports/report.ts";

export const meta: MetaFunction = () => [];

export async function loader({ request }: LoaderFunctionArgs) {
  const { cohortIds, academy, parsed, breakdown, report } = await reportForRequest(request);
  return {
    report,
    preset: parsed.preset,
    from: parsed.ok ? parsed.range.from : parsed.from,
    to: parsed.ok ? parsed.range.to : parsed.to,
    errors: parsed.ok ? null : parsed.errors,
    breakdown,
    scopeCount: cohortIds === null ? null : cohortIds.length,
    timeZone: academy.timeZone,
  };
}

export default function Reports() {
  const { t } = useTranslation();
  const { report, preset, from, to, errors, breakdown, scopeCount, timeZone } = useLoaderData<typeof loader>();
  const query = report ? rangeQuery(report.range) : "";
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("reports.title")}</h1>
          <p className="text-muted">{scopeCount === null ? t("reports.scopeAcademy") : t("reports.scopeCohorts", { count: scopeCount })}</p>
        </div>
        {report ? (
          <div className="flex flex-wrap gap-2">
            <a href={`/admin/reports.xlsx?${query}`} className={buttonClass("primary")} download>
              {t("reports.actions.workbook")}
            </a>
            <Link to={`/admin/reports/print?${query}`} className={buttonClass("secondary")}>
              {t("reports.actions.print")}
            </Link>
          </div>
        ) : null}
      </div>
      <RangeForm preset={preset} from={from} to={to} errors={errors} timeZone={timeZone} hidden={{ breakdown }} />
      {report ? (
        <>
          <HeadlineFigures report={report} />
          <ReportSentences report={report} />
          <ReportCharts report={report} />
          <section aria-labelledby="breakdown-heading" id="breakdown" className="flex flex-col gap-3">
            <h2 id="breakdown-heading" className="text-lg font-semibold">
              {t("reports.breakdowns.heading")}
            </h2>
            <nav aria-label={t("reports.breakdowns.choose")} className="flex flex-wrap gap-2">
              {breakdownKinds.map((kind) => (
                <Link
                  key={kind}
                  to={`?${query}&breakdown=${kind}#breakdown`}
                  preventScrollReset
                  aria-current={kind === breakdown ? "page" : undefined}
                  className={buttonClass(kind === breakdown ? "primary" : "secondary", "text-sm")}
                >
                  {t(`reports.breakdowns.kinds.${kind}`)}
                </Link>
              ))}
            </nav>
            <BreakdownTable breakdown={report.breakdowns[breakdown]} range={report.range} />
          </section>
          <TripsTable report={report} />
        </>
      ) : (
        <p role="alert" className="rounded-lg bg-brand-50 px-4 py-3 text-brand-800">
          {t("reports.range.invalid")}
        </p>
      )}
    </div>
  );
}
