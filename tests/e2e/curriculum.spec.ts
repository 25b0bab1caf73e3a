// Staff build a new intake's programme from the last one, schedule a site visit,
// enrol a trainee, and the trainee finds it on a phone and in their calendar.
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import ICAL from "ical.js";
import { rosterXlsx } from "../factories/roster-files.ts";
import { demo } from "./demo-logins.ts";
import { gotoHydrated, signIn } from "./helpers.ts";

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const cohortTitle = "数字经济专题研修班（第二期）";
const mobile = "13800000020";

/** The trainee as the demo academy holds them, written as a district office's sheet would. */
function traineeRow() {
  const database = new Database(path.resolve("data/e2e.db"), { readonly: true });
  const row = database
    .prepare("SELECT p.name, p.mobile, p.email, t.company, t.position, t.industry, t.district, t.creditCode FROM Person p JOIN TraineeProfile t ON t.personId = p.id WHERE p.mobile = ?")
    .get(mobile) as Record<string, string | null>;
  database.close();
  return row;
}

/** The session's event in a feed, found by the UID that stays with the session when it moves. */
async function feedEvent(request: APIRequestContext, feedUrl: string, sessionId: string) {
  const response = await request.get(new URL(feedUrl).pathname);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/calendar/);
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  const event = calendar
    .getAllSubcomponents("vevent")
    .map((component) => new ICAL.Event(component))
    .find((candidate) => candidate.uid.startsWith(`session-${sessionId}@`));
  expect(event, `session ${sessionId} in the feed`).toBeDefined();
  return event!;
}

test("staff copy a three-track programme into a new cohort, schedule a site visit, and a trainee sees it on the phone and in the feed", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, demo.admin.login, demo.admin.password);

  // A new intake.
  await gotoHydrated(page, "/admin/cohorts/new");
  await page.getByLabel("班次名称").fill(cohortTitle);
  await page.getByLabel("班次编号").fill("DE-2027-02");
  await page.getByLabel("开始日期").fill("2027-04-12");
  await page.getByLabel("结束日期").fill("2027-04-16");
  await page.getByLabel("名额", { exact: true }).fill("60");
  await page.getByRole("button", { name: "创建班次" }).click();
  await expect(page.getByRole("heading", { level: 1, name: cohortTitle })).toBeVisible();
  await page.getByLabel("改为").selectOption("enrolling");
  await page.getByRole("button", { name: "更改状态" }).click();
  await expect(page.getByTestId("status-history")).toContainText("筹备中 → 报名中");

  // Its programme, copied from the first cohort: one module in each track.
  await page.getByRole("link", { name: "课程安排" }).click();
  await expect(page.getByText("还没有课程模块。", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "从往期班次复制" }).click();
  await page.getByRole("button", { name: "复制所选模块" }).click();
  await expect(page.getByRole("alert")).toContainText("请至少勾选一个要复制的模块");
  for (const title of ["产业政策与专精特新申报", "人工智能大模型前沿", "数字化转型的组织变革"]) {
    await page.getByRole("checkbox", { name: title }).check();
  }
  await page.getByRole("button", { name: "复制所选模块" }).click();
  await expect(page.getByRole("status")).toContainText("已复制 3 个课程模块");
  await expect(page.getByRole("heading", { name: /三大板块学时分布/ })).toContainText("共 18 学时");
  for (const track of ["policy", "technology", "management"]) {
    await expect(page.getByTestId(`track-${track}`).getByTestId("programme-module")).toHaveCount(1);
  }

  // A site visit for the management module, at the partner company.
  await page.getByRole("link", { name: "数字化转型的组织变革" }).click();
  // The programme page has its own "安排课次" link: wait for the module's page before using its link.
  await expect(page).toHaveURL(/\/modules\/[^/]+$/);
  await page.getByRole("link", { name: "安排课次" }).click();
  await page.getByLabel("日期").fill("2027-04-13");
  await page.getByLabel("开始时间").fill("09:00");
  await page.getByLabel("结束时间").fill("12:00");
  await page.getByLabel("教学形式").selectOption("site_visit");
  await page.getByLabel("地点").selectOption({ label: "云溪恒通智能装备股份有限公司（智能工厂） · 云溪高新区科创大道 666 号" });
  await page.getByLabel("学员须知").fill("8:00 在学院南门集合乘车，车间参观请着平底鞋。");
  await page.getByRole("button", { name: "安排课次" }).click();
  await expect(page.getByRole("status")).toContainText("课次已安排");
  const sessionUrl = page.url();

  // The trainee is enrolled from a district office's sheet.
  await page.getByRole("link", { name: "导入名单" }).click();
  await page.getByLabel("名单文件").setInputFiles({ name: "报名表.xlsx", mimeType: xlsx, buffer: await rosterXlsx([traineeRow()]) });
  await page.getByRole("button", { name: "检查文件" }).click();
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status")).toContainText("1 人已录取");

  // On a phone, the trainee finds the site visit in the whole programme and opens it.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const trainee = await phone.newPage();
  await signIn(trainee, mobile, demo.trainee.password);
  await trainee.getByRole("link", { name: "课表" }).click();
  await trainee.getByRole("link", { name: "全部课程" }).click();
  const programme = trainee.getByRole("region", { name: cohortTitle });
  await expect(programme.getByTestId("track-management")).toContainText("数字化转型的组织变革");
  await programme.getByRole("link", { name: /4月13日周二 09:00–12:00/ }).click();
  await expect(trainee).toHaveURL(/\/sessions\/[^/]+$/);
  const sessionId = new URL(trainee.url()).pathname.split("/").at(-1)!;
  await expect(trainee.getByRole("heading", { level: 1, name: "数字化转型的组织变革" })).toBeVisible();
  await expect(trainee.locator("main")).toContainText("现场教学");
  await expect(trainee.locator("main")).toContainText("云溪高新区科创大道 666 号");
  await expect(trainee.locator("main")).toContainText("8:00 在学院南门集合乘车");
  await expect(trainee.getByTestId("open-map")).toHaveAttribute("href", `https://uri.amap.com/search?keyword=${encodeURIComponent("云溪高新区科创大道 666 号")}`);
  const noSideways = await trainee.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(noSideways, "no sideways scrolling at 390 px").toBe(true);

  // And in the private calendar feed, at 09:00 Shanghai time.
  await trainee.getByRole("link", { name: "日历订阅" }).click();
  const feedUrl = await trainee.getByLabel("您的专属日历链接").inputValue();
  const event = await feedEvent(trainee.request, feedUrl, sessionId);
  expect(event.startDate.zone.tzid).toBe("Asia/Shanghai");
  expect(event.startDate.toString()).toBe("2027-04-13T09:00:00");
  expect(event.summary).toContain("数字化转型的组织变革");
  expect(event.location).toContain("云溪高新区科创大道 666 号");
  const uid = event.uid;
  const sequence = event.sequence;

  // Staff put it back to the afternoon; the feed keeps the event and raises its SEQUENCE.
  await gotoHydrated(page, sessionUrl);
  await page.getByLabel("开始时间").fill("14:00");
  await page.getByLabel("结束时间").fill("17:00");
  await page.getByLabel("变更原因").fill("企业接待时间调整");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByRole("status")).toContainText("修改已保存");

  const moved = await feedEvent(trainee.request, feedUrl, sessionId);
  expect(moved.uid).toBe(uid);
  expect(moved.sequence).toBeGreaterThan(sequence);
  expect(moved.startDate.toString()).toBe("2027-04-13T14:00:00");
  await gotoHydrated(trainee, `/sessions/${sessionId}`);
  await expect(trainee.locator("main")).toContainText("企业接待时间调整");
  await expect(trainee.getByTestId("wechat-calendar-hint")).toHaveCount(0);
  await phone.close();

  // Inside WeChat's own browser, which cannot hand a file to the calendar, the page says what to do instead.
  const wechat = await browser.newContext({
    viewport: { width: 390, height: 844 },
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49",
  });
  const inWeChat = await wechat.newPage();
  await signIn(inWeChat, mobile, demo.trainee.password);
  await inWeChat.goto(`/sessions/${sessionId}`);
  await expect(inWeChat.getByTestId("wechat-calendar-hint")).toContainText("在浏览器中打开");
  await wechat.close();
});
