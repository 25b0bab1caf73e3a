// The county federation co-organises the demo's first class. An admin gives the county a viewer account
// from the organisation's page; its person activates it on a phone, sees the reports and that class's
// roster (names and companies, no phone numbers) and nothing of the staff pages; removed, they are out.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { gotoHydrated, signIn } from "./helpers.ts";

test("an admin adds the county's viewer, who activates, reads the county's share read-only, and is signed out when removed", async ({ page, browser }) => {
  await signIn(page, demo.admin.login, demo.admin.password);
  await gotoHydrated(page, "/admin/organisations");
  await page.getByTestId("organisation-row").filter({ hasText: "临溪县工商业联合会" }).click();
  const viewers = page.getByTestId("organisation-viewers");
  await expect(viewers.getByTestId("viewer-row")).toContainText(["周晓岚"]);
  await viewers.getByLabel("姓名", { exact: true }).fill("孙立新");
  await viewers.getByLabel("手机号", { exact: true }).fill("139 0000 7777");
  await viewers.getByRole("button", { name: "添加并生成激活码" }).click();
  const code = (await page.getByTestId("invitation-code").textContent())!.trim();
  expect(code).toMatch(/^\d{8}$/);
  await expect(viewers.getByTestId("viewer-row").filter({ hasText: "孙立新" })).toContainText("待激活");

  // A trainee's number is not made a viewer.
  await viewers.getByLabel("姓名", { exact: true }).fill("冒名");
  await viewers.getByLabel("手机号", { exact: true }).fill("13800000003");
  await viewers.getByRole("button", { name: "添加并生成激活码" }).click();
  await expect(viewers.getByText("这个手机号已属于学员或工作人员的账号")).toBeVisible();

  const phone = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const viewer = await phone.newPage();
  await gotoHydrated(viewer, "/activate");
  await viewer.getByLabel("手机号或邮箱").fill("13900007777");
  await viewer.getByLabel("激活码").fill(code);
  await viewer.getByLabel("设置密码").fill("临溪 县里 看报表 2026");
  await viewer.getByLabel("再次输入密码").fill("临溪 县里 看报表 2026");
  await viewer.getByRole("button", { name: "激活并登录" }).click();
  await expect(viewer).toHaveURL(/\/admin\/reports$/);
  // The header offers the reports and the rosters, nothing else of the admin area.
  const nav = viewer.getByRole("navigation", { name: "后台导航" });
  await expect(nav.getByRole("link")).toHaveText(["统计报表", "班次名单"]);

  await nav.getByRole("link", { name: "班次名单" }).click();
  await expect(viewer.getByTestId("viewer-cohorts").getByRole("link")).toHaveText(["人工智能赋能产业升级专题班（第一期）"]);
  await viewer.getByRole("link", { name: "人工智能赋能产业升级专题班（第一期）" }).click();
  const roster = viewer.getByTestId("viewer-roster");
  await expect(roster.getByTestId("viewer-roster-row")).toHaveCount(87);
  await expect(viewer.getByTestId("viewer-cohort-rate")).toContainText("%");
  expect(await viewer.content()).not.toContain("13800000002");
  await expect(roster.getByRole("link")).toHaveCount(0);

  for (const staffPage of ["/admin/people", "/admin/cohorts/new", "/admin/organisations", "/admin/leave"]) {
    const response = await viewer.goto(staffPage);
    expect(response?.status(), staffPage).toBe(403);
  }

  await viewers.getByRole("button", { name: "移除查看账号 孙立新" }).click();
  await expect(page.getByText("已移除，该账号的登录已全部退出。")).toBeVisible();
  await viewer.goto("/admin/reports/cohorts");
  await expect(viewer).toHaveURL(/\/login/);
  await phone.close();
});

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
  expect(serious, label).toEqual([]);
}

for (const elder of [false, true]) {
  test(`the viewer's pages pass automated accessibility checks at 360 px${elder ? " in elder mode" : ""}, header controls in view`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, demo.viewer.login, demo.viewer.password);
    if (elder) await page.getByRole("button", { name: "长者模式" }).click();
    await expect(page).toHaveURL(/\/admin\/reports$/);
    for (const path of ["/admin/reports/cohorts", null, "/admin/account"]) {
      if (path) await gotoHydrated(page, path);
      else await page.locator('[data-testid="viewer-cohorts"] a').first().click();
      await page.waitForLoadState("networkidle");
      await expectNoSeriousViolations(page, path ?? "roster");
      // Nothing in the header runs off a 360 px screen.
      for (const control of await page.getByTestId("app-header").locator("a, button").all()) {
        const box = await control.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 361, await control.innerText()).toBe(true);
      }
    }
  });
}
