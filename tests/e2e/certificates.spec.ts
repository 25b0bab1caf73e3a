// Staff issue the demo cohort's certificates in one press, a trainee finds theirs
// on a phone-sized screen, and an anonymous visitor verifies it.
import { expect, test } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { signIn, signOut } from "./helpers.ts";

test("staff issue the demo cohort's certificates, a trainee sees theirs, anyone verifies it", async ({ page, browser }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page, demo.trainee.login, demo.trainee.password);
  // Before issuance: progress toward the certificate, as bars with the rule.
  await expect(page.getByTestId("certificate-progress").getByRole("progressbar").first()).toBeVisible();
  await signOut(page);

  await signIn(page, demo.admin.login, demo.admin.password);
  await page.getByRole("link", { name: "人工智能赋能产业升级专题班（第一期）" }).first().click();
  await page.getByRole("link", { name: "结业证书" }).click();
  await expect(page.getByTestId("eligibility-row").first()).toBeVisible();
  await page.getByRole("button", { name: /名符合要求的学员发证/ }).click();
  await expect(page.getByTestId("issue-summary")).toContainText("已发放");
  await expect(page.getByText("没有待发证的学员")).toBeVisible();
  await signOut(page);

  await signIn(page, demo.trainee.login, demo.trainee.password);
  const mine = page.getByTestId("my-certificate").first();
  await expect(mine).toContainText("有效");
  const serial = (await mine.locator("dd").first().textContent()) ?? "";
  expect(serial).toMatch(/^JYZS-\d{4}-/);
  const verifyPath = await mine.getByRole("link", { name: "查看验证页" }).getAttribute("href");

  const visitor = await browser.newPage();
  await visitor.setViewportSize({ width: 360, height: 800 });
  await visitor.goto(verifyPath!);
  await expect(visitor.getByTestId("verify-status")).toContainText("有效证书");
  await expect(visitor.getByText(serial)).toBeVisible();
  const missing = await visitor.goto("/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(missing?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { name: "查无此证书" })).toBeVisible();
});
