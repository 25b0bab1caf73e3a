import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { writeTimetableWorkbook } from "~/modules/timetable/timetable-export.server.ts";
import { getCohortSessions } from "~/modules/timetable/timetable.server.ts";
import { db } from "~/utils/db.server.ts";
import { xlsxResponse } from "~/utils/download.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { formatDateRange } from "~/utils/time.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  await requireCohortPermission(request, cohortId, "read:curriculum");
  const [cohort, sessions, academy, language] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { code: true, title: true, startDate: true, endDate: true } }),
    getCohortSessions(cohortId),
    getAcademySettings(),
    getLanguage(request),
  ]);
  const workbook = await writeTimetableWorkbook(
    { title: cohort.title, dates: formatDateRange(cohort.startDate, cohort.endDate, language) },
    sessions,
    academy.timeZone,
    language,
  );
  return xlsxResponse(workbook, `${cohort.code}-${getFixedT(language)("programme.export.fileName")}.xlsx`);
}
