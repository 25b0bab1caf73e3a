import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { rosterTemplate } from "~/modules/roster/spreadsheet-write.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { xlsxResponse } from "~/utils/download.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaffPermission(request, "create:enrollment");
  const language = await getLanguage(request);
  return xlsxResponse(await rosterTemplate(language), `${getFixedT(language)("importPage.templateFile")}.xlsx`);
}
