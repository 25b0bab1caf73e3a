// The workbooks Academy writes: the template staff fill in, the roster export and the activation-code list.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { messages } from "~/utils/i18n.ts";
import { demoRosterRows, rosterCsv, rosterXlsx } from "../../../tests/factories/roster-files.ts";
import { rosterLimits } from "./roster.ts";
import { neutraliseCell } from "~/utils/workbook.server.ts";
import { validateRosterRows } from "./roster-rows.server.ts";
import { readRosterFile } from "./spreadsheet.server.ts";
import { rosterTemplate, writeActivationCodes, writeRosterWorkbook } from "./spreadsheet-write.server.ts";

const classOf87 = demoRosterRows(87);

async function readAndValidate(fileName: string, bytes: Uint8Array) {
  const read = await readRosterFile({ fileName, bytes });
  if (!read.ok) throw new Error(`Expected the file to be read, got ${read.issue.messageKey}`);
  return { ...validateRosterRows(read.rows), encoding: read.encoding, rows: read.rows };
}

async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

describe("the template", () => {
  test.each(["zh-CN", "en"] as const)("in %s reads back with no rows and no problem", async (language) => {
    const read = await readRosterFile({ fileName: "template.xlsx", bytes: await rosterTemplate(language) });
    expect(read).toEqual({ ok: true, rows: [], encoding: null });
  });

  test("has Chinese headers with the required ones marked, text-formatted code columns, and instructions", async () => {
    const workbook = await loadWorkbook(await rosterTemplate("zh-CN"));
    const [sheet, instructions] = workbook.worksheets;
    expect(sheet?.actualColumnCount).toBe(8);
    expect(sheet?.getCell("A1").text).toBe("姓名*");
    expect(sheet?.getCell("B1").text).toBe("手机号*");
    expect(sheet?.getCell("D1").text).toBe("职务");
    expect(sheet?.getColumn(2).numFmt).toBe("@");
    expect(sheet?.getColumn(7).numFmt).toBe("@");
    expect(instructions?.name).toBe("填写说明");
  });

  test("filled with 87 rows reads back as them", async () => {
    const workbook = await loadWorkbook(await rosterTemplate("zh-CN"));
    const sheet = workbook.worksheets[0]!;
    for (const row of classOf87) {
      sheet.addRow([
        row.name,
        row.mobile,
        row.company,
        row.position,
        row.industry,
        row.district,
        row.creditCode,
        row.email,
      ]);
    }
    const result = await readAndValidate("filled.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result.issues).toEqual([]);
    expect(result.valid.map(({ rowNumber: _, ...row }) => row)).toEqual(classOf87);
  });
});

describe("writing", () => {
  test.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@x", "'@x"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["王伟", "王伟"],
    ["a=b", "a=b"],
    ["13700000001", "13700000001"],
    ["", ""],
  ])("neutraliseCell(%j) is %j", (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  test("the roster export writes would-be formulas as plain strings, and Chinese intact", async () => {
    const bytes = await writeRosterWorkbook(
      [
        {
          name: "=SUM(A1)",
          mobile: "13700000001",
          company: "+1",
          position: "-1",
          industry: "@x",
          district: "临溪县",
          creditCode: "91361202MA0003FYB3",
          email: null,
          status: "enrolled",
          enrolledAt: "2025-03-01 09:30",
        },
      ],
      "zh-CN",
    );
    const sheet = (await loadWorkbook(bytes)).worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "姓名",
      "手机号",
      "企业名称",
      "职务",
      "行业",
      "区县",
      "统一社会信用代码",
      "邮箱",
      "状态",
      "录取时间",
    ]);
    for (const [address, expected] of [
      ["A2", "'=SUM(A1)"],
      ["C2", "'+1"],
      ["D2", "'-1"],
      ["E2", "'@x"],
    ] as const) {
      const cell = sheet.getCell(address);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeFalsy();
      expect(cell.value).toBe(expected);
    }
    expect(sheet.getCell("B2").value).toBe("13700000001");
    expect(sheet.getCell("F2").value).toBe("临溪县");
    expect(sheet.getCell("H2").value).toBeNull();
    expect(sheet.getCell("I2").value).toBe("已录取");
    expect(sheet.getCell("J2").value).toBe("2025-03-01 09:30");
  });

  test("an exported roster can be imported again", async () => {
    const bytes = await writeRosterWorkbook(
      classOf87.map((row) => ({ ...row, status: "enrolled" })),
      "en",
    );
    const result = await readAndValidate("export.xlsx", bytes);
    expect(result.issues).toEqual([]);
    expect(result.valid.map(({ rowNumber: _, ...row }) => row)).toEqual(classOf87);
  });

  test("activation codes: text codes, clickable web links only, expiry in the academy's time zone", async () => {
    const bytes = await writeActivationCodes(
      [
        {
          name: "王伟",
          mobile: "13700000001",
          code: "042917",
          link: "https://academy.example.cn/activate/abc",
          expires: new Date("2025-03-10T10:00:00Z"),
        },
        {
          name: "@李娜",
          mobile: "13700000002",
          code: "-12345",
          link: "javascript:alert(1)",
          expires: "2025-03-10 18:00",
        },
      ],
      "zh-CN",
    );
    const sheet = (await loadWorkbook(bytes)).worksheets[0]!;
    expect(sheet.name).toBe("激活码");
    expect(sheet.getCell("C2").value).toBe("042917");
    expect(sheet.getCell("D2").value).toEqual({
      text: "https://academy.example.cn/activate/abc",
      hyperlink: "https://academy.example.cn/activate/abc",
    });
    expect(sheet.getCell("E2").value).toBe("2025-03-10 18:00");
    expect(sheet.getCell("A3").value).toBe("'@李娜");
    expect(sheet.getCell("C3").value).toBe("'-12345");
    expect(sheet.getCell("D3").value).toBe("javascript:alert(1)");
  });
});

test("10,000 rows parse, from .xlsx and from GBK .csv", async () => {
  const rows = demoRosterRows(10_000);
  const fromXlsx = await readAndValidate("big.xlsx", await rosterXlsx(rows));
  expect(fromXlsx.valid).toHaveLength(10_000);
  const fromCsv = await readAndValidate("big.csv", rosterCsv(rows, { encoding: "gbk" }));
  expect(fromCsv.valid).toHaveLength(10_000);
  expect(fromCsv.valid[9_999]?.name).toBe(rows[9_999]?.name);
});

test("every message key the roster code uses exists in both languages", () => {
  const source = ["./spreadsheet.server.ts", "./spreadsheet-bounds.server.ts", "./roster-header.ts", "./roster-rows.server.ts", "./roster.ts"]
    .map((file) => readFileSync(new URL(file, import.meta.url), "utf8"))
    .join("\n");
  const keys = new Set(source.match(/roster\.errors\.[a-zA-Z.]+[a-zA-Z]/g));
  expect(keys.size).toBeGreaterThan(20);
  const lookup = (tree: object, key: string) =>
    key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
  for (const language of ["zh-CN", "en"] as const) {
    for (const key of keys) expect(typeof lookup(messages[language], key), `${language}: ${key}`).toBe("string");
    for (const column of ["company", "name", "position", "industry", "district"] as const) {
      expect(lookup(messages[language], `roster.errors.${column}TooLong`)).toContain(String(rosterLimits[column]));
    }
  }
});
