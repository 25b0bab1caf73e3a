// Attack 5 of the security review: roster files made to exhaust the server.
// Each is refused with a message naming the file and the limit, quickly and
// without the memory its contents would take.
import { describe, expect, test } from "vitest";
import { maxRosterRows, rosterIssueValues } from "~/modules/roster/roster.ts";
import { cleanCell } from "~/modules/roster/roster-header.ts";
import { workbookLimits } from "~/modules/roster/spreadsheet-bounds.server.ts";
import { readRosterFile } from "~/modules/roster/spreadsheet.server.ts";
import { getFixedT } from "~/utils/i18n.server.ts";
import { cellBombXlsx, manyRowsCsv, mergeBombXlsx, rowBombXlsx } from "../../factories/spreadsheet-bombs.ts";

const MB = 1024 * 1024;

/** Reads the file, and reports how long it took and how much the process grew. */
async function refusal(fileName: string, bytes: Uint8Array) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const began = performance.now();
  const result = await readRosterFile({ fileName, bytes });
  const ms = performance.now() - began;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (result.ok) throw new Error(`${fileName} was read: ${result.rows.length} rows`);
  const message = getFixedT("en")(result.issue.messageKey, rosterIssueValues(result.issue, (c) => c, "en"));
  return { issue: result.issue, message, ms, grewMB: (peak - before) / MB };
}

describe("a zip bomb: one cell that inflates to 400 MB", () => {
  test("is refused from the zip's directory, before anything is inflated", async () => {
    const bomb = await cellBombXlsx();
    expect(bomb.byteLength).toBeLessThan(500 * 1024);
    const { issue, message, ms, grewMB } = await refusal("名单.xlsx", bomb);
    expect(issue.messageKey).toBe("roster.errors.file.tooLargeUnpacked");
    expect(message).toContain("“名单.xlsx”");
    expect(message).toContain(`${workbookLimits.totalBytes / MB} MB`);
    expect(ms).toBeLessThan(2_000);
    expect(grewMB).toBeLessThan(100);
  });

  test("whose directory lies about the size is stopped by the inflation cap", async () => {
    const bomb = await cellBombXlsx(400 * MB, { lieAboutSize: true });
    const { issue, ms, grewMB } = await refusal("名单.xlsx", bomb);
    expect(issue.messageKey).toBe("roster.errors.file.tooLargeUnpacked");
    expect(ms).toBeLessThan(10_000);
    expect(grewMB).toBeLessThan(150);
  });
});

describe("a row bomb: three million rows", () => {
  test("is refused, whether its directory tells the truth or not", async () => {
    const bomb = await rowBombXlsx(3_000_000);
    expect(bomb.byteLength).toBeLessThan(1.5 * MB);
    expect((await refusal("rows.xlsx", bomb)).issue.messageKey).toBe("roster.errors.file.tooLargeUnpacked");

    const lying = await rowBombXlsx(3_000_000, { lieAboutSize: true });
    const { issue, message, ms, grewMB } = await refusal("rows.xlsx", lying);
    expect(issue.messageKey).toBe("roster.errors.file.tooManyRows");
    expect(message).toContain("“rows.xlsx”");
    expect(message).toContain(String(maxRosterRows));
    expect(ms).toBeLessThan(10_000);
    expect(grewMB).toBeLessThan(100);
  });

  test("one row past the limit is refused by counting; the limit itself still reads", async () => {
    expect((await refusal("rows.xlsx", await rowBombXlsx(maxRosterRows + 1))).issue.messageKey).toBe("roster.errors.file.tooManyRows");
    // At the limit the file goes on to exceljs (which finds these unnumbered rows unreadable).
    const atLimit = await readRosterFile({ fileName: "rows.xlsx", bytes: await rowBombXlsx(maxRosterRows) });
    expect(atLimit.ok ? null : atLimit.issue.messageKey).not.toBe("roster.errors.file.tooManyRows");
  });
});

test("a merge over the whole sheet (17 billion cells to exceljs) is refused by its area", async () => {
  const bomb = await mergeBombXlsx();
  expect(bomb.byteLength).toBeLessThan(20 * 1024);
  const { issue, message, ms } = await refusal("merged.xlsx", bomb);
  expect(issue.messageKey).toBe("roster.errors.file.tooManyCells");
  expect(message).toContain(String(workbookLimits.cells));
  expect(ms).toBeLessThan(1_000);
});

test("a 100,000-row CSV stops the parser at the row limit", async () => {
  const csv = manyRowsCsv(100_000);
  const { issue, message, ms, grewMB } = await refusal("名单.csv", csv);
  expect(issue.messageKey).toBe("roster.errors.file.tooManyRows");
  expect(message).toContain("“名单.csv”");
  expect(message).toContain(String(maxRosterRows));
  expect(ms).toBeLessThan(3_000);
  expect(grewMB).toBeLessThan(120);
});

test("a CSV of exactly the row limit is read", async () => {
  const read = await readRosterFile({ fileName: "名单.csv", bytes: manyRowsCsv(maxRosterRows - 1) });
  expect(read.ok && read.rows.length).toBe(maxRosterRows - 1);
});

test("a cell of a million spaces is trimmed in linear time", () => {
  const began = performance.now();
  expect(cleanCell(` 王${" ".repeat(1_000_000)}伟 \u3000`)).toBe(`王${" ".repeat(1_000_000)}伟`);
  expect(performance.now() - began).toBeLessThan(500);
});
