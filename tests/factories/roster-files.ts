// Roster files as district offices send them, made in memory: for the unit
// tests, the benchmark and the end-to-end import flow.
//
// The people are made up here rather than taken from the demo academy, so an
// imported class never shares a name, company or credit code with the seeded
// trainees; the districts are the demo city's, so the data fits the demo.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from "~/modules/people/credit-code.ts";
import { type RosterColumn, rosterColumns } from "~/modules/roster/roster.ts";
import { type Language, messages } from "~/utils/i18n.ts";
import { demoDistricts } from "../../prisma/seed/demo-data.ts";

export type DemoRosterRow = {
  name: string;
  mobile: string;
  company: string;
  position: string;
  industry: string;
  district: string;
  creditCode: string;
  email: string | null;
};

/** A row to write: any text (valid or not) or a number, as a sheet may hold it. */
export type RosterFileRow = Partial<Record<RosterColumn, string | number | null>>;

// prettier-ignore
const surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "高", "林", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董", "潘", "袁", "蔡", "蒋", "余", "熊", "万", "涂", "邹", "欧阳"];
// prettier-ignore
const givenNames = ["卫国", "海峰", "红梅", "志明", "秀兰", "建新", "晓光", "德华", "丽萍", "永强", "春华", "国平", "新华", "玉梅", "金生", "桂英", "文杰", "雪芳", "振宇", "慧琳", "家明", "思远", "一帆", "子涵", "明哲", "嘉欣", "宇轩", "雨桐", "浩宇", "梓萱", "俊熙", "可馨", "立伟", "淑芬", "荣华", "安琪", "鹏", "琦", "勇", "萍", "斌", "洁", "军", "霞", "坤", "蕾", "亮", "静"];
// prettier-ignore
const brands = ["宏达", "鑫源", "华创", "瑞通", "金诚", "远景", "盛世", "博雅", "天瑞", "恒信", "中联", "新城", "联华", "东升", "和信", "聚力", "晶华", "百盛", "开元", "锦华", "嘉和", "德馨", "久益", "华智"];
const businesses: readonly (readonly [industry: string, business: string])[] = [
  ["装备制造", "机械制造有限公司"],
  ["新材料", "新材料股份有限公司"],
  ["电子信息", "智能科技有限公司"],
  ["纺织服装", "服饰有限公司"],
  ["食品加工", "食品有限公司"],
  ["现代物流", "供应链有限公司"],
  ["建筑建材", "建设工程有限公司"],
  ["生物医药", "医药科技有限公司"],
  ["跨境电商", "国际贸易有限公司"],
  ["文化旅游", "文旅发展有限公司"],
];
const positions = ["董事长", "总经理", "董事长兼总经理", "执行董事", "副总经理", "创始人"];

function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new RangeError("empty list");
  return item;
}

/** Nine code characters from a number, so every row's code differs ("MA" + seven base-31 characters). */
function organisationBody(n: number): string {
  let rest = n;
  let body = "";
  for (let i = 0; i < 7; i++) {
    body = CREDIT_CODE_ALPHABET.charAt(rest % 31) + body;
    rest = Math.floor(rest / 31);
  }
  return `MA${body}`;
}

/**
 * `count` valid rows with realistic Chinese names and companies, unique
 * mobile numbers from `firstMobile` (default 13700000001, clear of the demo
 * academy's 13800000001…) and unique, valid credit codes. Every third row
 * has an e-mail address unless `emails` is false.
 */
export function demoRosterRows(
  count: number,
  { firstMobile = "13700000001", emails = true }: { firstMobile?: string; emails?: boolean } = {},
): DemoRosterRow[] {
  const base = Number(firstMobile);
  if (!/^1[3-9]\d{9}$/.test(firstMobile) || base + count - 1 > 19_999_999_999) {
    throw new RangeError(`Cannot number ${count} mobiles from ${firstMobile}`);
  }
  return Array.from({ length: count }, (_, i) => {
    const mobile = String(base + i);
    const district = pick(demoDistricts, i * 5 + Math.floor(i / 9));
    const [industry, business] = pick(businesses, i * 3 + Math.floor(i / 10));
    // Steps coprime with the list lengths: 720 different names before the first repeats.
    const name = pick(surnames, i * 7) + pick(givenNames, i * 11 + Math.floor(i / 720));
    const place = district.county ? district.name.replace(/[县市]$/, "") : "云溪";
    const first17 = `91${district.code}${organisationBody(i * 7919 + 104_729)}`;
    return {
      name,
      mobile,
      company: `${place}${pick(brands, i * 5 + Math.floor(i / brands.length))}${business}`,
      position: pick(positions, i),
      industry,
      district: district.name,
      creditCode: first17 + creditCodeCheckChar(first17),
      email: emails && i % 3 === 0 ? `trainee${mobile}@example.com` : null,
    };
  });
}

type HeaderOption = Language | Partial<Record<RosterColumn, string>>;

/** The header labels in column order; a map writes only the columns it names, under those names. */
function headerColumns(headers: HeaderOption): [RosterColumn, string][] {
  if (typeof headers === "string") {
    const labels = messages[headers].roster.columns;
    return rosterColumns.map((column) => [column, labels[column]]);
  }
  return rosterColumns.flatMap((column) => {
    const label = headers[column];
    return label === undefined ? [] : [[column, label] as [RosterColumn, string]];
  });
}

/**
 * An .xlsx roster: optionally a merged title row above the header (as the
 * district offices send them), headers in either language or custom ones,
 * and mobiles as numbers, as Excel stores them when typed into a plain cell.
 */
export async function rosterXlsx(
  rows: readonly RosterFileRow[],
  {
    titleRow,
    headers = "zh-CN",
    mobileAsNumber = false,
    sheetName = "Sheet1",
  }: { titleRow?: string; headers?: HeaderOption; mobileAsNumber?: boolean; sheetName?: string } = {},
): Promise<Buffer> {
  const columns = headerColumns(headers);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  if (titleRow !== undefined) {
    sheet.addRow([titleRow]);
    sheet.mergeCells(1, 1, 1, Math.max(columns.length, 1));
  }
  sheet.addRow(columns.map(([, label]) => label));
  for (const row of rows) {
    sheet.addRow(
      columns.map(([column]) => {
        const value = row[column];
        if (mobileAsNumber && column === "mobile" && typeof value === "string" && /^\d+$/.test(value)) {
          return Number(value);
        }
        return value ?? null;
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Quoted as Excel quotes: only fields holding the delimiter, a quote or a line break. */
function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A .csv roster with CRLF line ends, as Excel saves it: "utf8-bom" is Excel's
 * "CSV UTF-8", "gbk" its "CSV (逗号分隔)" on Chinese Windows, "utf8" what WPS
 * and most other tools write.
 */
export function rosterCsv(
  rows: readonly RosterFileRow[],
  { encoding = "utf8", headers = "zh-CN" }: { encoding?: "utf8" | "utf8-bom" | "gbk"; headers?: HeaderOption } = {},
): Buffer {
  const columns = headerColumns(headers);
  const lines = [
    columns.map(([, label]) => csvField(label)).join(","),
    ...rows.map((row) => columns.map(([column]) => csvField(row[column])).join(",")),
  ];
  const text = `${lines.join("\r\n")}\r\n`;
  if (encoding === "gbk") return iconv.encode(text, "gbk");
  const utf8 = Buffer.from(text, "utf8");
  return encoding === "utf8-bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
}
