// Calendar feeds as calendar apps read them: every feed is parsed back with
// ical.js, an independent iCalendar parser, and checked for what a phone shows.
import ICAL from "ical.js";
import { beforeAll, describe, expect, test } from "vitest";
import { createAuthSession } from "~/modules/accounts/auth-session.server.ts";
import type { RoleKey } from "~/modules/accounts/roles.ts";
import { cohortCalendar, personCalendar, sessionCalendar } from "~/modules/calendar/calendar.server.ts";
import {
  cohortCalendarToken,
  personCalendarToken,
  resetCohortCalendarToken,
  resetPersonCalendarToken,
} from "~/modules/calendar/calendar-tokens.server.ts";
import { action as portalCalendarAction } from "~/routes/_portal.calendar.tsx";
import { action as cohortPageAction, loader as cohortPageLoader } from "~/routes/admin.cohorts.$cohortId.calendar.tsx";
import { loader as personFeedLoader } from "~/routes/calendar.$token.academy[.ics].tsx";
import { loader as cohortFeedLoader } from "~/routes/calendar.cohort.$token.academy[.ics].tsx";
import { loader as sessionFileLoader } from "~/routes/sessions.$sessionId.calendar[.ics].tsx";
import { db } from "~/utils/db.server.ts";
import { zonedInstant } from "~/utils/time.ts";
import { assign, createCohort, enroll } from "../factories/cohort.ts";
import { createLecturer, createModule, createSession, createVenue } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";

const origin = "http://localhost";
const tz = "Asia/Shanghai";
const local = (date: string, time: string) => zonedInstant(date, time, tz);

// RFC 7986 NAME and the common X-WR-CALNAME are text values; ical.js leaves
// properties it does not know unescaped unless told their type.
beforeAll(() => {
  const properties = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
  properties["name"] = { defaultType: "text" };
  properties["x-wr-calname"] = { defaultType: "text" };
});

type ParsedEvent = {
  uid: string;
  sequence: number;
  summary: string;
  location: string | null;
  description: string;
  status: string;
  url: string | null;
  zone: string | undefined;
  wallClock: string;
  start: string;
  end: string;
};

/** Parses a feed as a calendar app would, with the zones the feed itself describes. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const events: ParsedEvent[] = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const start = event.startDate;
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      location: event.location || null,
      description: event.description,
      status: String(component.getFirstPropertyValue("status")),
      url: (component.getFirstPropertyValue("url") as string | null) ?? null,
      zone: start.zone?.tzid,
      wallClock: `${start.year}-${String(start.month).padStart(2, "0")}-${String(start.day).padStart(2, "0")} ${String(start.hour).padStart(2, "0")}:${String(start.minute).padStart(2, "0")}`,
      start: start.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
    };
  });
  return {
    name: calendar.getFirstPropertyValue("x-wr-calname") as string,
    property: (name: string) => calendar.getFirstPropertyValue(name),
    timezones: calendar.getAllSubcomponents("vtimezone").map((zone) => zone.getFirstPropertyValue("tzid")),
    events,
  };
}

async function signedIn(roles: RoleKey[] = ["trainee"]) {
  const person = await createPerson({ roles });
  const setCookie = await createAuthSession(new Request(`${origin}/`), person.id, {});
  const request = (path: string) => new Request(`${origin}${path}`, { headers: { Cookie: setCookie.split(";")[0]! } });
  return { person, request };
}

/** A cohort with a lecture at 09:00 in a venue with a tricky address, and a second session. */
async function aCohortWithSessions(title = "人工智能赋能产业升级专题班") {
  const cohort = await createCohort({ title });
  const lecturer = await createLecturer({ name: "陈立新" });
  const venue = await createVenue({
    name: `学术报告厅-${cohort.code}`,
    address: "云溪市高新区科技大道 1 号, 创新大厦; 3 楼",
  });
  const module = await createModule(cohort.id, {
    title: "数字化转型政策解读",
    track: "policy",
    lecturerIds: [lecturer.id],
  });
  const first = await createSession(module.id, {
    startsAt: local("2025-03-10", "09:00"),
    endsAt: local("2025-03-10", "12:00"),
    venueId: venue.id,
    lecturerIds: [lecturer.id],
  });
  const second = await createSession(module.id, {
    startsAt: local("2025-03-17", "14:00"),
    endsAt: local("2025-03-17", "17:00"),
  });
  return { cohort, module, lecturer, venue, first, second };
}

const feedRequest = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${origin}${path}`, { headers });

async function personFeed(token: string, query = "", headers: Record<string, string> = {}) {
  return personFeedLoader({
    request: feedRequest(`/calendar/${token}/academy.ics${query}`, headers),
    params: { token },
    context: {},
  });
}

async function cohortFeed(token: string, query = "") {
  return cohortFeedLoader({
    request: feedRequest(`/calendar/cohort/${token}/academy.ics${query}`),
    params: { token },
    context: {},
  });
}

/** What a loader answered, whether it returned or threw its response. */
async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("a cohort's feed", () => {
  test("holds every session with its zone, wall-clock time, place and lecturers", async () => {
    const { cohort, first, second } = await aCohortWithSessions();
    const feed = await cohortCalendar(cohort.id, "zh-CN", origin);
    const parsed = parse(feed!.ics);

    expect(parsed.name).toBe("人工智能赋能产业升级专题班");
    expect(parsed.property("x-wr-timezone")).toBe(tz);
    expect(parsed.timezones).toEqual([tz]);
    expect(feed!.ics).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    expect(parsed.events.map((e) => e.uid)).toEqual([`session-${first.id}@test`, `session-${second.id}@test`]);

    const [event] = parsed.events;
    expect(event).toMatchObject({
      sequence: 0,
      summary: "数字化转型政策解读",
      status: "CONFIRMED",
      zone: tz,
      wallClock: "2025-03-10 09:00",
      start: "2025-03-10T01:00:00.000Z",
      end: "2025-03-10T04:00:00.000Z",
      url: `${origin}/sessions/${first.id}`,
    });
    expect(event!.location).toContain("云溪市高新区科技大道 1 号, 创新大厦; 3 楼");
    expect(event!.description).toContain("政策解读 · 讲座");
    expect(event!.description).toContain("主讲：陈立新");
    expect(event!.description).toContain(`${origin}/sessions/${first.id}`);
    expect(feed!.ics).toMatch(/^DTSTART;TZID=Asia\/Shanghai:20250310T090000\r$/m);
  });

  test("a moved session keeps its UID with a higher SEQUENCE and the new time", async () => {
    const { cohort, first } = await aCohortWithSessions();
    const before = parse((await cohortCalendar(cohort.id, "zh-CN", origin))!.ics).events[0]!;

    // As the scheduling code moves a session: new times and the sequence bumped.
    await db.session.update({
      where: { id: first.id },
      data: {
        startsAt: local("2025-03-11", "14:00"),
        endsAt: local("2025-03-11", "17:00"),
        sequence: { increment: 1 },
      },
    });
    const after = parse((await cohortCalendar(cohort.id, "zh-CN", origin))!.ics).events.find(
      (e) => e.uid === before.uid,
    )!;

    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after).toMatchObject({ wallClock: "2025-03-11 14:00", start: "2025-03-11T06:00:00.000Z", zone: tz });
  });

  test("a cancelled session stays in the feed, marked cancelled", async () => {
    const { cohort, first } = await aCohortWithSessions();
    await db.session.update({ where: { id: first.id }, data: { status: "cancelled", sequence: { increment: 1 } } });

    const zh = parse((await cohortCalendar(cohort.id, "zh-CN", origin))!.ics).events[0]!;
    expect(zh).toMatchObject({ status: "CANCELLED", summary: "[已取消] 数字化转型政策解读", sequence: 1 });
    expect(zh.description).toContain("本次课程已取消");
    const en = parse((await cohortCalendar(cohort.id, "en", origin))!.ics).events[0]!;
    expect(en.summary).toBe("(Cancelled) 数字化转型政策解读");
    expect(en.description).toContain("Policy interpretation · Lecture");
  });

  test("Chinese text, commas, semicolons and line breaks survive folding and escaping", async () => {
    const title = "企业家学院（第一期）, 专题班; 人工智能赋能产业升级与数字化转型实践研修";
    const { cohort, module, first } = await aCohortWithSessions(title);
    const longTitle = "长三角民营企业数字化转型经验分享：从“制造”到“智造”的路径选择, 组织变革; 与人才培养";
    const notes = "请携带身份证, 名片;\n8:30 在东门集合（逗号，分号；反斜杠\\）";
    await db.module.update({ where: { id: module.id }, data: { title: longTitle } });
    await db.session.update({ where: { id: first.id }, data: { notes } });

    const feed = (await cohortCalendar(cohort.id, "zh-CN", origin))!;
    expect(feed.ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const parsed = parse(feed.ics);
    expect(parsed.name).toBe(title);
    expect(parsed.property("name")).toBe(title);
    expect(parsed.events[0]!.summary).toBe(longTitle);
    expect(parsed.events[0]!.location).toBe(`学术报告厅-${cohort.code}\n云溪市高新区科技大道 1 号, 创新大厦; 3 楼`);
    expect(parsed.events[0]!.description).toContain(`注意事项：${notes}`);
  });

  test("times follow the academy's zone, daylight saving included", async () => {
    const academy = await db.academy.findFirstOrThrow({ orderBy: { createdAt: "asc" }, select: { id: true } });
    await db.academy.update({ where: { id: academy.id }, data: { timeZone: "Europe/Berlin" } });
    try {
      const cohort = await createCohort();
      const module = await createModule(cohort.id);
      // 09:00 in Berlin: before the clocks change on 30 March (UTC+1) and after (UTC+2).
      await createSession(module.id, { startsAt: zonedInstant("2025-03-28", "09:00", "Europe/Berlin") });
      await createSession(module.id, { startsAt: zonedInstant("2025-03-31", "09:00", "Europe/Berlin") });
      const parsed = parse((await cohortCalendar(cohort.id, "en", origin))!.ics);
      expect(parsed.timezones).toEqual(["Europe/Berlin"]);
      expect(parsed.events.map((e) => [e.zone, e.wallClock, e.start])).toEqual([
        ["Europe/Berlin", "2025-03-28 09:00", "2025-03-28T08:00:00.000Z"],
        ["Europe/Berlin", "2025-03-31 09:00", "2025-03-31T07:00:00.000Z"],
      ]);
    } finally {
      await db.academy.update({ where: { id: academy.id }, data: { timeZone: tz } });
    }
  });
});

describe("a person's feed", () => {
  test("holds exactly the sessions of the cohorts they hold a seat in", async () => {
    const mine = await aCohortWithSessions();
    const completed = await aCohortWithSessions();
    const withdrawn = await aCohortWithSessions();
    const other = await aCohortWithSessions();
    const trainee = await createPerson({ name: "王卫国" });
    await enroll(mine.cohort.id, trainee.id);
    await enroll(completed.cohort.id, trainee.id, "completed");
    await enroll(withdrawn.cohort.id, trainee.id, "withdrawn");
    await enroll(other.cohort.id, (await createPerson()).id);

    const parsed = parse((await personCalendar(trainee.id, "zh-CN", origin))!.ics);
    expect(parsed.name).toBe("王卫国的课表");
    expect(new Set(parsed.events.map((e) => e.uid))).toEqual(
      new Set([mine.first, mine.second, completed.first, completed.second].map((s) => `session-${s.id}@test`)),
    );
  });

  test("a lecturer's feed adds the sessions they teach, each once", async () => {
    const attended = await aCohortWithSessions();
    const taught = await aCohortWithSessions();
    const person = await createPerson({ roles: ["instructor"] });
    await enroll(attended.cohort.id, person.id);
    const lecturer = await createLecturer({ personId: person.id });
    // One taught session in another cohort, and one in the cohort they also attend.
    await db.sessionLecturer.create({ data: { sessionId: taught.first.id, lecturerId: lecturer.id } });
    await db.sessionLecturer.create({ data: { sessionId: attended.first.id, lecturerId: lecturer.id } });

    const uids = parse((await personCalendar(person.id, "zh-CN", origin))!.ics).events.map((e) => e.uid);
    expect(uids).toHaveLength(3);
    expect(new Set(uids)).toEqual(
      new Set([attended.first, attended.second, taught.first].map((s) => `session-${s.id}@test`)),
    );
  });
});

describe("feed addresses", () => {
  test("answer calendar apps without cookies, as private calendar text", async () => {
    const { cohort } = await aCohortWithSessions();
    const trainee = await createPerson();
    await enroll(cohort.id, trainee.id);
    const token = await personCalendarToken(trainee.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await personCalendarToken(trainee.id)).toBe(token);

    const response = await personFeed(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=300");
    expect(response.headers.get("Content-Disposition")).toMatch(/^inline; filename="academy.ics"/);
    expect(response.headers.get("X-Robots-Tag")).toContain("noindex");
    expect(parse(await response.text()).events).toHaveLength(2);

    // A calendar app asking again for an unchanged feed gets "not modified".
    const again = await personFeed(token, "", { "If-None-Match": response.headers.get("ETag")! });
    expect(again.status).toBe(304);
  });

  test("the first use of a person's feed makes one token, however many ask at once", async () => {
    const person = await createPerson();
    const tokens = await Promise.all([
      personCalendarToken(person.id),
      personCalendarToken(person.id),
      personCalendarToken(person.id),
    ]);
    expect(new Set(tokens).size).toBe(1);
  });

  test("speak the person's language, or the one asked for", async () => {
    const { cohort, first } = await aCohortWithSessions();
    await db.session.update({ where: { id: first.id }, data: { status: "cancelled" } });
    const trainee = await createPerson();
    await enroll(cohort.id, trainee.id);
    const token = await personCalendarToken(trainee.id);

    expect(parse(await (await personFeed(token)).text()).events[0]!.summary).toMatch(/^\[已取消\]/);
    expect(parse(await (await personFeed(token, "?lng=en")).text()).events[0]!.summary).toMatch(/^\(Cancelled\)/);
    await db.person.update({ where: { id: trainee.id }, data: { locale: "en" } });
    expect(parse(await (await personFeed(token)).text()).events[0]!.summary).toMatch(/^\(Cancelled\)/);
  });

  test("a reset person's link stops at once and the new one works", async () => {
    const trainee = await createPerson();
    const old = await personCalendarToken(trainee.id);
    const fresh = await resetPersonCalendarToken(trainee.id);

    expect(fresh).not.toBe(old);
    const gone = await personFeed(old);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect((await personFeed(fresh)).status).toBe(200);
  });

  test("a deactivated person's feed and made-up tokens answer 404", async () => {
    const trainee = await createPerson();
    const token = await personCalendarToken(trainee.id);
    await db.person.update({ where: { id: trainee.id }, data: { status: "deactivated" } });

    expect((await personFeed(token)).status).toBe(404);
    expect((await personFeed("not-a-real-token")).status).toBe(404);
    expect((await personFeed("A".repeat(43))).status).toBe(404);
    expect((await cohortFeed("not-a-real-token")).status).toBe(404);
  });

  test("a cohort's link works without sign-in until it is reset", async () => {
    const { cohort } = await aCohortWithSessions("A班");
    const old = await cohortCalendarToken(cohort.id);
    expect(await cohortCalendarToken(cohort.id)).toBe(old);

    const response = await cohortFeed(old, "?lng=en");
    expect(response.status).toBe(200);
    expect(parse(await response.text()).events[0]!.description).toContain("Lecturers: 陈立新");

    const fresh = await resetCohortCalendarToken(cohort.id);
    expect((await cohortFeed(old)).status).toBe(404);
    expect((await cohortFeed(fresh)).status).toBe(200);
  });

  test("the portal's reset button replaces the link; an unknown intent changes nothing", async () => {
    const { person, request } = await signedIn(["trainee"]);
    const old = await personCalendarToken(person.id);
    const post = (intent: string) =>
      portalCalendarAction({
        request: new Request(request("/calendar"), { method: "POST", body: new URLSearchParams({ intent }) }),
        params: {},
        context: {},
      });

    const probe = await post("matrix-probe");
    expect(probe).toMatchObject({ reset: false, result: { status: "error" } });
    expect(await personCalendarToken(person.id)).toBe(old);

    expect(await db.auditEvent.count({ where: { action: "calendar.person_link_reset" } })).toBe(0);
    expect(await post("reset-link")).toMatchObject({ reset: true });
    expect(await personCalendarToken(person.id)).not.toBe(old);
    expect((await personFeed(old)).status).toBe(404);
    expect(await db.auditEvent.findMany({ where: { action: "calendar.person_link_reset" }, select: { actorId: true, targetId: true } })).toEqual([{ actorId: person.id, targetId: person.id }]);
  });

  test("a cohort's page shows the link to its readers; only its managers replace it", async () => {
    const { cohort } = await aCohortWithSessions("B班");
    const instructor = await signedIn(["instructor"]);
    await assign(cohort.id, instructor.person.id, "instructor");
    const staff = await signedIn(["staff"]);
    await assign(cohort.id, staff.person.id, "staff");
    const path = `/admin/cohorts/${cohort.id}/calendar`;
    const load = (who: typeof staff) => cohortPageLoader({ request: who.request(path), params: { cohortId: cohort.id }, context: {} });
    const post = (who: typeof staff, intent: string) =>
      answer(async () =>
        Response.json(
          await cohortPageAction({
            request: new Request(who.request(path), { method: "POST", body: new URLSearchParams({ intent }) }),
            params: { cohortId: cohort.id },
            context: {},
          }),
        ),
      );

    const old = await cohortCalendarToken(cohort.id);
    const page = await load(instructor);
    expect(page).toMatchObject({ sessions: 2, canReset: false, feed: { https: `${origin}/calendar/cohort/${old}/academy.ics` } });
    expect(page.message).toContain(page.feed.https);
    expect((await post(instructor, "reset-link")).status).toBe(403);
    expect(await (await post(staff, "matrix-probe")).json()).toMatchObject({ reset: false, result: { status: "error" } });
    expect(await cohortCalendarToken(cohort.id)).toBe(old);

    expect((await load(staff)).canReset).toBe(true);
    expect(await (await post(staff, "reset-link")).json()).toMatchObject({ reset: true });
    expect(await cohortCalendarToken(cohort.id)).not.toBe(old);
    expect(await db.auditEvent.findMany({ where: { action: "calendar.cohort_link_reset", targetId: cohort.id }, select: { actorId: true } })).toEqual([{ actorId: staff.person.id }]);
  });
});

describe("one session as a file", () => {
  const fetchFile = (request: (path: string) => Request, sessionId: string) =>
    answer(() =>
      sessionFileLoader({
        request: request(`/sessions/${sessionId}/calendar.ics`),
        params: { sessionId },
        context: {},
      }),
    );

  test("is offered to the session's people as a download", async () => {
    const { cohort, first } = await aCohortWithSessions();
    const trainee = await signedIn(["trainee"]);
    await enroll(cohort.id, trainee.person.id);

    const response = await fetchFile(trainee.request, first.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="academy.ics"; filename*=UTF-8''${encodeURIComponent("数字化转型政策解读.ics")}`,
    );
    const parsed = parse(await response.text());
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]).toMatchObject({
      uid: `session-${first.id}@test`,
      wallClock: "2025-03-10 09:00",
      zone: tz,
    });
  });

  test("reaches assigned staff, the lecturer and admins", async () => {
    const { cohort, first } = await aCohortWithSessions();
    const instructor = await signedIn(["instructor"]);
    await assign(cohort.id, instructor.person.id, "instructor");
    const guest = await signedIn(["instructor"]);
    const lecturer = await createLecturer({ personId: guest.person.id });
    await db.sessionLecturer.create({ data: { sessionId: first.id, lecturerId: lecturer.id } });
    const admin = await signedIn(["admin"]);

    for (const who of [instructor, guest, admin]) expect((await fetchFile(who.request, first.id)).status).toBe(200);
  });

  test("is not found for anyone outside the cohort, and asks the signed-out to sign in", async () => {
    const { cohort, first } = await aCohortWithSessions();
    const outsider = await signedIn(["trainee"]);
    const withdrawn = await signedIn(["trainee"]);
    await enroll(cohort.id, withdrawn.person.id, "withdrawn");
    const otherStaff = await signedIn(["staff"]);
    await assign((await createCohort()).id, otherStaff.person.id, "staff");

    for (const who of [outsider, withdrawn, otherStaff])
      expect((await fetchFile(who.request, first.id)).status).toBe(404);
    expect((await fetchFile(outsider.request, "no-such-session")).status).toBe(404);
    const anonymous = await fetchFile((path) => new Request(`${origin}${path}`), first.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  test("renders the session alone, in the feed's words", async () => {
    const { first } = await aCohortWithSessions();
    const feed = await sessionCalendar(first.id, "en", origin);
    expect(feed!.name).toBe("数字化转型政策解读");
    const parsed = parse(feed!.ics);
    expect(parsed.events.map((e) => e.description.split("\n")[0])).toEqual(["Policy interpretation · Lecture"]);
    // Added to the calendar the person chooses, not opened as a calendar of its own.
    expect(parsed.name).toBeNull();
    expect(parsed.property("refresh-interval")).toBeNull();
    expect(parsed.timezones).toEqual([tz]);
    expect(await sessionCalendar("no-such-session", "en", origin)).toBeNull();
  });
});
