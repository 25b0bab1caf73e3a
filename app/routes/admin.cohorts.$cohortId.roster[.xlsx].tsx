import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { getRoster } from "~/modules/cohorts/cohorts.server.ts";
import { writeRosterWorkbook } from "~/modules/roster/spreadsheet-write.server.ts";
import { db } from "~/utils/db.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { xlsxResponse } from "~/utils/download.server.ts";
import { formatDateTime } from "~/utils/time.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  await requireCohortPermission(request, cohortId, "read:enrollment");
  const [rows, cohort, academy, language] = await Promise.all([
    getRoster(cohortId, {}),
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { code: true } }),
    getAcademySettings(),
    getLanguage(request),
  ]);
  const workbook = await writeRosterWorkbook(
    rows.map((row) => ({
      name: row.person.name,
      mobile: row.person.mobile ?? "",
      company: row.person.trainee?.company ?? "",
      position: row.person.trainee?.position ?? null,
      industry: row.person.trainee?.industry ?? null,
      district: row.person.trainee?.district ?? null,
      creditCode: row.person.trainee?.creditCode ?? null,
      email: row.person.email,
      status: row.status,
      enrolledAt: row.enrolledAt ? formatDateTime(row.enrolledAt, academy.timeZone, language) : null,
    })),
    language,
  );
  return xlsxResponse(workbook, `${cohort.code}.xlsx`);
}
