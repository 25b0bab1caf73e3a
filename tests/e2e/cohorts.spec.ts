import { expect, test, type Page } from "@playwright/test";
import { demoRosterRows, rosterXlsx } from "../factories/roster-files.ts";
import { demo } from "./demo-logins.ts";
import { gotoHydrated, signIn } from "./helpers.ts";

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function openCohort(page: Page, title: string) {
  await page.goto("/admin");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

test("staff import a district's roster, fix the reported error, and enrol the class", async ({ page }) => {
  const rows = demoRosterRows(12, { firstMobile: "13600000001" });
  const broken = rows.map((row, i) => (i === 4 ? { ...row, creditCode: `${row.creditCode!.slice(0, 17)}${row.creditCode!.endsWith("0") ? "1" : "0"}` } : row));

  await signIn(page, "staff@demo.academy", "Academy-Staff-2025");
  await openCohort(page, "专精特新企业成长训练营（第二期）");
  await page.getByRole("link", { name: "导入名单" }).click();

  await page.getByLabel("名单文件").setInputFiles({ name: "江滨区报名表.xlsx", mimeType: xlsx, buffer: await rosterXlsx(broken, { titleRow: "江滨区第二期报名表" }) });
  await page.getByRole("button", { name: "检查文件" }).click();
  const issue = page.getByTestId("import-issue");
  await expect(issue).toHaveCount(1);
  // Title row 1, header row 2: the fifth person is on row 7.
  await expect(issue).toContainText("7");
  await expect(issue).toContainText("统一社会信用代码");
  await expect(issue).toContainText("校验位不对");
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);

  await page.getByLabel("名单文件").setInputFiles({ name: "江滨区报名表（改）.xlsx", mimeType: xlsx, buffer: await rosterXlsx(rows, { titleRow: "江滨区第二期报名表" }) });
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("count-newPeople")).toHaveText("12");
  await expect(page.getByTestId("import-issue")).toHaveCount(0);
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status")).toContainText("导入完成：12 人已录取");

  await page.getByRole("link", { name: "查看学员名单" }).click();
  await page.getByRole("link", { name: "已录取", exact: true }).click();
  await expect(page.getByTestId("roster-row").filter({ hasText: rows[0]!.name })).toContainText("待激活");

  // Importing the same sheet again enrols nobody twice.
  await page.getByRole("link", { name: "导入名单" }).click();
  await page.getByLabel("名单文件").setInputFiles({ name: "again.xlsx", mimeType: xlsx, buffer: await rosterXlsx(rows) });
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("import-issue")).toHaveCount(12);
  await expect(page.getByTestId("import-issue").first()).toContainText("已");
});

test("an applicant applies on a phone, waits on the waitlist, and gets the seat a withdrawal frees", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, demo.admin.login, demo.admin.password);
  await page.goto("/admin/cohorts/new");
  await page.getByLabel("班次名称").fill("数字化转型研修班（小班）");
  await page.getByLabel("班次编号").fill("DX-SMALL-01");
  await page.getByLabel("开始日期").fill("2027-03-01");
  await page.getByLabel("结束日期").fill("2027-02-01");
  await page.getByLabel("名额", { exact: true }).fill("1");
  await page.getByRole("button", { name: "创建班次" }).click();
  await expect(page.getByText("结束日期不能早于开始日期")).toBeVisible();
  await page.getByLabel("结束日期").fill("2027-03-05");
  await page.getByRole("button", { name: "创建班次" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "数字化转型研修班（小班）" })).toBeVisible();
  await page.getByLabel("改为").selectOption("enrolling");
  await page.getByRole("button", { name: "更改状态" }).click();
  await expect(page.getByTestId("status-history")).toContainText("筹备中 → 报名中");

  const apply = async (name: string, mobile: string) => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const applicant = await phone.newPage();
    await gotoHydrated(applicant, "/apply/DX-SMALL-01");
    await applicant.getByLabel("姓名").fill(name);
    await applicant.getByLabel("手机号").fill(mobile);
    await applicant.getByLabel("企业名称").fill(`${name}科技有限公司`);
    await applicant.getByLabel("统一社会信用代码").fill("91350100M000100Y43");
    await applicant.getByLabel("设置密码").fill("数字化转型 学习愉快");
    await applicant.getByLabel("再次输入密码").fill("数字化转型 学习愉快");
    await applicant.getByRole("button", { name: "提交报名" }).click();
    // The same answer for a known number as for a new one; the applicant then signs in to follow it.
    await expect(applicant.getByTestId("application-received")).toContainText("报名表已收到");
    await signIn(applicant, mobile, "数字化转型 学习愉快");
    await expect(applicant.getByTestId("my-cohort").filter({ hasText: "数字化转型研修班（小班）" })).toContainText("已报名，待审核");
    return { phone, applicant };
  };
  const first = await apply("周一鸣", "13500000001");
  const second = await apply("吴二妹", "13500000002");

  await page.getByRole("link", { name: "学员名单" }).click();
  const row = (name: string) => page.getByTestId("roster-row").filter({ hasText: name });
  await row("周一鸣").getByRole("button", { name: "录取", exact: true }).click();
  await expect(row("周一鸣")).toContainText("已录取");
  await row("吴二妹").getByRole("button", { name: "录取", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("名额已满");
  await row("吴二妹").getByRole("button", { name: "列入候补" }).click();
  await expect(row("吴二妹")).toContainText("候补中");

  // Withdrawing is behind the row's action menu.
  await row("周一鸣").getByText("操作").click();
  await row("周一鸣").getByRole("textbox", { name: "原因", exact: true }).fill("企业事务繁忙，本期无法参加");
  await row("周一鸣").getByRole("button", { name: "退班" }).click();
  await expect(row("周一鸣")).toContainText("已退班");
  await expect(row("吴二妹")).toContainText("已录取");
  await expect(row("吴二妹")).toContainText("有名额空出，按候补顺序自动录取");

  await second.applicant.reload();
  await expect(second.applicant.getByTestId("my-cohort").filter({ hasText: "数字化转型研修班（小班）" })).toContainText("已录取");
  await first.phone.close();
  await second.phone.close();
});
