// Staff correct a trainee's record in roll call and see its history; a trainee
// asks for leave on a phone, staff approve it, and the trainee sees the session excused.
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { demo } from "./demo-logins.ts";
import { gotoHydrated, signIn } from "./helpers.ts";

const staff = { login: "staff@demo.academy", password: "Academy-Staff-2025" };

function demoFacts() {
  const database = new Database(path.resolve("data/e2e.db"), { readonly: true });
  const cohort = database.prepare("SELECT id FROM Cohort WHERE title = ?").get("人工智能赋能产业升级专题班（第一期）") as { id: string };
  const trainee = database.prepare("SELECT name FROM Person WHERE mobile = ?").get(demo.trainee.login) as { name: string };
  // Times are stored as ISO text, which sorts as time does.
  const sessions = (where: string, order: string, at: number) =>
    database
      .prepare(`SELECT s.id FROM Session s JOIN Module m ON m.id = s.moduleId WHERE m.cohortId = ? AND s.status = 'scheduled' AND ${where} ORDER BY s.startsAt ${order} LIMIT 1`)
      .get(cohort.id, new Date(at).toISOString()) as { id: string };
  const day = 86_400_000;
  const past = sessions("s.endsAt < ?", "DESC", Date.now() - day);
  const coming = sessions("s.startsAt > ?", "ASC", Date.now() + 2 * day);
  database.close();
  return { cohortId: cohort.id, traineeName: trainee.name, pastSessionId: past.id, comingSessionId: coming.id };
}

test("staff mark a trainee late with a reason and see who changed it, from what, and why", async ({ page }) => {
  const facts = demoFacts();
  await signIn(page, staff.login, staff.password);
  await gotoHydrated(page, `/admin/cohorts/${facts.cohortId}/sessions/${facts.pastSessionId}`);
  await page.getByRole("link", { name: "点名与更正" }).click();
  await expect(page.getByRole("heading", { name: /^点名：/ })).toBeVisible();
  await page.getByLabel("更改原因").fill("学员九点二十到场，补记迟到");
  await page.getByRole("button", { name: `将 ${facts.traineeName} 标记为迟到` }).click();
  await expect(page.getByRole("status")).toContainText("已保存 1 条记录");
  const row = page.getByTestId("roll-call-row").filter({ hasText: facts.traineeName });
  await expect(row.getByRole("button", { name: `将 ${facts.traineeName} 标记为迟到` })).toHaveAttribute("aria-pressed", "true");
  await row.getByText(/更改记录/).click();
  const history = row.getByTestId("roll-call-history");
  await expect(history).toContainText("→ 迟到（点名）");
  await expect(history).toContainText("原因：学员九点二十到场，补记迟到");
});

test("a trainee asks for leave on a phone, staff approve it, and the trainee sees the session excused", async ({ browser }) => {
  const facts = demoFacts();
  const reason = `公司年审，需本人到场 ${Date.now()}`;
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const trainee = await phone.newPage();
  await signIn(trainee, demo.trainee.login, demo.trainee.password);
  await gotoHydrated(trainee, "/attendance");
  await expect(trainee.getByRole("heading", { level: 1, name: "我的出勤" })).toBeVisible();
  await expect(trainee.getByTestId("my-rate").first()).toBeVisible();
  await expect(trainee.locator(`a[href="/leave/${facts.comingSessionId}"]`)).toBeVisible();
  // The session's own page offers the same request.
  await gotoHydrated(trainee, `/sessions/${facts.comingSessionId}`);
  await trainee.getByTestId("ask-leave").click();
  await expect(trainee.getByRole("heading", { level: 1, name: "申请请假" })).toBeVisible();
  await trainee.getByLabel("请假原因").fill(reason);
  await trainee.getByRole("button", { name: "提交请假申请" }).click();
  await expect(trainee.getByRole("status")).toContainText("请假申请已提交");
  const card = trainee.getByTestId("leave-card").filter({ hasText: reason });
  await expect(card).toContainText("待审批");
  expect(await trainee.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const desk = await browser.newContext();
  const staffPage = await desk.newPage();
  await signIn(staffPage, staff.login, staff.password);
  await gotoHydrated(staffPage, "/admin/leave");
  const request = staffPage.getByTestId("leave-card").filter({ hasText: reason });
  await request.getByLabel("审批意见").fill("同意，请课后补看材料");
  await request.getByRole("button", { name: "批准", exact: true }).click();
  await expect(staffPage.getByRole("status")).toContainText("已批准请假");

  await gotoHydrated(trainee, "/attendance");
  await expect(trainee.getByTestId("leave-card").filter({ hasText: reason })).toContainText("已批准");
  await expect(trainee.getByTestId("leave-card").filter({ hasText: reason })).toContainText("审批意见：同意，请课后补看材料");
  const session = trainee.getByTestId("my-session").filter({ has: trainee.locator(`a[href="/sessions/${facts.comingSessionId}"]`) });
  await expect(session).toContainText("请假");
  await expect(session.locator(`a[href="/leave/${facts.comingSessionId}"]`)).toHaveCount(0);
  await gotoHydrated(trainee, `/sessions/${facts.comingSessionId}`);
  await expect(trainee.getByTestId("ask-leave")).toHaveCount(0);
  await desk.close();
  await phone.close();
});
