// What each side sees of attendance: the trainee's header and cards on a small
// phone, the staff's day, and the roster as a table.
import { expect, test, type Page } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { signIn } from "./helpers.ts";

/** Header elements sticking out of the viewport, or controls smaller than `minTarget` px. */
async function headerProblems(page: Page, minTarget: number) {
  return page.getByTestId("app-header").evaluate((header, min) => {
    const problems: string[] = [];
    for (const element of header.querySelectorAll<HTMLElement>("*")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const label = `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 24)}"`;
      if (box.left < -0.5 || box.right > window.innerWidth + 0.5) problems.push(`${label} overflows (${Math.round(box.left)}–${Math.round(box.right)})`);
      if ((element.matches("a, button") && box.height < min)) problems.push(`${label} is ${Math.round(box.height)} px high`);
      // Text cut short by an ellipsis or a clipped box.
      if (element.matches("button") && element.scrollWidth > element.clientWidth + 1) problems.push(`${label} is clipped`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push("the page scrolls sideways");
    return problems;
  }, minTarget);
}

test("the portal header fits a 360-px phone in Chinese, English and elder mode", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, demo.trainee.login, demo.trainee.password);
  const header = page.getByTestId("app-header");

  expect(await headerProblems(page, 44), "Chinese").toEqual([]);
  await expect(header.getByRole("button", { name: "切换语言" })).toHaveText("English");
  await expect(header.getByRole("button", { name: "长者模式" })).toBeVisible();

  await header.getByRole("button", { name: "切换语言" }).click();
  await expect(header.getByRole("button", { name: "Larger text" })).toBeVisible();
  expect(await headerProblems(page, 44), "English").toEqual([]);
  await header.getByRole("button", { name: "Switch language" }).click();

  await header.getByRole("button", { name: "长者模式" }).click();
  await expect(header.getByRole("button", { name: "标准模式" })).toHaveText("标准模式");
  // Elder mode raises the base size by a quarter: targets are 55 px, not just 44.
  expect(await headerProblems(page, 54), "elder mode").toEqual([]);
  for (const path of ["/timetable", "/calendar", "/account"]) {
    await page.goto(path);
    expect(await headerProblems(page, 54), `elder mode, ${path}`).toEqual([]);
  }
  await header.getByRole("button", { name: "标准模式" }).click();
  await expect(header.getByRole("button", { name: "长者模式" })).toBeVisible();
});

test("staff land on their day: today's session with its check-in count, projector screen and roll call", async ({ page }) => {
  await signIn(page, "staff@demo.academy", "Academy-Staff-2025");
  await expect(page).toHaveURL(/\/admin$/);
  // The demo's afternoon session takes check-ins all day, whenever the demo was loaded.
  const session = page.getByTestId("day-session").filter({ hasText: "数字化转型的组织变革" });
  await expect(session).toContainText("签到中");
  await expect(session.getByTestId("day-session-count")).toContainText(/已签到 \d+ \/ 87/);
  await expect(session.getByRole("link", { name: "签到大屏" })).toHaveAttribute("href", /\/admin\/cohorts\/[^/]+\/sessions\/[^/]+\/check-in$/);
  await expect(session.getByRole("link", { name: "点名" })).toHaveAttribute("href", /\/roll-call$/);
  await expect(page.getByTestId("day-waiting")).toContainText("2 条请假待审批");
});

test("the roster sorts by attendance rate, lowest first and then highest, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator('input[name="identifier"]').fill("staff@demo.academy");
  await page.locator('input[name="password"]').fill("Academy-Staff-2025");
  await page.locator('form#login button[type="submit"]').click();
  await page.getByRole("link", { name: "人工智能赋能产业升级专题班（第一期）" }).click();
  await page.getByRole("link", { name: "学员名单" }).click();
  // The address changes when the next page starts to arrive: its rows are read once it has loaded.
  const rates = async () => {
    await page.waitForLoadState("load");
    return readRates();
  };
  const readRates = async () =>
    (await page.getByTestId("roster-rate").allTextContents()).filter((text) => text.endsWith("%")).map((text) => Number(text.replace("%", "")));
  await page.getByRole("link", { name: /出勤率/ }).click();
  await expect(page).toHaveURL(/sort=rate/);
  const ascending = await rates();
  expect(ascending.length).toBe(87);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  expect(ascending[0]).toBeLessThan(ascending.at(-1)!);
  await page.getByRole("link", { name: /出勤率/ }).click();
  await expect(page).toHaveURL(/sort=-rate/);
  const descending = await rates();
  expect(descending).toEqual([...ascending].reverse().sort((a, b) => b - a));
  await context.close();
});
