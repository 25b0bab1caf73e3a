// What the certificates page polls while a batch's files are drawn: how many are ready.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCohortPermission } from "~/modules/accounts/authorization.server.ts";
import { certificateFilesProgress } from "~/modules/certificates/certificates-page.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await requireCohortPermission(request, cohortId, "read:certificate");
  return Response.json(await certificateFilesProgress(user, cohortId), { headers: { "Cache-Control": "no-store" } });
}
