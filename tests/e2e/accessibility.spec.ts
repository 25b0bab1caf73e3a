// Automated accessibility checks (axe-core, WCAG 2.1 A and AA) on the pages
// people use most, in standard and elder mode, at phone width.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { signIn } from "./helpers.ts";

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  expect(serious, label).toEqual([]);
}

for (const elder of [false, true]) {
  test(`trainee pages pass automated accessibility checks${elder ? " in elder mode" : ""}`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/login");
    if (elder) await page.getByRole("button", { name: "长者模式" }).click();
    await expectNoViolations(page, "login");
    await page.goto("/activate");
    await expectNoViolations(page, "activate");
    await signIn(page, demo.trainee.login, demo.trainee.password);
    await expectNoViolations(page, "portal home");
    await page.goto("/account");
    await expectNoViolations(page, "account");
    await page.goto("/timetable");
    await expectNoViolations(page, "this week");
    await page.goto("/timetable?view=programme");
    await expectNoViolations(page, "whole programme");
    await page.getByTestId("programme-module").getByRole("link").first().click();
    await page.waitForURL(/\/sessions\//);
    await expectNoViolations(page, "session");
    await page.goto("/calendar");
    await expectNoViolations(page, "calendar");
  });
}

test("staff pages pass automated accessibility checks", async ({ page }) => {
  await signIn(page, demo.admin.login, demo.admin.password);
  await expectNoViolations(page, "cohorts");
  await page.getByRole("link", { name: "人工智能赋能产业升级专题班（第一期）" }).click();
  await expectNoViolations(page, "cohort overview");
  await page.getByRole("link", { name: "学员名单" }).click();
  await expectNoViolations(page, "roster");
  await page.getByRole("link", { name: "导入名单" }).click();
  await expectNoViolations(page, "import");
  await page.getByRole("link", { name: "课程安排" }).click();
  await page.waitForURL(/\/programme$/);
  await expectNoViolations(page, "programme");
  await page.getByTestId("programme-module").getByRole("link").first().click();
  await page.waitForURL(/\/modules\/[^/]+$/);
  await expectNoViolations(page, "module");
  await page.getByRole("link", { name: "管理课程资料" }).click();
  await page.waitForURL(/\/materials$/);
  await expectNoViolations(page, "materials");
  await page.goBack();
  await page.getByRole("link", { name: "周课表" }).click();
  await page.waitForURL(/\/timetable$/);
  await expectNoViolations(page, "week");
  await page.getByTestId("week-session").first().click();
  await page.waitForURL(/\/sessions\//);
  await expectNoViolations(page, "session");
  await page.goBack();
  await page.getByRole("link", { name: "安排课次" }).click();
  await page.waitForURL(/\/sessions\/new$/);
  await expectNoViolations(page, "new session");
  await page.goBack();
  await page.getByRole("link", { name: "日历", exact: true }).click();
  await page.waitForURL(/\/calendar$/);
  await expectNoViolations(page, "cohort calendar");
  for (const path of ["/admin/lecturers", "/admin/lecturers/new", "/admin/venues", "/admin/teaching", "/admin/settings", "/admin/calendar"]) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
  await page.goto("/admin/people");
  await expectNoViolations(page, "people");
  await page.goto("/admin/people/new");
  await expectNoViolations(page, "add person");
  await page.goto("/admin/audit");
  await expectNoViolations(page, "audit log");
  await page.goto("/admin/cohorts/new");
  await expectNoViolations(page, "new cohort");
});
