// What every report route reads from its request: who asks (and so which
// cohorts count), the academy, the language and the period. The page, the
// workbook and the print view then count the same report.
import { academyName, getAcademySettings } from "~/modules/academy/academy.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { localDate } from "~/utils/time.ts";
import { requireReportAccess } from "./access.server.ts";
import { parseRange } from "./range.ts";
import { breakdownKinds, type BreakdownKind } from "./report.ts";
import { loadReport } from "./report.server.ts";

export async function readReportRequest(request: Request) {
  const { actor, cohortIds } = await requireReportAccess(request);
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  const url = new URL(request.url);
  const now = new Date();
  const parsed = parseRange(url.searchParams, localDate(now, academy.timeZone));
  const asked = url.searchParams.get("breakdown");
  const breakdown: BreakdownKind = breakdownKinds.includes(asked as BreakdownKind) ? (asked as BreakdownKind) : "cohort";
  return { actor, cohortIds, academy, academyName: academyName(academy, language), language, parsed, breakdown, now };
}

/** The report for the request, or null with the range's errors when the period is wrong. */
export async function reportForRequest(request: Request) {
  const context = await readReportRequest(request);
  const report = context.parsed.ok ? await loadReport({ range: context.parsed.range, cohortIds: context.cohortIds, now: context.now }) : null;
  return { ...context, report };
}
