// The report's figures as JSON for other systems, with a token an admin made (see README, "Reports API").
// Read-only: the route has no action, so anything but GET is refused.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerReportApi } from "~/modules/reports/report-api.server.ts";
import { loadReport } from "~/modules/reports/report.server.ts";

export const loader = ({ request }: LoaderFunctionArgs) => answerReportApi(request, loadReport);
