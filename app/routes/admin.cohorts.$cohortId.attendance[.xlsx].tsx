import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { writeGridWorkbook } from "~/modules/attendance/grid-export.server.ts";
import { cohortGrid } from "~/modules/attendance/grid.server.ts";
import { db } from "~/utils/db.server.ts";
import { xlsxResponse } from "~/utils/download.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  await requireCohortPermission(request, cohortId, "read:attendance");
  const [cohort, grid, academy, language] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { code: true, title: true } }),
    cohortGrid({ cohortId, now: new Date() }),
    getAcademySettings(),
    getLanguage(request),
  ]);
  const workbook = await writeGridWorkbook(cohort, grid, academy.timeZone, language);
  return xlsxResponse(workbook, `${cohort.code}-${getFixedT(language)("attendance.grid.sheetName")}.xlsx`);
}
