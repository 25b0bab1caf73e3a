// Every route in the app's manifest, requested by every role and by a signed-out
// visitor. A route that is not in this table fails the suite, so no page or
// action can ship without someone deciding who may use it.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import { demo } from "./demo-logins.ts";

type Who = "anonymous" | "trainee" | "instructor" | "staff" | "admin" | "viewer";
/** A status, or where a redirect must lead ("login" is /login?redirectTo=…). */
type Outcome = 200 | 400 | 401 | 403 | 404 | "login" | `→${string}`;
type Rule = Record<Who, Outcome>;

// The viewer is the county federation's read-only account: it co-organises the first demo cohort only. Its admin
// area is the reports and that cohort's read-only roster (and its own account page); every other page refuses it.
const everyone = (outcome: Outcome): Rule => ({ anonymous: outcome, trainee: outcome, instructor: outcome, staff: outcome, admin: outcome, viewer: outcome });
const portal: Rule = { anonymous: "login", trainee: 200, instructor: "→/admin", staff: "→/admin", admin: "→/admin", viewer: "→/admin/reports" };
const staffArea: Rule = { anonymous: "login", trainee: 403, instructor: 200, staff: 200, admin: 200, viewer: 403 };
const peopleArea: Rule = { anonymous: "login", trainee: 403, instructor: 403, staff: 200, admin: 200, viewer: 403 };
const adminOnly: Rule = { anonymous: "login", trainee: 403, instructor: 403, staff: 403, admin: 200, viewer: 403 };
/** Pages of one cohort, asked for the first demo cohort, which the instructor teaches. */
const cohortReaders: Rule = { anonymous: "login", trainee: 403, instructor: 200, staff: 200, admin: 200, viewer: 403 };
const cohortManagers: Rule = { anonymous: "login", trainee: 403, instructor: 403, staff: 200, admin: 200, viewer: 403 };
/** Read-only rosters (names, companies, positions, attendance): the cohort's own people and the county's viewer. */
const rosterReaders: Rule = { anonymous: "login", trainee: 403, instructor: 200, staff: 200, admin: 200, viewer: 200 };
const signedOutOnly: Rule = { anonymous: 200, trainee: "→/", instructor: "→/admin", staff: "→/admin", admin: "→/admin", viewer: "→/admin/reports" };

/** GET (and POST where the route has an action) for each route id of the manifest. */
const matrix: Record<string, { get: Rule | "layout"; post?: Rule }> = {
  root: { get: "layout" },
  "routes/_portal": { get: "layout" },
  "routes/admin": { get: "layout" },
  "routes/_portal._index": { get: portal },
  "routes/_portal.account": { get: portal, post: portal },
  "routes/admin._index": { get: { ...staffArea, viewer: "→/admin/reports" } },
  // Everyone of the staff side, viewers included, has their own account page (password, signed-in devices).
  "routes/admin.account": { get: { ...staffArea, viewer: 200 }, post: { ...staffArea, viewer: 200 } },
  "routes/admin.people._index": { get: peopleArea },
  "routes/admin.people.new": { get: peopleArea, post: peopleArea },
  "routes/admin.people.$personId": { get: peopleArea, post: peopleArea },
  "routes/admin.audit": { get: adminOnly },
  "routes/admin.cohorts.new": { get: adminOnly, post: adminOnly },
  "routes/admin.cohorts.$cohortId": { get: "layout" },
  "routes/admin.cohorts.$cohortId._index": { get: cohortReaders, post: cohortManagers },
  "routes/admin.cohorts.$cohortId.edit": { get: cohortManagers, post: cohortManagers },
  "routes/admin.cohorts.$cohortId.roster": { get: cohortReaders, post: cohortManagers },
  "routes/admin.cohorts.$cohortId.roster[.xlsx]": { get: cohortReaders },
  "routes/admin.cohorts.$cohortId.import": { get: cohortManagers, post: cohortManagers },
  "routes/admin.cohorts.$cohortId.activation-codes": {
    get: { anonymous: "login", trainee: 403, instructor: "→/admin/cohorts/:cohortId/roster", staff: "→/admin/cohorts/:cohortId/roster", admin: "→/admin/cohorts/:cohortId/roster", viewer: 403 },
    post: cohortManagers,
  },
  "routes/admin.roster-template[.xlsx]": { get: cohortManagers },
  "routes/admin.cohorts.$cohortId.programme": { get: cohortReaders },
  "routes/admin.cohorts.$cohortId.timetable": { get: cohortReaders },
  "routes/admin.cohorts.$cohortId.timetable[.xlsx]": { get: cohortReaders },
  "routes/admin.cohorts.$cohortId.modules.new": { get: cohortManagers, post: cohortManagers },
  "routes/admin.cohorts.$cohortId.modules.copy": { get: cohortManagers, post: cohortManagers },
  "routes/admin.cohorts.$cohortId.modules.$moduleId._index": { get: cohortReaders, post: cohortManagers },
  "routes/admin.settings": { get: adminOnly, post: adminOnly },
  // Organisations' seals and signatures, printed on certificates: admins only. The demo's organisations have seals.
  "routes/admin.organisations._index": { get: adminOnly },
  "routes/admin.organisations.$organisationId": { get: adminOnly, post: adminOnly },
  "routes/admin.organisations.$organisationId.$kind[.png]": { get: adminOnly },
  // Reports: admins over the academy, staff over their cohorts (read:report), organisation viewers over their
  // organisation's cohorts; instructors and trainees not.
  "routes/admin.reports._index": { get: { ...peopleArea, viewer: 200 } },
  "routes/admin.reports.list": { get: { ...peopleArea, viewer: 200 } },
  "routes/admin.reports[.xlsx]": { get: { ...peopleArea, viewer: 200 } },
  "routes/admin_.reports.print": { get: { ...peopleArea, viewer: 200 } },
  // Co-organisers' read-only rosters (the first cohort, which the county co-organises) and the list of them.
  "routes/admin.reports_.cohorts._index": { get: rosterReaders },
  "routes/admin.reports_.cohorts.$cohortId.roster": { get: rosterReaders },
  // Reports API tokens are made by admins; the endpoint answers only to a token, whatever cookie comes along.
  "routes/admin.api-tokens": { get: adminOnly, post: adminOnly },
  "routes/api.reports": { get: everyone(401) },
  "routes/_portal.timetable": { get: portal },
  // Scheduling: instructors read a session; only those who plan the cohort schedule or change one.
  "routes/admin.cohorts.$cohortId.sessions.new": { get: cohortManagers, post: cohortManagers },
  "routes/admin.cohorts.$cohortId.sessions.$sessionId": { get: cohortReaders, post: cohortManagers },
  // The demo trainee holds a seat in the first cohort, whose first session this is.
  "routes/_portal.sessions.$sessionId": { get: portal },
  // Lecturers and venues are shared by all cohorts: the staff side reads them, staff and admins change them.
  "routes/admin.lecturers._index": { get: staffArea },
  "routes/admin.lecturers.new": {
    get: { anonymous: "login", trainee: 403, instructor: 403, staff: 200, admin: 200, viewer: 403 },
    post: { anonymous: "login", trainee: 403, instructor: 403, staff: 200, admin: 200, viewer: 403 },
  },
  "routes/admin.lecturers.$lecturerId": { get: staffArea, post: { anonymous: "login", trainee: 403, instructor: 403, staff: 200, admin: 200, viewer: 403 } },
  "routes/admin.venues._index": { get: staffArea, post: { anonymous: "login", trainee: 403, instructor: 403, staff: 200, admin: 200, viewer: 403 } },
  "routes/admin.venues.$venueId": { get: staffArea, post: { anonymous: "login", trainee: 403, instructor: 403, staff: 200, admin: 200, viewer: 403 } },
  "routes/admin.teaching": { get: staffArea },
  "routes/admin.cohorts.$cohortId.modules.$moduleId.materials": { get: cohortReaders, post: cohortManagers },
  // A file of the first cohort: its trainee, its instructor and staff, and admins download it.
  "routes/materials.$materialId": { get: { anonymous: "login", trainee: 200, instructor: 200, staff: 200, admin: 200, viewer: 404 } },
  // The first demo lecturer has no photo: signed-in visitors are told there is none.
  "routes/lecturers.$lecturerId.photo": { get: { anonymous: "login", trainee: 404, instructor: 404, staff: 404, admin: 404, viewer: 404 } },
  // Probed with the running cohort, which takes no applications: nothing is written.
  "routes/apply.$code": { get: everyone(200), post: everyone(200) },
  // The cohort's code is no certificate's verification code: a clear 404 for anyone.
  "routes/verify.$code": { get: everyone(404) },
  // The credential upload check: public; the probe sends no file, which is bad input (400), never a 500.
  "routes/verify._index": { get: everyone(200), post: everyone(400) },
  // The issuer profile, the demo academy's signing key and its first status list: public JSON-LD.
  "routes/credentials.issuer": { get: everyone(200) },
  "routes/credentials.keys.$keyId": { get: everyone(200) },
  "routes/credentials.status.$list": { get: everyone(200) },
  // A made-up certificate: signed-in visitors are told there is none (scope is tested against real ones in integration).
  "routes/certificates.$certificateId.credential[.json]": { get: { anonymous: "login", trainee: 404, instructor: 404, staff: 404, admin: 404, viewer: 404 } },
  "routes/login": { get: signedOutOnly, post: signedOutOnly },
  "routes/activate._index": { get: signedOutOnly, post: signedOutOnly },
  "routes/activate.$token": { get: everyone(200), post: everyone(200) },
  "routes/healthz": { get: everyone(200) },
  // Calendar feeds are fetched without cookies; the token is the key, and a made-up one is unknown to all.
  "routes/calendar.$token.academy[.ics]": { get: everyone(404) },
  "routes/calendar.cohort.$token.academy[.ics]": { get: everyone(404) },
  // The first session of the first cohort: its trainee, its instructor and staff, and admins.
  "routes/sessions.$sessionId.calendar[.ics]": { get: { anonymous: "login", trainee: 200, instructor: 200, staff: 200, admin: 200, viewer: 404 } },
  // Check-in: the trainee's page (signed out, to the sign-in page: the first session takes no guests); the
  // projector screen and its count for those who run the cohort's check-in; the staff panel's actions. The trainee's
  // page answers anyone signed in (a viewer, like an admin, is told they hold no seat; a probe records nothing).
  "routes/check-in.$sessionId": { get: { anonymous: "login", trainee: 200, instructor: 200, staff: 200, admin: 200, viewer: 200 }, post: { anonymous: "login", trainee: 200, instructor: 200, staff: 200, admin: 200, viewer: 200 } },
  "routes/admin_.sessions.$sessionId.check-in": { get: cohortReaders },
  "routes/admin_.sessions.$sessionId.check-in[.json]": { get: cohortReaders },
  "routes/admin.cohorts.$cohortId.sessions.$sessionId_.check-in": {
    get: everyone("→/admin/cohorts/:cohortId/sessions/:sessionId"),
    post: { anonymous: "login", trainee: 403, instructor: "→/admin/cohorts/:cohortId/sessions/:sessionId", staff: "→/admin/cohorts/:cohortId/sessions/:sessionId", admin: "→/admin/cohorts/:cohortId/sessions/:sessionId", viewer: 403 },
  },
  "routes/_portal.calendar": { get: portal, post: portal },
  // Attendance: roll call, the sign-in sheet and its entry for staff of the cohort and the session's own
  // lecturer (the demo instructor does not teach the first session); the grid for the cohort's readers;
  // leave decided by staff; 我的出勤 and the leave form for trainees.
  "routes/admin.cohorts.$cohortId.sessions.$sessionId_.roll-call": { get: cohortManagers, post: cohortManagers },
  "routes/admin.cohorts.$cohortId.sessions.$sessionId_.paper-entry": { get: cohortManagers, post: cohortManagers },
  "routes/admin_.cohorts.$cohortId.sessions.$sessionId.sign-in-sheet": { get: cohortManagers },
  "routes/admin.cohorts.$cohortId.attendance": { get: cohortReaders },
  "routes/admin.cohorts.$cohortId.certificates": { get: cohortManagers, post: cohortManagers },
  // The files' progress the page polls, and the archive of the cohort's current certificates.
  "routes/admin.cohorts.$cohortId.certificates[.json]": { get: cohortManagers },
  "routes/admin.cohorts.$cohortId.certificates[.zip]": { get: cohortManagers },
  // A certificate's PDF or image: a made-up certificate is unknown to every signed-in visitor.
  "routes/certificates.$certificateId.$kind": { get: { anonymous: "login", trainee: 404, instructor: 404, staff: 404, admin: 404, viewer: 404 } },
  "routes/admin.cohorts.$cohortId.attendance[.xlsx]": { get: cohortReaders },
  "routes/admin.leave": { get: cohortManagers, post: cohortManagers },
  "routes/_portal.attendance": { get: portal, post: portal },
  "routes/_portal.leave.$sessionId": { get: portal, post: portal },
  "routes/admin.calendar": { get: staffArea, post: staffArea },
  "routes/admin.cohorts.$cohortId.calendar": { get: cohortReaders, post: cohortManagers },
  "routes/preferences": { get: everyone("→/"), post: everyone("→/") },
  // Runs last for each visitor: it ends their session.
  "routes/logout": { get: everyone("→/"), post: everyone("→/login") },
};

type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; module: { action?: unknown } };

async function manifest(): Promise<ManifestRoute[]> {
  const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
  return Object.values(build.routes as Record<string, ManifestRoute>);
}

const fill = (path: string, params: Record<string, string>) => path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? `missing-${name}`);

function urlOf(route: ManifestRoute, all: ManifestRoute[], params: Record<string, string>): string {
  const parts: string[] = [];
  for (let r: ManifestRoute | undefined = route; r; r = all.find((p) => p.id === r!.parentId)) {
    if (r.path) parts.unshift(r.path);
  }
  return fill(`/${parts.join("/")}`, params);
}

function check(outcome: Outcome, status: number, location: string | undefined, label: string, params: Record<string, string>) {
  if (outcome === "login") {
    expect(status, label).toBe(302);
    expect(location, label).toMatch(/^\/login(\?redirectTo=|$)/);
  } else if (typeof outcome === "string") {
    expect(status, label).toBe(302);
    expect(location, label).toBe(fill(outcome.slice(1), params));
  } else {
    expect(status, label).toBe(outcome);
  }
}

async function signedIn(baseURL: string, who: Who): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  if (who === "anonymous") return context;
  const login = who === "staff" ? { login: "staff@demo.academy", password: "Academy-Staff-2025" } : demo[who];
  const response = await context.post("/login", { form: { identifier: login.login, password: login.password }, maxRedirects: 0 });
  expect(response.status(), `${who} signs in`).toBe(302);
  return context;
}

test("every route answers each role as the permission matrix says", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const routes = await manifest();
  const unlisted = routes.map((r) => r.id).filter((id) => !(id in matrix));
  expect(unlisted, "routes missing from the authorization matrix").toEqual([]);

  // A trainee of the first cohort, whom the demo staff member may see and the instructor may not.
  const database = new Database(path.resolve("data/e2e.db"), { readonly: true });
  const trainee = database.prepare("SELECT id FROM Person WHERE mobile = ?").get("13800000002") as { id: string };
  const cohort = database.prepare("SELECT id, code FROM Cohort WHERE title = ?").get("人工智能赋能产业升级专题班（第一期）") as { id: string; code: string };
  // Curriculum records of that cohort: its first module and session, a file of that module, and a lecturer and venue.
  const first = (sql: string, ...args: string[]) => ((database.prepare(sql).get(...args) as { id: string } | undefined)?.id ?? "none");
  const moduleId = first("SELECT id FROM Module WHERE cohortId = ? ORDER BY position, id", cohort.id);
  const sessionId = first("SELECT id FROM Session WHERE moduleId IN (SELECT id FROM Module WHERE cohortId = ?) ORDER BY startsAt", cohort.id);
  const materialId = first("SELECT id FROM Material WHERE kind = 'file' AND moduleId IN (SELECT id FROM Module WHERE cohortId = ?) ORDER BY id", cohort.id);
  const lecturerId = first("SELECT id FROM Lecturer ORDER BY name");
  const venueId = first("SELECT id FROM Venue ORDER BY name");
  const organisationId = first("SELECT id FROM Organisation ORDER BY name");
  const keyId = (database.prepare("SELECT keyId FROM SigningKey WHERE retiredAt IS NULL ORDER BY createdAt DESC").get() as { keyId: string } | undefined)?.keyId ?? "none";
  // Every person's contact details but the viewer's own: none may appear on any page the viewer opens.
  const contacts = [
    ...(database.prepare("SELECT mobile AS value FROM Person WHERE mobile IS NOT NULL UNION SELECT email FROM Person WHERE email IS NOT NULL AND email <> ?").all(demo.viewer.login) as { value: string }[]),
    ...(database.prepare("SELECT creditCode AS value FROM TraineeProfile WHERE creditCode IS NOT NULL").all() as { value: string }[]),
    ...(database.prepare("SELECT DISTINCT mobile AS value FROM GuestAttendance WHERE mobile IS NOT NULL").all() as { value: string }[]),
  ].map((row) => row.value);
  expect(contacts.length).toBeGreaterThan(87);
  database.close();
  const params = { personId: trainee.id, token: "not-a-real-token", cohortId: cohort.id, code: cohort.code, moduleId, sessionId, materialId, lecturerId, venueId, organisationId, kind: "seal", keyId, list: "1", certificateId: "not-a-certificate" };

  const ordered = routes.filter((r) => r.id !== "routes/logout").concat(routes.filter((r) => r.id === "routes/logout"));
  for (const who of ["anonymous", "trainee", "instructor", "staff", "admin", "viewer"] as const) {
    const context = await signedIn(baseURL!, who);
    for (const route of ordered) {
      const rule = matrix[route.id]!;
      if (rule.get === "layout") continue;
      const url = urlOf(route, routes, params);
      const get = await context.get(url, { maxRedirects: 0 });
      check(rule.get[who], get.status(), get.headers()["location"], `GET ${url} as ${who}`, params);
      if (get.headers()["content-type"]?.startsWith("text/html")) {
        expect(get.headers()["content-security-policy"], `CSP on ${url}`).toMatch(/script-src 'self' 'nonce-/);
      }
      if (who === "viewer" && get.status() === 200) {
        const page = await get.text();
        expect(contacts.filter((contact) => page.includes(contact)), `contact details on ${url} as the viewer`).toEqual([]);
      }
      if (route.module.action) {
        expect(rule.post, `${route.id} has an action but no POST rule`).toBeDefined();
        // A probe that no form sends: authorised actions answer with a validation error and change nothing.
        // A form on an index route posts to "?index", as Remix's <Form> does.
        const post = await context.post(route.index ? `${url}?index` : url, { form: { intent: "matrix-probe" }, maxRedirects: 0 });
        check(rule.post![who], post.status(), post.headers()["location"], `POST ${url} as ${who}`, params);
      }
    }
    await context.dispose();
  }
});

test("the county's viewer opens the roster of the cohort the county co-organises, not the city's own cohort, and reads no contact details", async ({ baseURL }) => {
  const database = new Database(path.resolve("data/e2e.db"), { readonly: true });
  const cohorts = database.prepare("SELECT id, title FROM Cohort ORDER BY startDate").all() as { id: string; title: string }[];
  const trainee = database.prepare("SELECT p.name, p.mobile, t.company, t.creditCode FROM Person p JOIN TraineeProfile t ON t.personId = p.id WHERE p.mobile = ?").get("13800000002") as {
    name: string;
    mobile: string;
    company: string;
    creditCode: string;
  };
  database.close();
  const [shared, cityOnly] = cohorts as [{ id: string; title: string }, { id: string; title: string }];
  const viewer = await signedIn(baseURL!, "viewer");
  const roster = await viewer.get(`/admin/reports/cohorts/${shared.id}/roster`, { maxRedirects: 0 });
  expect(roster.status()).toBe(200);
  const page = await roster.text();
  expect(page).toContain(trainee.name);
  expect(page).toContain(trainee.company);
  expect(page).not.toContain(trainee.mobile);
  expect(page).not.toContain(trainee.creditCode);
  const list = await (await viewer.get("/admin/reports/cohorts")).text();
  expect(list).toContain(shared.title);
  expect(list).not.toContain(cityOnly.title);
  // The city's own cohort, and the same cohort's staff pages: refused.
  expect((await viewer.get(`/admin/reports/cohorts/${cityOnly.id}/roster`, { maxRedirects: 0 })).status()).toBe(404);
  for (const staffPage of [`/admin/cohorts/${shared.id}/roster`, `/admin/cohorts/${shared.id}/attendance`, `/admin/people`, "/admin/organisations", "/admin/api-tokens"]) {
    expect((await viewer.get(staffPage, { maxRedirects: 0 })).status(), staffPage).toBe(403);
  }
  await viewer.dispose();
});
