// The report for a period as an .xlsx download (/admin/reports.xlsx?from=…&to=…).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportForRequest } from "~/modules/reports/report-page.server.ts";
import { writeReportWorkbook } from "~/modules/reports/report-workbook.server.ts";
import { xlsxResponse } from "~/utils/download.server.ts";
import { getFixedT } from "~/utils/i18n.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { report, academyName, language, parsed } = await reportForRequest(request);
  const t = getFixedT(language);
  if (!report || !parsed.ok) {
    const message = parsed.ok ? "" : Object.values(parsed.errors).map((error) => t(`reports.range.errors.${error}`)).join(" ");
    return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const workbook = await writeReportWorkbook(report, academyName, language);
  return xlsxResponse(workbook, `${t("reports.workbook.fileName")}-${report.range.from}-${report.range.to}.xlsx`);
}
