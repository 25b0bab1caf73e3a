import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth-session.server.ts";
import { calendarResponse, maySeeSessionCalendar, sessionCalendar } from "~/modules/calendar/calendar.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";

// "Add to calendar" for one session: a file that iOS offers to add and Android hands to the calendar app.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionId = params.sessionId ?? "";
  const user = await requireUser(request);
  // Outside the session's cohort it does not exist, as for every other record.
  if (!(await maySeeSessionCalendar(user, sessionId))) throw new Response("Not found", { status: 404 });
  const feed = await sessionCalendar(sessionId, await getLanguage(request), publicOrigin(request));
  if (!feed) throw new Response("Not found", { status: 404 });
  return calendarResponse(request, feed, {
    disposition: "attachment",
    fileName: `${feed.name}.ics`,
    cacheControl: "private, no-cache",
  });
}
