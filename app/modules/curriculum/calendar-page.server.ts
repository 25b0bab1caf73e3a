// Loader and action of the private-feed page, shared by the portal's /calendar
// and the staff area's /admin/calendar. The caller has already checked who may come.
import { parseWithZod } from "@conform-to/zod";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { CalendarLinkActionSchema } from "./calendar.ts";
import { feedAddresses, personFeedPath, personFeedSummary, publicOrigin } from "./calendar.server.ts";
import { personCalendarToken, resetPersonCalendarToken } from "./calendar-tokens.server.ts";

/** WeChat's built-in browser cannot hand a webcal:// link to the calendar: the page says so up front. */
export function inWeChat(request: Request): boolean {
  return /MicroMessenger/i.test(request.headers.get("User-Agent") ?? "");
}

export async function personCalendarLoader(request: Request, user: CurrentUser) {
  const [language, token, summary] = await Promise.all([
    getLanguage(request),
    personCalendarToken(user.id),
    personFeedSummary(user.id),
  ]);
  // Someone reading this page in English gets English event texts too.
  const path = personFeedPath(token) + (language === "en" ? "?lng=en" : "");
  return {
    title: getFixedT(language)("calendar.page.title"),
    feed: feedAddresses(publicOrigin(request), path),
    summary,
    inWeChat: inWeChat(request),
  };
}

export async function personCalendarAction(request: Request, user: CurrentUser) {
  const submission = parseWithZod(await request.formData(), { schema: CalendarLinkActionSchema });
  if (submission.status !== "success") return { result: submission.reply(), reset: false };
  await resetPersonCalendarToken(user.id, { actorId: user.id, request, now: new Date() });
  return { result: submission.reply(), reset: true };
}
