import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { issueCohortActivationCodes } from "~/modules/roster/import.server.ts";
import { writeActivationCodes } from "~/modules/roster/spreadsheet-write.server.ts";
import { invitationView } from "~/modules/people/invitation-view.server.ts";
import { db } from "~/utils/db.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { xlsxResponse } from "~/utils/download.server.ts";

// Issuing codes changes state (earlier codes stop working), so it is a POST that answers with the file.
export async function action({ request, params }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "update:enrollment");
  const [cohort, academy, language] = await Promise.all([
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { code: true } }),
    getAcademySettings(),
    getLanguage(request),
  ]);
  const issued = await issueCohortActivationCodes({ cohortId, actor: user, request, now: new Date() });
  const rows = issued.map((person) => {
    const view = invitationView(request, person.name, person, academy.timeZone, language);
    return { name: person.name, mobile: person.mobile ?? "", code: view.code, link: view.link, expires: view.expires };
  });
  return xlsxResponse(await writeActivationCodes(rows, language), `${cohort.code}-activation.xlsx`);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCohortPermission(request, params.cohortId ?? "", "read:enrollment");
  return redirect(`/admin/cohorts/${params.cohortId}/roster`);
}
