import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse, cohortCalendar, feedLanguage, feedNotFound } from "~/modules/calendar/calendar.server.ts";
import { findCohortByCalendarToken } from "~/modules/calendar/calendar-tokens.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";

// A cohort's feed, shared with its class: no sign-in, the secret in the address is the key.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = feedLanguage(request);
  const cohort = await findCohortByCalendarToken(params.token ?? "");
  if (!cohort) return feedNotFound(language);
  const feed = await cohortCalendar(cohort.id, language, publicOrigin(request));
  if (!feed) return feedNotFound(language);
  return calendarResponse(request, feed, {
    disposition: "inline",
    fileName: "academy.ics",
    cacheControl: "private, max-age=300",
  });
}
