// A trainee downloads their certificate's Open Badges credential on a phone,
// and a visitor without JavaScript checks it on /verify: genuine and current;
// an edited copy and a file that is not JSON are told apart in plain words.
import { readFileSync, writeFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { signIn, signOut } from "./helpers.ts";

test("a trainee's downloaded credential checks as genuine on /verify, an edited one does not", async ({ page, browser }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page, demo.admin.login, demo.admin.password);
  await page.getByRole("link", { name: "人工智能赋能产业升级专题班（第一期）" }).first().click();
  await page.getByRole("link", { name: "结业证书" }).click();
  await expect(page.getByTestId("eligibility-row").first()).toBeVisible();
  const issue = page.getByRole("button", { name: /名符合要求的学员发证/ });
  // Another story may have issued the demo cohort's certificates already.
  if (await issue.isVisible()) {
    await issue.click();
    await expect(page.getByTestId("issue-summary")).toContainText("已发放");
  }
  await signOut(page);

  await signIn(page, demo.trainee.login, demo.trainee.password);
  const mine = page.getByTestId("my-certificate").first();
  const serial = ((await mine.locator("dd").first().textContent()) ?? "").trim();
  const downloading = page.waitForEvent("download");
  await mine.getByRole("link", { name: "下载电子凭证（.json）" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${serial}.json`);
  const file = testInfo.outputPath("credential.json");
  await download.saveAs(file);
  const credential = JSON.parse(readFileSync(file, "utf8")) as { type: string[]; credentialSubject: { licenseNumber: string } };
  expect(credential.type).toContain("OpenBadgeCredential");
  expect(credential.credentialSubject.licenseNumber).toBe(serial);
  const edited = testInfo.outputPath("edited.json");
  writeFileSync(edited, JSON.stringify({ ...credential, credentialSubject: { ...credential.credentialSubject, licenseNumber: `${serial}0` } }));
  const garbage = testInfo.outputPath("garbage.json");
  writeFileSync(garbage, "这不是 JSON");

  const visitorContext = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
  const visitor = await visitorContext.newPage();
  const check = async (path: string) => {
    await visitor.goto("/verify");
    await visitor.locator('input[name="credential"]').setInputFiles(path);
    const [response] = await Promise.all([visitor.waitForResponse((r) => r.request().method() === "POST"), visitor.getByRole("button", { name: "核验凭证" }).click()]);
    await visitor.getByTestId("credential-check").waitFor();
    return { status: response.status(), text: await visitor.getByTestId("credential-check").innerText() };
  };
  const genuine = await check(file);
  expect(genuine.status).toBe(200);
  expect(genuine.text).toContain("真实凭证");
  expect(genuine.text).toContain("凭证现行有效");
  expect(genuine.text).toContain(serial);
  const changed = await check(edited);
  expect(changed.text).toContain("签名与内容不符");
  const notJson = await check(garbage);
  expect(notJson.status).toBe(400);
  expect(notJson.text).toContain("文件内容不是 JSON");
  await visitorContext.close();

  // The page with its answer passes automated accessibility checks (WCAG 2.1 A and AA), standard and elder mode.
  for (const elder of [false, true]) {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const viewer = await context.newPage();
    await viewer.goto("/verify");
    if (elder) await viewer.getByRole("button", { name: "长者模式" }).click();
    await viewer.locator('input[name="credential"]').setInputFiles(file);
    await viewer.getByRole("button", { name: "核验凭证" }).click();
    await expect(viewer.getByTestId("credential-check")).toContainText("真实凭证");
    const results = await new AxeBuilder({ page: viewer }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
    expect(serious, elder ? "elder mode" : "standard").toEqual([]);
    await context.close();
  }
});
