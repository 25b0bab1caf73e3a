import { expect, test } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { signIn, signOut } from "./helpers.ts";

test.describe("each demo login lands on its own home", () => {
  test("the trainee sees today's sessions and the cohort on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, demo.trainee.login, demo.trainee.password);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: "今日课程" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "我的班次" })).toBeVisible();
    await expect(page.getByTestId("my-cohort").first()).toContainText("人工智能赋能产业升级专题班（第一期）");
    // The demo always has a session on the day it was loaded.
    await expect(page.locator("#today-heading ~ [data-testid=session-card]").first()).toBeVisible();
    // Nothing spills sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The staff area is not theirs.
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "没有访问权限" })).toBeVisible();
  });

  test("the admin sees every cohort with its counts", async ({ page }) => {
    await signIn(page, demo.admin.login, demo.admin.password);
    await expect(page).toHaveURL(/\/admin$/);
    const rows = page.getByTestId("cohort-row");
    // Other tests may have added cohorts; the demo's two are always there.
    await expect(rows.filter({ hasText: "人工智能赋能产业升级专题班（第一期）" })).toContainText("87 / 90");
    await expect(rows.filter({ hasText: "专精特新企业成长训练营（第二期）" })).toHaveCount(1);
  });

  test("the instructor sees only the cohort they teach", async ({ page }) => {
    await signIn(page, demo.instructor.login, demo.instructor.password);
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByTestId("cohort-row")).toHaveCount(1);
    await expect(page.getByTestId("cohort-row")).toContainText("人工智能赋能产业升级专题班（第一期）");
  });
});

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.locator('input[name="identifier"]').fill(demo.trainee.login);
  await page.locator('input[name="password"]').fill("not-the-password");
  await page.locator('form#login button[type="submit"]').click();
  await expect(page.getByRole("alert")).toHaveText("手机号/邮箱或密码不正确");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("signing in works before JavaScript loads", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator('input[name="identifier"]').fill(demo.trainee.login);
  await page.locator('input[name="password"]').fill(demo.trainee.password);
  await page.locator('form#login button[type="submit"]').click();
  await expect(page.getByRole("heading", { name: "今日课程" })).toBeVisible();
  await context.close();
});

test("signing out ends the session and protected pages ask to sign in again", async ({ page }) => {
  await signIn(page, demo.admin.login, demo.admin.password);
  await signOut(page);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin$/);
  // Signing in again returns to the page that was asked for.
  await page.locator('input[name="identifier"]').fill(demo.admin.login);
  await page.locator('input[name="password"]').fill(demo.admin.password);
  await page.locator('form#login button[type="submit"]').click();
  await expect(page).toHaveURL(/\/admin$/);
});
