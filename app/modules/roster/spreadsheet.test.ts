import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import { messages } from "~/utils/i18n.ts";
import { demoRosterRows, rosterCsv, type RosterFileRow, rosterXlsx } from "../../../tests/factories/roster-files.ts";
import { maxRosterFileBytes, type RosterColumn, rosterIssueValues, rosterLimits } from "./roster.ts";
import { validateRosterRows } from "./roster-rows.server.ts";
import { readRosterFile } from "./spreadsheet.server.ts";

const classOf87 = demoRosterRows(87);

async function readAndValidate(fileName: string, bytes: Uint8Array) {
  const read = await readRosterFile({ fileName, bytes });
  if (!read.ok) throw new Error(`Expected the file to be read, got ${read.issue.messageKey}`);
  return { ...validateRosterRows(read.rows), encoding: read.encoding, rows: read.rows };
}

/** A sheet written cell by cell, for the value kinds the factory does not make. */
async function xlsxFrom(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("报名表");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("a clean class of 87", () => {
  test("reads from .xlsx as 87 valid rows, numbered from row 2 under the header", async () => {
    const result = await readAndValidate("第一期报名表.xlsx", await rosterXlsx(classOf87));
    expect(result.issues).toEqual([]);
    expect(result.encoding).toBeNull();
    expect(result.valid).toHaveLength(87);
    expect(result.valid[0]).toEqual({ rowNumber: 2, ...classOf87[0] });
    expect(result.valid.map((row) => row.rowNumber)).toEqual(classOf87.map((_, i) => i + 2));
    expect(result.valid.map((row) => row.creditCode)).toEqual(classOf87.map((row) => row.creditCode));
  });

  test.each([
    ["utf8", "UTF-8"],
    ["utf8-bom", "UTF-8"],
    ["gbk", "GB18030"],
  ] as const)("reads from a %s .csv with the Chinese intact", async (encoding, detected) => {
    const result = await readAndValidate("报名表.csv", rosterCsv(classOf87, { encoding }));
    expect(result.issues).toEqual([]);
    expect(result.encoding).toBe(detected);
    expect(result.valid.map((row) => row.name)).toEqual(classOf87.map((row) => row.name));
    expect(result.valid.map((row) => row.company)).toEqual(classOf87.map((row) => row.company));
    expect(result.valid.map((row) => row.district)).toEqual(classOf87.map((row) => row.district));
  });

  test("a GBK file of a single row is still read as GBK, whatever chardet guesses for so little text", async () => {
    const result = await readAndValidate("一人.csv", rosterCsv(classOf87.slice(0, 1), { encoding: "gbk" }));
    expect(result.valid.map((row) => row.name)).toEqual([classOf87[0]?.name]);
  });

  test("a Big5 file (saved on a traditional-Chinese system) is recognised", async () => {
    const text =
      "Name,Mobile,Company\r\n陳偉強,13700000001,臺北興業股份有限公司\r\n林淑芬,13700000002,高雄鋼鐵工業有限公司\r\n";
    const result = await readAndValidate("名冊.csv", iconv.encode(text, "big5"));
    expect(result.encoding).toBe("Big5");
    expect(result.valid.map((row) => row.company)).toEqual(["臺北興業股份有限公司", "高雄鋼鐵工業有限公司"]);
  });
});

describe("the sheets district offices send", () => {
  test("a title row above the header is skipped and rows keep Excel's numbers", async () => {
    const bytes = await rosterXlsx(classOf87.slice(0, 3), { titleRow: "江滨区企业家学院第一期报名表" });
    const result = await readAndValidate("江滨区.xlsx", bytes);
    expect(result.issues).toEqual([]);
    expect(result.valid.map((row) => row.rowNumber)).toEqual([3, 4, 5]);
  });

  test("English headers are understood", async () => {
    const result = await readAndValidate("roster.xlsx", await rosterXlsx(classOf87.slice(0, 5), { headers: "en" }));
    expect(result.issues).toEqual([]);
    expect(result.valid.map((row) => row.mobile)).toEqual(classOf87.slice(0, 5).map((row) => row.mobile));
  });

  test("mobiles stored as numbers come out as the 11 digits", async () => {
    const bytes = await rosterXlsx(classOf87.slice(0, 3), { mobileAsNumber: true });
    const read = await readRosterFile({ fileName: "a.xlsx", bytes });
    expect(read.ok && read.rows.map((row) => row.cells.mobile)).toEqual(["13700000001", "13700000002", "13700000003"]);
  });

  test("headers are matched loosely: asterisks, notes in brackets, spaces, full-width letters", async () => {
    const bytes = await rosterXlsx(
      [{ name: "王伟", mobile: "13700000001", company: "云溪恒达有限公司", email: "A@B.CN" }],
      {
        headers: { name: " 姓名* ", mobile: "手机号码（必填）", company: "工作单位", email: "Ｅ－ｍａｉｌ" },
      },
    );
    const result = await readAndValidate("a.xlsx", bytes);
    expect(result.issues).toEqual([]);
    expect(result.valid[0]).toMatchObject({ name: "王伟", mobile: "13700000001", email: "a@b.cn" });
  });

  test("of two phone columns the mobile one is used, and unknown columns are ignored", async () => {
    const bytes = await xlsxFrom([
      ["序号", "姓名", "联系电话", "手机号", "单位", "备注"],
      [1, "王伟", "0795-1234567", "13700000001", "云溪恒达有限公司", "副会长单位"],
    ]);
    const result = await readAndValidate("a.xlsx", bytes);
    expect(result.issues).toEqual([]);
    expect(result.valid[0]).toMatchObject({ mobile: "13700000001", company: "云溪恒达有限公司" });
  });

  test("empty rows, and rows with nothing but a pre-filled 序号, are ignored", async () => {
    const bytes = await xlsxFrom([
      ["序号", "姓名", "手机号", "企业名称"],
      [1, "王伟", "13700000001", "云溪恒达有限公司"],
      [],
      [2, "李娜", "13700000002", "云溪华鑫有限公司"],
      [3, null, null, null],
      [4, "  ", "\u3000", null],
    ]);
    const result = await readAndValidate("a.xlsx", bytes);
    expect(result.issues).toEqual([]);
    expect(result.valid.map((row) => [row.rowNumber, row.name])).toEqual([
      [2, "王伟"],
      [4, "李娜"],
    ]);
  });

  test("rich text, e-mail links, formula results, dates, and full-width spaces read as shown", async () => {
    const bytes = await xlsxFrom([
      ["姓名", "手机号", "企业名称", "邮箱", "职务", "行业"],
      [
        { richText: [{ text: "王", font: { bold: true } }, { text: "伟" }] },
        { formula: 'TEXT(13700000001,"0")', result: "13700000001" },
        "\u3000云溪恒达有限公司\u3000",
        { text: "Wang.Wei@Example.com", hyperlink: "mailto:Wang.Wei@Example.com" },
        new Date(Date.UTC(2025, 2, 10)),
        { formula: "1+1", result: 2 },
      ],
      [
        "李娜",
        // Binary noise, as a formula or a conversion leaves it; Excel shows 13700000002.
        13700000002 + 4e-6,
        "云溪华鑫有限公司",
        { text: " ", hyperlink: "mailto:lina@example.com" },
        null,
        null,
      ],
    ]);
    const result = await readAndValidate("a.xlsx", bytes);
    expect(result.issues).toEqual([]);
    expect(result.valid[0]).toMatchObject({
      name: "王伟",
      mobile: "13700000001",
      company: "云溪恒达有限公司",
      email: "wang.wei@example.com",
      position: "2025-03-10",
      industry: "2",
    });
    expect(result.valid[1]).toMatchObject({ mobile: "13700000002", email: "lina@example.com" });
  });

  test("names padded to line up (王  伟) lose the padding; full-width digits and ＠ are folded", async () => {
    const { valid, issues } = validateRosterRows([
      {
        rowNumber: 2,
        cells: {
          name: "王  伟",
          mobile: "１３７ ００００ ０００１",
          company: "云溪恒达有限公司",
          email: "wang＠example.com",
        },
      },
      {
        rowNumber: 3,
        cells: {
          name: "John  Smith",
          mobile: "+86 137-0000-0002",
          company: "Acme",
          creditCode: "9136 1202 MA00 03FY B3",
        },
      },
    ]);
    expect(issues).toEqual([]);
    expect(valid[0]).toMatchObject({ name: "王伟", mobile: "13700000001", email: "wang@example.com" });
    expect(valid[1]).toMatchObject({ name: "John Smith", mobile: "13700000002", creditCode: "91361202MA0003FYB3" });
  });
});

describe("problems are named by row and column", () => {
  const good = (i: number): RosterFileRow => ({ ...classOf87[i] });

  test("each kind of problem, in a file with good rows around it", async () => {
    const rows: RosterFileRow[] = [
      good(0), // row 2
      { ...good(1), mobile: "1380000001" }, // row 3: ten digits
      {
        ...good(2),
        creditCode: `${classOf87[2]?.creditCode.slice(0, 17)}${classOf87[2]?.creditCode.endsWith("0") ? "1" : "0"}`,
      }, // row 4
      { ...good(3), name: "" }, // row 5
      { ...good(4), mobile: classOf87[0]?.mobile }, // row 6: same mobile as row 2
      { ...good(5), email: "wang@@example" }, // row 7
      { ...good(6), company: "云".repeat(rosterLimits.company + 1) }, // row 8
      { ...good(7), creditCode: "91361202MA0003FY" }, // row 9: too short
      { ...good(8), creditCode: "91361202MA0003FYBI" }, // row 10: I is not allowed
      { ...good(9), mobile: "1.37E+10" }, // row 11: Excel's scientific notation, saved to CSV
      { name: "李娜" }, // row 12: no mobile, no company
      good(10), // row 13
    ];
    const result = await readAndValidate("a.csv", rosterCsv(rows));
    const issues = result.issues.map(({ rowNumber, column, messageKey, otherRow }) => ({
      rowNumber,
      column,
      messageKey,
      ...(otherRow === undefined ? {} : { otherRow }),
    }));
    expect(issues).toEqual([
      { rowNumber: 3, column: "mobile", messageKey: "roster.errors.mobileInvalid" },
      { rowNumber: 4, column: "creditCode", messageKey: "roster.errors.creditCodeCheckDigit" },
      { rowNumber: 5, column: "name", messageKey: "roster.errors.nameRequired" },
      { rowNumber: 6, column: "mobile", messageKey: "roster.errors.duplicateInFile", otherRow: 2 },
      { rowNumber: 7, column: "email", messageKey: "roster.errors.emailInvalid" },
      { rowNumber: 8, column: "company", messageKey: "roster.errors.companyTooLong" },
      { rowNumber: 9, column: "creditCode", messageKey: "roster.errors.creditCodeLength" },
      { rowNumber: 10, column: "creditCode", messageKey: "roster.errors.creditCodeCharacters" },
      { rowNumber: 11, column: "mobile", messageKey: "roster.errors.mobileScientificNotation" },
      { rowNumber: 12, column: "mobile", messageKey: "roster.errors.mobileRequired" },
      { rowNumber: 12, column: "company", messageKey: "roster.errors.companyRequired" },
    ]);
    expect(result.issues[0]?.value).toBe("1380000001");
    expect(result.valid.map((row) => row.rowNumber)).toEqual([2, 13]);
  });

  test("the optional columns have length limits too, and e-mail addresses may not repeat", () => {
    const long = "很".repeat(51);
    const { valid, issues } = validateRosterRows([
      { rowNumber: 2, cells: { name: "王伟", mobile: "13700000001", company: "甲", email: "same@example.com" } },
      {
        rowNumber: 3,
        cells: {
          name: long,
          mobile: "13700000002",
          company: "乙",
          position: long,
          industry: long,
          district: long,
          email: "SAME@example.com",
        },
      },
    ]);
    expect(valid.map((row) => row.rowNumber)).toEqual([2]);
    expect(issues.map((issue) => [issue.column, issue.messageKey, issue.otherRow])).toEqual([
      ["name", "roster.errors.nameTooLong", undefined],
      ["position", "roster.errors.positionTooLong", undefined],
      ["industry", "roster.errors.industryTooLong", undefined],
      ["district", "roster.errors.districtTooLong", undefined],
      ["email", "roster.errors.duplicateEmailInFile", 2],
    ]);
  });

  test("a pasted paragraph is quoted back shortened", () => {
    const { issues } = validateRosterRows([
      { rowNumber: 2, cells: { name: "王伟", mobile: "13700000001", company: "长".repeat(5000) } },
    ]);
    expect([...(issues[0]?.value ?? "")]).toHaveLength(101);
  });

  test("missing required columns are one file-level problem naming them", async () => {
    const bytes = await rosterXlsx(classOf87.slice(0, 2), {
      headers: { name: "姓名", position: "职务", email: "邮箱" },
    });
    const read = await readRosterFile({ fileName: "a.xlsx", bytes });
    expect(read).toEqual({
      ok: false,
      issue: {
        rowNumber: null,
        column: null,
        messageKey: "roster.errors.file.missingColumns",
        value: "mobile,company",
      },
    });
    if (read.ok) return;
    const zh = messages["zh-CN"].roster.columns;
    expect(rosterIssueValues(read.issue, (column: RosterColumn) => zh[column])).toEqual({
      value: "mobile,company",
      columns: "手机号、企业名称",
    });
  });
});

describe("files that are not rosters are refused with a reason, never a throw", () => {
  const refusal = async (fileName: string, bytes: Uint8Array) => {
    const read = await readRosterFile({ fileName, bytes });
    return read.ok ? null : read.issue;
  };

  test.each([
    [
      "报名表.xls",
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      "roster.errors.file.xlsNotSupported",
    ],
    ["报名表.XLS", Buffer.from("anything"), "roster.errors.file.xlsNotSupported"],
    [
      "encrypted.xlsx",
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      "roster.errors.file.protectedOrLegacy",
    ],
    ["garbage.xlsx", Buffer.from("this is not a spreadsheet at all, just some text"), "roster.errors.file.unreadable"],
    [
      "truncated.xlsx",
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
      "roster.errors.file.unreadable",
    ],
    ["empty.xlsx", Buffer.alloc(0), "roster.errors.file.empty"],
    ["empty.csv", Buffer.from("\ufeff\r\n  \r\n"), "roster.errors.file.empty"],
    ["binary.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), "roster.errors.file.unreadable"],
    ["huge.csv", Buffer.alloc(maxRosterFileBytes + 1, 0x41), "roster.errors.file.tooLarge"],
    ["notes.csv", Buffer.from("江滨区报名表\r\n请于周五前报送\r\n"), "roster.errors.file.noHeaderRow"],
    [
      "broken.csv",
      Buffer.from('姓名,手机号,企业名称\r\n王伟,13700000001,"云溪恒达\r\n'),
      "roster.errors.file.csvMalformed",
    ],
  ])("%s", async (fileName, bytes, messageKey) => {
    expect(await refusal(fileName, bytes)).toMatchObject({ rowNumber: null, column: null, messageKey });
  });

  test("other extensions name the extension", async () => {
    expect(await refusal("报名表.pdf", Buffer.from("%PDF"))).toMatchObject({
      messageKey: "roster.errors.file.unsupportedType",
      value: ".pdf",
    });
  });

  test("a workbook without a recognisable header row", async () => {
    const bytes = await xlsxFrom([["江滨区报名表"], ["请于周五前报送"], ["王伟", "13700000001"]]);
    expect(await refusal("a.xlsx", bytes)).toMatchObject({ messageKey: "roster.errors.file.noHeaderRow" });
  });
});
