import { expect, test } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { signIn } from "./helpers.ts";

test("Chinese is the default and English is one tap away, remembered", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await page.getByRole("button", { name: "切换语言" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await signIn(page, demo.trainee.login, demo.trainee.password);
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "My cohorts" })).toBeVisible();
  await expect(page.getByTestId("my-cohort").first()).toContainText("Enrolled");

  await page.getByRole("button", { name: "Switch language" }).click();
  await expect(page.getByRole("heading", { name: "今日课程" })).toBeVisible();
});

test("?lng=en selects English and drops the parameter", async ({ page }) => {
  await page.goto("/login?lng=en");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("elder mode enlarges the text and sticks across pages and visits", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, demo.trainee.login, demo.trainee.password);
  const baseSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.getByRole("button", { name: "长者模式" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-elder", "");
  const elderSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(elderSize).toBeGreaterThanOrEqual(baseSize * 1.2);

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-elder", "");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await page.getByRole("button", { name: "标准模式" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-elder", "");
});
