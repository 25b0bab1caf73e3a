// Staff issue the demo cohort's certificates in one press, a trainee finds theirs
// on a phone-sized screen (their PDF downloads, their image shows and downloads),
// staff download the cohort's archive, and an anonymous visitor verifies it.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { signIn, signOut } from "./helpers.ts";

test("staff issue the demo cohort's certificates, a trainee sees theirs, anyone verifies it", async ({ page, browser }) => {
  // Drawing the class's 87 PDFs and images takes seconds on a busy machine.
  test.setTimeout(150_000);
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
  // The files are drawn in the background; the page follows until every one is ready.
  const files = page.getByTestId("certificate-files");
  await expect(files).toContainText("已生成");
  await expect(files).toContainText("全部证书文件已生成", { timeout: 60_000 });
  const archiveHref = await page.getByTestId("certificate-archive").getAttribute("href");
  const archive = await page.request.get(archiveHref!);
  expect(archive.headers()["content-type"]).toBe("application/zip");
  expect((await archive.body()).subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");
  await signOut(page);

  await signIn(page, demo.trainee.login, demo.trainee.password);
  const mine = page.getByTestId("my-certificate").first();
  await expect(mine).toContainText("有效");
  const serial = (await mine.locator("dd").first().textContent()) ?? "";
  expect(serial).toMatch(/^JYZS-\d{4}-/);
  const verifyPath = await mine.getByRole("link", { name: "查看验证页" }).getAttribute("href");
  // The image shows in the page (long-press saves it in WeChat) and the PDF downloads as a PDF.
  const image = mine.getByRole("img");
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1754);
  const downloading = page.waitForEvent("download");
  await mine.getByRole("link", { name: "下载 PDF 证书" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${serial}-.+\\.pdf$`));
  expect(readFileSync((await download.path())!).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  const visitor = await browser.newPage();
  await visitor.setViewportSize({ width: 360, height: 800 });
  await visitor.goto(verifyPath!);
  await expect(visitor.getByTestId("verify-status")).toContainText("有效证书");
  await expect(visitor.getByText(serial)).toBeVisible();
  const missing = await visitor.goto("/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(missing?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { name: "查无此证书" })).toBeVisible();
});
