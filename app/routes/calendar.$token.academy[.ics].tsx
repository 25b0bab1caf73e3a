import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse, feedLanguage, feedNotFound, personCalendar } from "~/modules/calendar/calendar.server.ts";
import { findPersonByCalendarToken } from "~/modules/calendar/calendar-tokens.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";

// A person's private feed, fetched by calendar apps without cookies: the secret in the address is the key.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const person = await findPersonByCalendarToken(params.token ?? "");
  const language = feedLanguage(request, person?.locale);
  if (!person) return feedNotFound(language);
  const feed = await personCalendar(person.id, language, publicOrigin(request));
  if (!feed) return feedNotFound(language);
  return calendarResponse(request, feed, {
    disposition: "inline",
    fileName: "academy.ics",
    cacheControl: "private, max-age=300",
  });
}
