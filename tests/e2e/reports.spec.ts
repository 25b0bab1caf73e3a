// Staff answer the federation's question from the report: the year's figures,
// the county federation's share in two clicks (breakdown, then its row), the
// rows behind that number, and the workbook for the year.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { signIn } from "./helpers.ts";

test("staff open the year's report, switch to the county's breakdown and download the workbook", async ({ page }) => {
  await signIn(page, "staff@demo.academy", "Academy-Staff-2025");
  await page.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "统计报表" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "培训统计报表" })).toBeVisible();
  const year = String(new Date().getFullYear());
  await expect(page.locator('input[name="from"]')).toHaveValue(`${year}-01-01`);
  await expect(page.getByText(`${year}年度共举办培训班`)).toBeVisible();
  const total = page.getByRole("definition").filter({ hasText: "人次" }).first();
  await expect(total).toBeVisible();

  // First click: the breakdown by organiser; the county federation's row says its person-times.
  await page.getByRole("link", { name: "按主办单位", exact: true }).click();
  await expect(page).toHaveURL(/breakdown=organiser/);
  const county = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /县工商业联合会/ }) });
  await expect(county).toHaveCount(1);
  const personTimes = county.getByRole("cell").nth(3);
  const figure = (await personTimes.innerText()).replace(/[^\d]/g, "");
  expect(Number(figure)).toBeGreaterThan(0);

  // Second click: the rows behind that number.
  await personTimes.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "明细：培训人次" })).toBeVisible();
  await expect(page.getByText(`共 ${figure} 条`)).toBeVisible();
  await expect(page.getByText(/县工商业联合会/)).toBeVisible();

  await page.getByRole("link", { name: "返回报表" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载 Excel" }).click()]);
  expect(download.suggestedFilename()).toBe(`培训统计-${year}-01-01-${year}-12-31.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const summary = workbook.getWorksheet("汇总")!;
  const values = summary.getSheetValues().flat().map(String);
  expect(values.some((v) => v.includes("培训工作统计"))).toBe(true);
  const organisers = workbook.getWorksheet("按主办单位")!;
  const countyRow = organisers.getSheetValues().find((row) => Array.isArray(row) && String(row[1]).includes("县工商业联合会")) as unknown[];
  expect(countyRow[5]).toBe(Number(figure));
});
