// Screenshots of every page at phone and desktop width, in both languages and
// in elder mode, for review and for the README. Needs a running server:
//   npm start   (then)   npm run screenshots -- [base URL] [output folder]
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const base = process.argv[2] || "http://localhost:3000";
const out = path.resolve(process.argv[3] || "test-results/screenshots");
const only = process.env.PAGES?.split(",");

/**
 * `follow`: a link on the page to open before the screenshot (pages whose address holds an id);
 * `then`: a path to add to the address that link led to (a tab of that page);
 * `andFollow`: a link on that tab to open next.
 */
type Shot = { name: string; path: string; login?: { login: string; password: string }; follow?: string; then?: string; andFollow?: string };
const admin = { login: "admin@demo.academy", password: "Academy-Admin-2025" };
const trainee = { login: "13800000001", password: "Academy-Trainee-2025" };
const instructor = { login: "teacher@demo.academy", password: "Academy-Teacher-2025" };

const shots: Shot[] = [
  { name: "login", path: "/login" },
  { name: "portal-home", path: "/", login: trainee },
  { name: "admin-cohorts", path: "/admin", login: admin },
  { name: "instructor-cohorts", path: "/admin", login: instructor },
  { name: "not-found", path: "/no-such-page" },
  { name: "activate", path: "/activate" },
  { name: "activate-link-invalid", path: "/activate/not-a-real-token" },
  { name: "portal-account", path: "/account", login: trainee },
  { name: "admin-people", path: "/admin/people", login: admin },
  { name: "admin-person-new", path: "/admin/people/new", login: admin },
  { name: "admin-person", path: "/admin/people?role=trainee", login: admin, follow: "[data-testid=person-row]" },
  { name: "admin-audit", path: "/admin/audit", login: admin },
  { name: "admin-account", path: "/admin/account", login: admin },
  { name: "admin-cohort", path: "/admin", login: admin, follow: "[data-testid=cohort-row] a" },
  { name: "admin-cohort-new", path: "/admin/cohorts/new", login: admin },
  { name: "apply", path: `/apply/${process.env.APPLY_CODE ?? "SRDI-2027-02"}` },
  { name: "portal-week", path: "/timetable", login: trainee },
  { name: "portal-programme", path: "/timetable?view=programme", login: trainee },
  { name: "admin-programme", path: "/admin", login: admin, follow: "[data-testid=cohort-row] a", then: "/programme" },
  { name: "admin-timetable", path: "/admin", login: admin, follow: "[data-testid=cohort-row] a", then: "/timetable" },
  { name: "admin-module-copy", path: "/admin", login: admin, follow: "[data-testid=cohort-row] a", then: "/modules/copy" },
  { name: "admin-module-new", path: "/admin", login: admin, follow: "[data-testid=cohort-row] a", then: "/modules/new" },
  { name: "admin-module", path: "/admin", login: admin, follow: "[data-testid=cohort-row] a", then: "/programme" },
  { name: "admin-settings", path: "/admin/settings", login: admin },
  { name: "portal-session", path: "/timetable?view=programme", login: trainee, follow: "[data-testid=programme-module] a" },
  { name: "portal-calendar", path: "/calendar", login: trainee },
  { name: "admin-session", path: "/admin", login: admin, follow: "[data-testid=cohort-row] a", then: "/timetable", andFollow: "[data-testid=week-session]" },
  { name: "admin-session-new", path: "/admin", login: admin, follow: "[data-testid=cohort-row] a", then: "/sessions/new" },
  { name: "admin-materials", path: "/admin", login: admin, follow: "[data-testid=cohort-row] a >> nth=1", then: "/programme", andFollow: "[data-testid=programme-module] a" },
  { name: "admin-cohort-calendar", path: "/admin", login: admin, follow: "[data-testid=cohort-row] a", then: "/calendar" },
  { name: "admin-lecturers", path: "/admin/lecturers", login: admin },
  { name: "admin-lecturer", path: "/admin/lecturers", login: admin, follow: "main table a, main li a" },
  { name: "admin-venues", path: "/admin/venues", login: admin },
  { name: "instructor-teaching", path: "/admin/teaching", login: instructor },
  { name: "instructor-calendar", path: "/admin/calendar", login: instructor },
  { name: "admin-reports", path: "/admin/reports", login: admin },
  { name: "admin-reports-organiser", path: "/admin/reports?breakdown=organiser", login: admin },
  { name: "admin-reports-list", path: "/admin/reports/list?figure=personTimes", login: admin },
  { name: "admin-reports-print", path: "/admin/reports/print", login: admin },
];

const variants = [
  { suffix: "phone-zh", width: 390, height: 844, language: "zh-CN", elder: false },
  { suffix: "phone-en", width: 390, height: 844, language: "en", elder: false },
  { suffix: "phone-zh-elder", width: 390, height: 844, language: "zh-CN", elder: true },
  { suffix: "desktop-zh", width: 1280, height: 800, language: "zh-CN", elder: false },
  { suffix: "desktop-en", width: 1280, height: 800, language: "en", elder: false },
];

// Remix stores an unsigned cookie's value as base64 of its JSON.
const remixCookieValue = (value: string) => encodeURIComponent(Buffer.from(JSON.stringify(value)).toString("base64"));

async function signIn(page: Page, login: { login: string; password: string }) {
  await page.goto(`${base}/login`);
  await page.locator('input[name="identifier"]').fill(login.login);
  await page.locator('input[name="password"]').fill(login.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.locator("form#login button[type=submit]").click()]);
}

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
for (const shot of shots.filter((s) => !only || only.includes(s.name))) {
  for (const variant of variants) {
    const context = await browser.newContext({ viewport: { width: variant.width, height: variant.height }, deviceScaleFactor: 1 });
    const host = new URL(base).hostname;
    await context.addCookies([
      { name: "lng", value: remixCookieValue(variant.language), domain: host, path: "/" },
      ...(variant.elder ? [{ name: "elder", value: remixCookieValue("1"), domain: host, path: "/" }] : []),
    ]);
    const page = await context.newPage();
    if (shot.login) await signIn(page, shot.login);
    await page.goto(`${base}${shot.path}`);
    if (shot.follow) {
      const before = new URL(page.url()).pathname;
      await Promise.all([page.waitForURL((url) => url.pathname !== before), page.locator(shot.follow).first().click()]);
      if (shot.then) await page.goto(`${page.url().replace(/\/$/, "")}${shot.then}`);
      if (shot.andFollow) {
        const tab = page.url();
        await Promise.all([page.waitForURL((url) => url.href !== tab), page.locator(shot.andFollow).first().click()]);
      }
    }
    await page.screenshot({ path: path.join(out, `${shot.name}-${variant.suffix}.png`), fullPage: true });
    await context.close();
  }
}
await browser.close();
console.log(`Screenshots written to ${out}`);
