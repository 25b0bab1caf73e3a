// Loaders and actions of the calendar-subscription pages: the private-feed page,
// shared by the portal's /calendar and the staff area's /admin/calendar, and a
// cohort's calendar page. The caller has already checked who may come.
import { parseWithZod } from "@conform-to/zod";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { canInCohorts } from "~/modules/accounts/authorization.server.ts";
import { db } from "~/utils/db.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { CalendarLinkActionSchema } from "./calendar.ts";
import { cohortFeedPath, feedAddresses, personFeedPath, personFeedSummary } from "./calendar.server.ts";
import {
  cohortCalendarToken,
  personCalendarToken,
  resetCohortCalendarToken,
  resetPersonCalendarToken,
} from "./calendar-tokens.server.ts";
import { publicOrigin } from "~/utils/request.server.ts";
import { isWeChat } from "~/modules/accounts/user-agent.ts";

/** WeChat's built-in browser cannot hand a webcal:// link to the calendar: the page says so up front. */
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
    inWeChat: isWeChat(request.headers.get("User-Agent")),
  };
}

/** The only thing the calendar pages post: replacing the link, with `reset` once the form is valid. */
async function resetLinkAction(request: Request, reset: () => Promise<unknown>) {
  const submission = parseWithZod(await request.formData(), { schema: CalendarLinkActionSchema });
  if (submission.status !== "success") return { result: submission.reply(), reset: false };
  await reset();
  return { result: submission.reply(), reset: true };
}

export async function personCalendarAction(request: Request, user: CurrentUser) {
  return resetLinkAction(request, () =>
    resetPersonCalendarToken(user.id, { actorId: user.id, request, now: new Date() }),
  );
}

/** The cohort's calendar page: its feed in both languages, a message for the class group, who may reset it. */
export async function cohortCalendarLoader(request: Request, user: CurrentUser, cohortId: string) {
  const [language, token, cohort, sessions] = await Promise.all([
    getLanguage(request),
    cohortCalendarToken(cohortId),
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { title: true } }),
    db.session.count({ where: { module: { cohortId } } }),
  ]);
  const origin = publicOrigin(request);
  const path = cohortFeedPath(token);
  const t = getFixedT(language);
  const feed = feedAddresses(origin, path);
  return {
    title: `${t("calendar.cohort.title")} · ${cohort.title}`,
    feed,
    englishFeed: feedAddresses(origin, `${path}?lng=en`),
    message: t("calendar.cohort.message", { cohort: cohort.title, url: feed.https }),
    sessions,
    canReset: canInCohorts(user, "update:curriculum"),
  };
}

export async function cohortCalendarAction(request: Request, user: CurrentUser, cohortId: string) {
  return resetLinkAction(request, () =>
    resetCohortCalendarToken(cohortId, { actorId: user.id, request, now: new Date() }),
  );
}
