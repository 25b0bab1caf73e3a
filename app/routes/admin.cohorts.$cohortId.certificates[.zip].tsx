// All of the cohort's current certificates, PDF and image each, as one .zip: staff of the cohort and admins.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { cohortArchive } from "~/modules/certificates/downloads.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:certificate");
  return cohortArchive(user, cohortId);
}
