import { expect, test } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { gotoHydrated } from "./helpers.ts";

// The public form must not tell whether a mobile number already has an account.
test("applying with a known mobile number gets the same answer as with a new one, and signs nobody in", async ({ browser, request }) => {
  // The demo academy's enrolling cohort is coded by the year it is laid in.
  const year = new Date().getFullYear();
  const codes = [`SRDI-${year}-02`, `SRDI-${year + 1}-02`];
  const statuses = await Promise.all(codes.map(async (code) => (await request.get(`/apply/${code}`)).status()));
  const path = `/apply/${codes[statuses.indexOf(200)]}`;
  const answers: string[] = [];
  for (const mobile of [demo.trainee.login, "13500000099"]) {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await gotoHydrated(page, path);
    await page.getByLabel("姓名").fill("试探者");
    await page.getByLabel("手机号").fill(mobile);
    await page.getByLabel("企业名称").fill("试探科技有限公司");
    await page.getByLabel("设置密码").fill("试探 一下 这个号码");
    await page.getByLabel("再次输入密码").fill("试探 一下 这个号码");
    await page.getByRole("button", { name: "提交报名" }).click();
    const received = page.getByTestId("application-received");
    await expect(received).toBeVisible();
    answers.push((await received.innerText()).trim());
    await expect(page).toHaveURL(new RegExp(`${path}\\?received=1$`));
    await context.close();
  }
  expect(answers[0]).toBe(answers[1]);
});
