// iCalendar (RFC 5545) feeds of the timetable: one per cohort, one private feed
// per person, and a single session for "add to calendar". Produced with
// ical-generator; times carry the academy's zone (TZID plus its VTIMEZONE) so
// that every calendar app shows 09:00 as 09:00 wherever the phone is.
import { createHash } from "node:crypto";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { escape, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { cohortScope } from "~/modules/accounts/authorization.server.ts";
import { academyName, getAcademySettings, type AcademySettings } from "~/modules/academy/academy.server.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { getFixedT } from "~/utils/i18n.server.ts";
import { defaultLanguage, parseLanguage, type Language } from "~/utils/i18n.ts";
import type { FeedAddresses } from "./calendar.ts";
import { contentDisposition } from "~/utils/download.server.ts";
import { sessionsOfPerson } from "~/modules/timetable/timetable.server.ts";

/** Calendar apps are asked to look again about once an hour. */
const REFRESH_SECONDS = 60 * 60;

const feedSessionSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  kind: true,
  status: true,
  notes: true,
  sequence: true,
  createdAt: true,
  updatedAt: true,
  venue: { select: { name: true, address: true } },
  module: {
    select: {
      title: true,
      track: { select: { key: true } },
      cohort: { select: { academy: { select: { slug: true } } } },
    },
  },
  lecturers: { select: { lecturer: { select: { name: true, title: true } } }, orderBy: { lecturer: { name: "asc" } } },
} satisfies Prisma.SessionSelect;

type FeedSession = Prisma.SessionGetPayload<{ select: typeof feedSessionSelect }>;

export type CalendarFeed = {
  /** The calendar's name as apps list it (X-WR-CALNAME). */
  name: string;
  /** The iCalendar text. */
  ics: string;
};

/** The same feed for the browser (https) and for calendar apps' subscribe handler (webcal). */
export function feedAddresses(origin: string, path: string): FeedAddresses {
  const https = `${origin}${path}`;
  return { https, webcal: https.replace(/^https?:\/\//, "webcal://") };
}

export const personFeedPath = (token: string) => `/calendar/${token}/academy.ics`;
export const cohortFeedPath = (token: string) => `/calendar/cohort/${token}/academy.ics`;

/** `?lng=` first, then the person's own choice, then Chinese. */
export function feedLanguage(request: Request, personLocale?: string | null): Language {
  return parseLanguage(new URL(request.url).searchParams.get("lng")) ?? parseLanguage(personLocale) ?? defaultLanguage;
}

/** Stable across moves and edits: calendar apps match updates to the event they hold by it. */
function sessionUid(sessionId: string, academySlug: string): string {
  return `session-${sessionId}@${academySlug}`;
}

function buildFeed(input: {
  academy: AcademySettings;
  name: string;
  description: string;
  sessions: FeedSession[];
  language: Language;
  origin: string;
  /** A one-off file: no calendar name or refresh hints, or some apps (Outlook) open it as a calendar of its own. */
  single?: boolean;
}): CalendarFeed {
  const t = getFixedT(input.language);
  // A zone that no VTIMEZONE describes would leave apps guessing: times are then written in UTC.
  const zone = getVtimezoneComponent(input.academy.timeZone) ? input.academy.timeZone : null;
  const calendar = ical({
    // RFC 7986 NAME is text: commas and semicolons in a cohort's title are escaped like any other text value.
    name: input.single ? null : escape(input.name, false),
    description: input.single ? null : escape(input.description, false),
    prodId: { company: "Academy", product: "Academy timetable", language: input.language === "en" ? "EN" : "ZH" },
    ttl: input.single ? null : REFRESH_SECONDS,
    // No calendar-wide zone name: DTSTAMP and LAST-MODIFIED stay in UTC as RFC 5545 asks;
    // the generator still writes the VTIMEZONE of every zone that events name.
    timezone: zone ? { name: null, generator: getVtimezoneComponent } : null,
  });
  if (zone && !input.single) calendar.x("X-WR-TIMEZONE", zone);

  for (const session of input.sessions) {
    const cancelled = session.status === "cancelled";
    const link = `${input.origin}/sessions/${session.id}`;
    // ical-generator writes a native Date in the server's own zone when a TZID is
    // set; a Luxon DateTime in the academy's zone is written as its wall clock.
    // (Luxon rather than day.js: its zone conversion is several times cheaper, and a
    // feed converts every start and end of a whole programme.)
    const at = (instant: Date) => (zone ? DateTime.fromJSDate(instant, { zone }) : instant);
    const lecturers = session.lecturers
      .map(({ lecturer }) =>
        lecturer.title
          ? t("calendar.feed.lecturerWithTitle", { name: lecturer.name, title: lecturer.title })
          : lecturer.name,
      )
      .join(t("common.listSeparator"));
    const description = [
      cancelled ? t("calendar.feed.cancelledNote") : null,
      `${t(`tracks.${session.module.track.key}`)} · ${t(`sessionKinds.${session.kind}`)}`,
      lecturers ? t("calendar.feed.lecturers", { names: lecturers }) : null,
      session.notes ? t("calendar.feed.notes", { notes: session.notes }) : null,
      t("calendar.feed.details", { url: link }),
    ].filter((line): line is string => line !== null);

    calendar.createEvent({
      id: sessionUid(session.id, session.module.cohort.academy.slug),
      sequence: session.sequence,
      // Without a METHOD, DTSTAMP is when the event was last revised (RFC 5545 3.8.7.2):
      // the same feed reads the same on every fetch, so unchanged feeds answer 304.
      stamp: session.updatedAt,
      created: session.createdAt,
      lastModified: session.updatedAt,
      start: at(session.startsAt),
      end: at(session.endsAt),
      timezone: zone,
      summary: cancelled ? t("calendar.feed.cancelledSummary", { title: session.module.title }) : session.module.title,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      location: session.venue ? { title: session.venue.name, address: session.venue.address ?? undefined } : null,
      description: description.join("\n"),
      categories: [{ name: t(`tracks.${session.module.track.key}`) }],
      url: link,
    });
  }
  return { name: input.name, ics: calendar.toString() };
}

/** The whole programme of one cohort, for sharing with its class. */
export async function cohortCalendar(
  cohortId: string,
  language: Language,
  origin: string,
): Promise<CalendarFeed | null> {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { title: true } });
  if (!cohort) return null;
  const [sessions, academy] = await Promise.all([
    db.session.findMany({
      where: { module: { cohortId } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: feedSessionSelect,
    }),
    getAcademySettings(),
  ]);
  return buildFeed({
    academy,
    name: cohort.title,
    description: academyName(academy, language) || getFixedT(language)("app.name"),
    sessions,
    language,
    origin,
  });
}

/** Sessions of the cohorts the person holds a seat in, and sessions they teach. */
function personFeedSessions(personId: string): Prisma.SessionWhereInput {
  return {
    OR: [
      sessionsOfPerson(personId),
      { lecturers: { some: { lecturer: { personId } } } },
    ],
  };
}

/** The person's private feed: what they attend and what they teach, each session once. */
export async function personCalendar(
  personId: string,
  language: Language,
  origin: string,
): Promise<CalendarFeed | null> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { name: true } });
  if (!person) return null;
  const [sessions, academy] = await Promise.all([
    db.session.findMany({
      where: personFeedSessions(personId),
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: feedSessionSelect,
    }),
    getAcademySettings(),
  ]);
  const t = getFixedT(language);
  return buildFeed({
    academy,
    name: t("calendar.feed.personName", { name: person.name }),
    description: academyName(academy, language) || t("app.name"),
    sessions,
    language,
    origin,
  });
}

/** How many sessions the person's feed holds, and how many of them they teach. */
export async function personFeedSummary(personId: string): Promise<{ sessions: number; teaching: number }> {
  const [sessions, teaching] = await Promise.all([
    db.session.count({ where: personFeedSessions(personId) }),
    db.session.count({ where: { lecturers: { some: { lecturer: { personId } } } } }),
  ]);
  return { sessions, teaching };
}

/**
 * Whether `user` may add the session to a calendar: it is in their own feed (a
 * seat in its cohort, or they teach it), or they read its cohort's curriculum
 * (staff and instructors assigned to it, admins). Others are told it does not exist.
 */
export async function maySeeSessionCalendar(user: CurrentUser, sessionId: string): Promise<boolean> {
  const found = await db.session.count({
    where: {
      id: sessionId,
      OR: [{ module: { cohort: cohortScope(user, "read:curriculum") } }, personFeedSessions(user.id)],
    },
  });
  return found === 1;
}

/** One session as a calendar file, for "add to calendar". */
export async function sessionCalendar(
  sessionId: string,
  language: Language,
  origin: string,
): Promise<CalendarFeed | null> {
  const [session, academy] = await Promise.all([
    db.session.findUnique({ where: { id: sessionId }, select: feedSessionSelect }),
    getAcademySettings(),
  ]);
  if (!session) return null;
  return buildFeed({
    academy,
    name: session.module.title,
    description: academyName(academy, language) || getFixedT(language)("app.name"),
    sessions: [session],
    language,
    origin,
    single: true,
  });
}

/**
 * The HTTP answer for a feed. Feeds are fetched by calendar apps, often every
 * few minutes: an unchanged feed answers 304 to a repeated request.
 */
export function calendarResponse(
  request: Request,
  feed: CalendarFeed,
  options: { disposition: "inline" | "attachment"; fileName: string; cacheControl: string },
): Response {
  const etag = `"${createHash("sha256").update(feed.ics).digest("base64url").slice(0, 32)}"`;
  const fileName = options.fileName.replace(/[\\/:*?"<>|\r\n]+/g, "_");
  const headers = new Headers({
    "Content-Type": "text/calendar; charset=utf-8",
    // Old clients read only the plain filename: a Chinese title falls back to a neutral one there.
    "Content-Disposition": contentDisposition(options.disposition, fileName, "academy.ics"),
    "Cache-Control": options.cacheControl,
    ETag: etag,
    "X-Robots-Tag": "noindex, nofollow",
  });
  const seen = request.headers.get("If-None-Match");
  if (seen && seen.split(",").some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(feed.ics, { headers });
}

/** A feed address that is unknown or was reset: plain text, since no browser page asked for it. */
export function feedNotFound(language: Language): Response {
  return new Response(getFixedT(language)("calendar.feed.notFound"), {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex, nofollow",
    },
  });
}
