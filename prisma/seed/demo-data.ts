// The demo academy as plain data: its people, partners, timetable and the
// attendance of the weeks already taught. Nothing here touches the database
// (seed-demo-academy.ts writes it), so the plan can be tested on its own.
//
// Everything is derived from fixed PRNG seeds and the anchor date ("today" in
// the academy's time zone): the same anchor gives the same academy, and the
// people do not depend on the anchor at all.
import { createHash } from "node:crypto";
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from "../../app/modules/people/credit-code.ts";
import { DEMO_TRAINEE_COUNT, demoInstructor, demoStaff, demoTraineeMobile } from "./demo-logins.ts";

// ---------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: tiny, fast and good enough for made-up rosters; the same seed always gives the same sequence. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Weighted<T> = readonly (readonly [T, number])[];

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  fraction(): number {
    return this.next();
  }

  /** Inclusive at both ends. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return at(items, this.int(0, items.length - 1));
  }

  weighted<T>(entries: Weighted<T>): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return at(entries, entries.length - 1)[0];
  }
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`No item at ${index} of ${items.length}`);
  return item;
}

// Separate streams, so that adding a session does not rename every trainee.
const SEEDS = { people: 0x5eed_0001, attendance: 0x5eed_0002, applications: 0x5eed_0003 } as const;

// ---------------------------------------------------------------------------
// Dates and times

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact. */
const ACADEMY_UTC_OFFSET_HOURS = 8;
export const ACADEMY_TIME_ZONE = "Asia/Shanghai";

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function assertCalendarDate(value: string): void {
  const match = datePattern.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  if (!match || parsed.getUTCFullYear() !== year || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) {
    throw new RangeError(`Expected a calendar date as YYYY-MM-DD, got "${value}"`);
  }
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The instant at which the academy's clocks show `time` on `date`. */
export function academyInstant(date: string, time: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, day, hours - ACADEMY_UTC_OFFSET_HOURS, minutes));
}

/** The academy's calendar date at `instant`. */
export function academyDate(instant: Date): string {
  return new Date(instant.getTime() + ACADEMY_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
}

function plusMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}

function plusSeconds(instant: Date, seconds: number): Date {
  return new Date(instant.getTime() + seconds * 1000);
}

// ---------------------------------------------------------------------------
// The city. 云溪市 is made up; its codes sit in Jiangxi's unassigned 3612xx
// range, so no generated credit code can belong to a real company.

export const demoCity = { province: "江西省", name: "云溪市", shortName: "云溪", regionCode: "361200" } as const;

type District = { name: string; code: string; county: boolean; weight: number };

/** Districts, counties, a county-level city and two development zones; 临溪县's federation co-organises cohort 1. */
export const demoDistricts: readonly District[] = [
  { name: "江滨区", code: "361202", county: false, weight: 16 },
  { name: "云湖区", code: "361203", county: false, weight: 13 },
  { name: "青山区", code: "361204", county: false, weight: 9 },
  { name: "云溪高新区", code: "361271", county: false, weight: 14 },
  { name: "云溪经开区", code: "361272", county: false, weight: 11 },
  { name: "临溪县", code: "361221", county: true, weight: 12 },
  { name: "石梁县", code: "361222", county: true, weight: 6 },
  { name: "凤岭县", code: "361223", county: true, weight: 5 },
  { name: "溪口市", code: "361281", county: true, weight: 9 },
];

// ---------------------------------------------------------------------------
// Trainees

export type DemoTrainee = {
  /** 0-based roster order; trainee 0 is the demo trainee login. */
  index: number;
  mobile: string;
  name: string;
  company: string;
  position: string;
  industry: string;
  district: string;
  creditCode: string;
};

// Weighted roughly by national frequency, with the surnames common in Jiangxi (胡, 熊, 万, 涂) a little higher.
// prettier-ignore
const surnames: Weighted<string> = [
  ["王", 70], ["李", 70], ["张", 64], ["刘", 60], ["陈", 54], ["杨", 30], ["黄", 26], ["赵", 22], ["吴", 22],
  ["周", 20], ["徐", 18], ["孙", 15], ["马", 14], ["朱", 13], ["胡", 20], ["郭", 12], ["何", 11], ["高", 11],
  ["林", 11], ["罗", 12], ["郑", 9], ["梁", 9], ["谢", 9], ["宋", 8], ["唐", 8], ["许", 7], ["韩", 7], ["冯", 7],
  ["邓", 7], ["曹", 6], ["彭", 7], ["曾", 7], ["肖", 6], ["田", 5], ["董", 5], ["袁", 5], ["潘", 5], ["蒋", 5],
  ["蔡", 5], ["余", 6], ["杜", 4], ["叶", 4], ["程", 5], ["魏", 4], ["吕", 4], ["丁", 4], ["沈", 3], ["姚", 3],
  ["熊", 6], ["万", 5], ["涂", 4], ["邹", 4], ["江", 4], ["钟", 4], ["汪", 4], ["聂", 3], ["龚", 3], ["付", 3],
  ["甘", 2], ["饶", 2], ["邱", 3], ["廖", 3], ["戴", 2], ["卢", 3], ["欧阳", 1],
];

// prettier-ignore
const maleGivenNames = [
  "建国", "志强", "国华", "海涛", "振华", "永刚", "文斌", "建华", "晓东", "俊杰", "伟民", "立新", "明辉", "春生",
  "德明", "国庆", "志远", "家豪", "子轩", "浩然", "宇航", "晨阳", "一鸣", "博文", "天佑", "卫东", "建军", "金龙",
  "庆丰", "兆祥", "鹏飞", "宏伟", "新民", "正阳", "承志", "泽宇", "俊豪", "嘉诚", "瑞祥", "永福", "树林", "水生",
  "晓峰", "国栋", "志刚", "成林", "学军", "建平", "立群", "剑锋", "明远", "子健", "昊天", "启航", "绍华", "长贵",
  "德胜", "光辉", "汉卿", "景行", "思成", "宗元", "茂林", "家旺", "裕民", "有才",
];
// prettier-ignore
const femaleGivenNames = [
  "丽华", "秀英", "晓燕", "美玲", "雅琴", "慧敏", "静怡", "婷婷", "思琪", "佳慧", "海燕", "玉兰", "桂芳", "晓红",
  "春梅", "丽娟", "文静", "欣怡", "淑贞", "若兰", "雪梅", "素芬", "明珠", "惠芳", "诗涵", "凤英",
];
// prettier-ignore
const singleGivenNames = ["伟", "强", "军", "勇", "杰", "涛", "斌", "明", "辉", "刚", "磊", "鹏", "峰", "浩", "洋", "凯", "鑫", "彬"];
const singleFemaleGivenNames = ["静", "敏", "燕", "丽", "娟", "霞", "婷", "芳", "琳", "颖"];

type Industry = { label: string; weight: number; businesses: readonly string[] };

/** `businesses` complete "<place><brand>…" into a registered company name. */
// prettier-ignore
const industries: readonly Industry[] = [
  { label: "装备制造", weight: 14, businesses: ["精密机械有限公司", "智能装备股份有限公司", "机电设备制造有限公司", "汽车零部件有限公司", "电机有限公司"] },
  { label: "新材料", weight: 10, businesses: ["新材料科技股份有限公司", "稀土新材料有限公司", "高分子材料有限公司", "铜业有限公司", "锂电材料有限公司"] },
  { label: "电子信息", weight: 10, businesses: ["电子科技有限公司", "光电科技有限公司", "信息技术有限公司", "软件有限公司", "半导体有限公司"] },
  { label: "纺织服装", weight: 8, businesses: ["纺织有限公司", "服饰有限公司", "针织服装有限公司", "家纺有限公司"] },
  { label: "食品加工", weight: 9, businesses: ["食品有限公司", "茶业有限公司", "粮油有限公司", "生态农业开发有限公司", "酒业有限公司"] },
  { label: "现代物流", weight: 7, businesses: ["物流有限公司", "供应链管理有限公司", "冷链物流有限公司"] },
  { label: "建筑建材", weight: 9, businesses: ["建设集团有限公司", "建材有限公司", "陶瓷有限公司", "新型墙体材料有限公司", "建筑工程有限公司"] },
  { label: "生物医药", weight: 7, businesses: ["生物科技有限公司", "药业有限公司", "医疗器械有限公司", "中药饮片有限公司"] },
  { label: "跨境电商", weight: 6, businesses: ["电子商务有限公司", "跨境电商有限公司", "进出口贸易有限公司"] },
  { label: "文化旅游", weight: 5, businesses: ["文化旅游发展有限公司", "酒店管理有限公司", "文化传媒有限公司"] },
];

// 字号: the distinctive part of a company name. 恒通 is kept out: it is the partner company's.
// prettier-ignore
const brands = [
  "恒达", "华鑫", "金泰", "宏远", "瑞丰", "鼎盛", "天成", "永兴", "博源", "嘉诚", "盛华", "联创", "中晟", "汇通",
  "富康", "佳美", "德润", "正邦", "鸿运", "兴隆", "长青", "新宇", "昌盛", "明辉", "润泽", "广源", "锦程", "卓越",
  "凯瑞", "华锐", "泰和", "益丰", "同创", "海川", "信达", "万通", "丰泽", "腾飞", "安泰", "旭日", "晨光", "远航",
  "合力", "亿丰", "众联", "科达", "华泰", "聚源", "金鼎", "宝丰", "立信", "思源", "致远", "尚品", "华林", "蓝天",
  "绿源", "赣江", "云峰", "溪禾", "青岚", "臻品", "星辰", "银杉", "国邦", "时代", "创新", "振兴", "宏图", "利民",
  "顺达", "天宇", "祥和", "东方", "九州", "泓源", "乐康", "百川", "红星", "金沙", "荣昌", "美华", "宏盛", "丰源",
  "世纪", "伟业", "德邦", "兴旺", "鹏程", "铭泰", "华冠", "优品", "启明", "新锐", "万家", "骏马", "玉龙", "松林",
  "朝阳", "天晟", "弘毅", "华夏", "康达", "瑞华", "凯迪", "远大", "融通", "金桥", "翔宇", "德信", "正源", "富华",
];

// prettier-ignore
const positions: Weighted<string> = [
  ["董事长", 30], ["总经理", 24], ["董事长兼总经理", 12], ["执行董事", 8], ["副总经理", 10], ["创始人", 7], ["总裁", 5],
];

/**
 * The middle nine characters of a credit code are the old organisation code
 * (GB 11714: eight characters and a check character), so generated codes look
 * like real ones: "MA…" for companies registered since 2015, digits before.
 */
function organisationCode(random: Random): string {
  const alphabet = CREDIT_CODE_ALPHABET.split("");
  const body =
    random.fraction() < 0.65
      ? `MA${random.int(3, 9)}${Array.from({ length: 5 }, () => random.pick(alphabet)).join("")}`
      : `${random.pick(["5", "6", "7"])}${Array.from({ length: 7 }, () => random.int(0, 9)).join("")}`;
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body.split("").reduce((total, char, i) => total + Number.parseInt(char, 36) * at(weights, i), 0);
  const check = 11 - (sum % 11);
  return body + (check === 10 ? "X" : check === 11 ? "0" : String(check));
}

function creditCodeFor(random: Random, district: District): string {
  // 9 = registered by the market regulator, 1 = an enterprise.
  const first17 = `91${district.code}${organisationCode(random)}`;
  return first17 + creditCodeCheckChar(first17);
}

function companyName(random: Random, brand: string, industry: Industry, district: District): string {
  return `${companyPlace(random, district)}${brand}${random.pick(industry.businesses)}`;
}

/** Companies in the counties mostly carry the county's name; the others the city's or the province's. */
function companyPlace(random: Random, district: District): string {
  if (district.county && random.fraction() < 0.6) return district.name.replace(/市$/, "");
  const places: Weighted<string> = [
    [demoCity.shortName, 7],
    [demoCity.province.slice(0, 2), 2],
    [demoCity.name, 1],
  ];
  return random.weighted(places);
}

/** The same roster every time: names, companies and credit codes are unique. */
export function generateDemoTrainees(count: number = DEMO_TRAINEE_COUNT): DemoTrainee[] {
  if (count > brands.length) throw new RangeError(`At most ${brands.length} demo trainees (one company each)`);
  const random = new Random(SEEDS.people);
  // Nobody on the roster shares a name with the staff or a lecturer.
  const names = new Set<string>([
    demoStaff.name,
    demoInstructor.name,
    ...demoLecturers.map((lecturer) => lecturer.name),
  ]);
  const codes = new Set<string>();
  const unusedBrands = [...brands];
  const trainees: DemoTrainee[] = [];
  for (let index = 0; index < count; index++) {
    let name: string;
    do {
      const male = random.fraction() < 0.78;
      const single = random.fraction() < 0.2;
      const given = male
        ? random.pick(single ? singleGivenNames : maleGivenNames)
        : random.pick(single ? singleFemaleGivenNames : femaleGivenNames);
      name = random.weighted(surnames) + given;
    } while (names.has(name));
    names.add(name);

    const industry = random.weighted(industries.map((item) => [item, item.weight] as const));
    const district = random.weighted(demoDistricts.map((item) => [item, item.weight] as const));
    const brand = unusedBrands.splice(random.int(0, unusedBrands.length - 1), 1)[0] ?? "";
    let creditCode: string;
    do creditCode = creditCodeFor(random, district);
    while (codes.has(creditCode));
    codes.add(creditCode);

    trainees.push({
      index,
      mobile: demoTraineeMobile(index),
      name,
      company: companyName(random, brand, industry, district),
      position: random.weighted(positions),
      industry: industry.label,
      district: district.name,
      creditCode,
    });
  }
  return trainees;
}

// ---------------------------------------------------------------------------
// Lecturers, partners, venues

export type LecturerKey = "lin" | "chen" | "huang" | "liu" | "shen" | "gu" | "qian" | "ying";

export type DemoLecturer = {
  key: LecturerKey;
  name: string;
  title: string;
  organisation: string;
  region: string;
  bio: string;
  kind: "internal" | "guest";
};

/** 林文博 is also the demo instructor account (demo-logins.ts). */
export const INSTRUCTOR_LECTURER_KEY: LecturerKey = "lin";

export const demoLecturers: readonly DemoLecturer[] = [
  {
    key: "lin",
    name: "林文博",
    title: "教授、博士生导师",
    organisation: "云溪大学经济管理学院",
    region: "江西云溪",
    kind: "internal",
    bio: "云溪大学经济管理学院教授，企业家学院学术负责人。长期研究民营企业数字化转型与公司治理，主持国家社科基金项目两项，为本地百余家企业提供过管理咨询。",
  },
  {
    key: "chen",
    name: "陈思远",
    title: "副教授",
    organisation: "云溪大学人工智能学院",
    region: "江西云溪",
    kind: "internal",
    bio: "云溪大学人工智能学院副教授，研究方向为大模型应用与智能制造中的机器视觉，带领团队为多家制造企业落地质检与排产项目。",
  },
  {
    key: "huang",
    name: "黄志刚",
    title: "产业发展处处长",
    organisation: "江西省发展和改革委员会",
    region: "江西南昌",
    kind: "guest",
    bio: "长期从事产业政策研究与项目管理工作，参与起草全省制造业数字化转型、专精特新企业培育等政策文件。",
  },
  {
    key: "liu",
    name: "刘婧",
    title: "律师、高级合伙人",
    organisation: "江西明理律师事务所",
    region: "江西云溪",
    kind: "guest",
    bio: "执业十八年，专注公司治理、劳动用工与民营企业合规，市工商联法律顾问团成员，多次参与“法治体检进民企”活动。",
  },
  {
    key: "shen",
    name: "沈建华",
    title: "董事长",
    organisation: "苏州恒锐智能装备股份有限公司",
    region: "江苏苏州",
    kind: "guest",
    bio: "1998 年创业，将一家小型机加工厂发展为国家级专精特新“小巨人”企业，主导建成省级智能制造示范工厂。",
  },
  {
    key: "gu",
    name: "顾晓雯",
    title: "首席数字官",
    organisation: "上海澜图工业互联网科技有限公司",
    region: "上海",
    kind: "guest",
    bio: "曾任外资制造企业信息化负责人，现主持工业互联网平台建设，服务长三角 300 余家中小制造企业的设备联网与数据治理。",
  },
  {
    key: "qian",
    name: "钱立群",
    title: "总经理",
    organisation: "杭州云织数字科技有限公司",
    region: "浙江杭州",
    kind: "guest",
    bio: "从传统纺织企业转型做柔性供应链平台，带领企业实现小单快反，分享“从工厂到平台”的数字化转型经验。",
  },
  {
    key: "ying",
    name: "应志明",
    title: "董事长",
    organisation: "宁波甬港精密模具有限公司",
    region: "浙江宁波",
    kind: "guest",
    bio: "企业二代接班人，2015 年接任董事长后推动家族企业治理改革与全面数字化，企业产值五年翻番。",
  },
];

export type OrganisationKey = "city_federation" | "province_federation" | "county_federation" | "university";

export type DemoOrganisation = {
  key: OrganisationKey;
  name: string;
  shortName: string;
  kind: "federation" | "university";
  level: "province" | "city" | "county" | null;
  region: string;
};

export const demoOrganisations: readonly DemoOrganisation[] = [
  {
    key: "city_federation",
    name: "云溪市工商业联合会",
    shortName: "云溪市工商联",
    kind: "federation",
    level: "city",
    region: "江西省云溪市",
  },
  {
    key: "province_federation",
    name: "江西省工商业联合会",
    shortName: "江西省工商联",
    kind: "federation",
    level: "province",
    region: "江西省",
  },
  {
    key: "county_federation",
    name: "临溪县工商业联合会",
    shortName: "临溪县工商联",
    kind: "federation",
    level: "county",
    region: "江西省云溪市临溪县",
  },
  { key: "university", name: "云溪大学", shortName: "云大", kind: "university", level: null, region: "江西省云溪市" },
];

export type VenueKey = "lecture_hall" | "workshop_room" | "memorial" | "partner_company";

export type DemoVenue = {
  key: VenueKey;
  name: string;
  kind: "room" | "offsite";
  address: string;
  capacity: number;
  notes: string;
};

export const demoVenues: readonly DemoVenue[] = [
  {
    key: "lecture_hall",
    name: "云溪大学经管楼报告厅",
    kind: "room",
    address: "云溪市江滨区学府路 88 号云溪大学经济管理学院一楼",
    capacity: 120,
    notes: "投影与扩声齐备；学员由学院南门进出，校内可停车。",
  },
  {
    key: "workshop_room",
    name: "企业家学院研讨室（经管楼 305）",
    kind: "room",
    address: "云溪市江滨区学府路 88 号云溪大学经济管理学院三楼",
    capacity: 60,
    notes: "十张圆桌，适合分组研讨；两块可书写白板。",
  },
  {
    key: "memorial",
    name: "云溪革命烈士纪念馆",
    kind: "offsite",
    address: "云溪市云湖区烈士陵园路 1 号",
    capacity: 200,
    notes: "现场教学基地；馆内请保持安静。",
  },
  {
    key: "partner_company",
    name: "云溪恒通智能装备股份有限公司（智能工厂）",
    kind: "offsite",
    address: "云溪高新区科创大道 666 号",
    capacity: 60,
    notes: "市级智能制造示范工厂；车间参观须佩戴安全帽。",
  },
];

export const demoAcademy = {
  slug: "demo",
  name: "云溪市企业家学院",
  nameEn: "Yunxi Entrepreneurs Academy",
  timeZone: ACADEMY_TIME_ZONE,
} as const;

// ---------------------------------------------------------------------------
// Cohorts and timetable

export type TrackKey = "policy" | "technology" | "management";
export const demoTracks: readonly { key: TrackKey; position: number }[] = [
  { key: "policy", position: 1 },
  { key: "technology", position: 2 },
  { key: "management", position: 3 },
];

export type SessionKind = "lecture" | "workshop" | "site_visit" | "exchange";

/** Who did something in the demo's history; "self" is the trainee concerned. */
export type Actor = "admin" | "staff" | "self" | null;

export type PlannedSession = {
  /** Unique within the plan, e.g. "AI-2025-01/tech-ai/2". */
  key: string;
  startsAt: Date;
  endsAt: Date;
  kind: SessionKind;
  venue: VenueKey;
  notes: string | null;
  lecturers: readonly LecturerKey[];
  /** The check-in window, when not the default (see rules.ts in the attendance module). */
  checkInOpensMinutesBefore: number | null;
  checkInClosesMinutesAfter: number | null;
};

export type PlannedModule = {
  track: TrackKey;
  title: string;
  description: string;
  creditHours: number;
  position: number;
  lecturers: readonly LecturerKey[];
  sessions: PlannedSession[];
};

export type PlannedEnrollment = {
  traineeMobile: string;
  status: "applied" | "enrolled" | "waitlisted";
  source: "import" | "application" | "staff";
  appliedAt: Date | null;
  enrolledAt: Date | null;
  /** A trainee who joined after the class began: sessions before this count only where there is a record (decision 0018). */
  attendanceFrom: Date | null;
  changes: { from: string | null; to: string; reason: string; at: Date; actor: Actor }[];
};

export type PlannedCohort = {
  code: string;
  title: string;
  description: string;
  startDate: string;
  endDate: string;
  capacity: number;
  status: "enrolling" | "running";
  venue: VenueKey;
  certMinAttendancePercent: number;
  certRequireEveryTrack: boolean;
  lateAfterMinutes: number;
  createdAt: Date;
  organisations: { organisation: OrganisationKey; role: "organiser" | "co_organiser" | "teaching_partner" }[];
  statusChanges: { from: string | null; to: string; reason: string; at: Date; actor: Actor }[];
  /** The staff account is head teacher of every cohort; the instructor account teaches cohort 1 only. */
  assignments: { account: "staff" | "instructor"; role: "staff" | "head_teacher" | "instructor" }[];
  modules: PlannedModule[];
  enrollments: PlannedEnrollment[];
};

type SessionSpec = {
  /** Days after the cohort's reference day (the anchor for cohort 1, its first day for cohort 2). */
  day: number;
  slot: "morning" | "afternoon";
  kind?: SessionKind;
  venue?: VenueKey;
  notes?: string;
  /** Defaults to the module's lecturers. */
  lecturers?: readonly LecturerKey[];
  /**
   * Check-in open from midnight to midnight of the session's day: the demo is
   * loaded, and the end-to-end tests run, at any hour, and the projector screen
   * should work at once whenever that is.
   */
  checkInAllDay?: boolean;
};

type ModuleSpec = {
  key: string;
  track: TrackKey;
  title: string;
  description: string;
  lecturers: readonly LecturerKey[];
  sessions: readonly SessionSpec[];
};

const slots = { morning: ["09:00", "12:00"], afternoon: ["14:00", "17:00"] } as const;
/** A half-day counts three 学时, as in the academy's teaching plan. */
const HOURS_PER_SESSION = 3;

const coachFromSouthGate = "在学院南门集合乘车";

// Cohort 1 runs from three weeks before the anchor to three weeks after; day 0 is the anchor.
const aiModules: readonly ModuleSpec[] = [
  {
    key: "policy-law",
    track: "policy",
    title: "民营经济促进法解读",
    description:
      "逐章解读《中华人民共和国民营经济促进法》，结合公平竞争、投资融资促进、权益保护等条款，讲清民营企业可以依法主张的权利与应当履行的义务。",
    lecturers: ["liu"],
    sessions: [{ day: -21, slot: "morning" }],
  },
  {
    key: "policy-srdi",
    track: "policy",
    title: "产业政策与专精特新申报",
    description:
      "解读国家和省级制造业数字化转型、人工智能赋能新型工业化相关政策，梳理专精特新中小企业与“小巨人”企业的认定条件、申报材料与常见问题。",
    lecturers: ["huang"],
    sessions: [{ day: -14, slot: "morning" }],
  },
  {
    key: "policy-compliance",
    track: "policy",
    title: "企业合规与法律风险",
    description: "聚焦劳动用工、合同管理、知识产权与数据合规，剖析民营企业常见法律风险案例，给出可落地的合规自查清单。",
    lecturers: ["liu"],
    sessions: [
      { day: -3, slot: "afternoon" },
      { day: 3, slot: "afternoon" },
    ],
  },
  {
    key: "policy-spirit",
    track: "policy",
    title: "弘扬企业家精神（现场教学）",
    description:
      "赴云溪革命烈士纪念馆现场教学，重温革命先辈的奋斗历程，结合本地民营企业的发展故事，探讨新时代企业家精神与社会责任。",
    lecturers: [],
    sessions: [
      {
        day: -17,
        slot: "morning",
        kind: "site_visit",
        venue: "memorial",
        notes: `08:30 ${coachFromSouthGate}，车程约 40 分钟；请着深色正装，佩戴学员证，馆内保持安静。`,
      },
    ],
  },
  {
    key: "tech-ai",
    track: "technology",
    title: "人工智能大模型前沿",
    description:
      "介绍大模型技术的发展脉络、能力边界与成本，演示其在研发设计、营销客服、办公协同中的应用；工作坊中各组动手搭建本企业的智能助手。",
    lecturers: ["chen"],
    sessions: [
      { day: -21, slot: "afternoon" },
      {
        day: -7,
        slot: "afternoon",
        kind: "workshop",
        venue: "workshop_room",
        notes: "请携带笔记本电脑或平板，并提前整理一份本企业常见的客户问题或业务文档。",
      },
      { day: 21, slot: "morning" },
    ],
  },
  {
    key: "tech-iiot",
    track: "technology",
    title: "工业互联网与智能制造",
    description:
      "从设备联网、数据采集到生产排程与质量追溯，讲解中小制造企业建设工业互联网的路径与投入产出，并赴本地智能工厂现场观摩。",
    lecturers: ["gu"],
    sessions: [
      { day: -14, slot: "afternoon" },
      {
        day: 10,
        slot: "afternoon",
        kind: "site_visit",
        venue: "partner_company",
        notes: `13:30 ${coachFromSouthGate}；请穿平底鞋，进入车间须佩戴安全帽，车间内禁止拍照。`,
        lecturers: [],
      },
    ],
  },
  {
    key: "tech-data",
    track: "technology",
    title: "数据要素与数字化转型",
    description:
      "解读数据要素市场化配置改革，讲解企业数据资源入表、数据资产化的基本做法，以及中小企业数字化转型的评估方法。",
    lecturers: ["lin"],
    sessions: [{ day: 0, slot: "morning" }],
  },
  {
    key: "mgmt-org",
    track: "management",
    title: "数字化转型的组织变革",
    description:
      "数字化转型首先是“一把手工程”：讨论组织架构、激励机制与人才结构如何随业务数字化而调整；研讨课上各组诊断一家学员企业。",
    lecturers: ["lin"],
    sessions: [
      { day: 0, slot: "afternoon", checkInAllDay: true },
      {
        day: 7,
        slot: "afternoon",
        kind: "workshop",
        venue: "workshop_room",
        notes: "分组研讨，请各组组长提前准备本组企业的基本情况。",
      },
    ],
  },
  {
    key: "mgmt-yrd",
    track: "management",
    title: "长三角企业数字化实践分享",
    description:
      "邀请苏州、杭州、宁波三位企业家现身说法，分享各自企业在智能工厂、柔性供应链和家族企业数字化方面走过的路与踩过的坑。",
    lecturers: ["shen", "qian", "ying"],
    sessions: [
      { day: -7, slot: "morning", lecturers: ["shen"] },
      { day: 7, slot: "morning", lecturers: ["qian"] },
      { day: 14, slot: "afternoon", lecturers: ["ying"] },
    ],
  },
  {
    key: "mgmt-family",
    track: "management",
    title: "家族企业传承与治理",
    description:
      "围绕“创一代”与“二代”的交接，讨论股权安排、家族宪章、职业经理人引入等治理问题，结合案例进行对话式教学。",
    lecturers: ["lin", "ying"],
    sessions: [{ day: 14, slot: "morning" }],
  },
  {
    key: "mgmt-exchange",
    track: "management",
    title: "企业家交流与产业对接",
    description: "学员企业之间的供需对接与合作洽谈，邀请市直相关部门与金融机构到场，现场收集企业诉求。",
    lecturers: [],
    sessions: [
      {
        day: 21,
        slot: "afternoon",
        kind: "exchange",
        notes: "请携带企业宣传资料和名片；现场设置“供需对接墙”，可提前将需求发给班主任。",
      },
    ],
  },
];

// Cohort 2 is a three-day camp; day 0 is its first day.
const srdiModules: readonly ModuleSpec[] = [
  {
    key: "policy-srdi",
    track: "policy",
    title: "专精特新政策与申报实务",
    description: "梳理各级专精特新企业培育政策与奖补标准，逐项讲解申报材料的准备要点，并解答学员企业的具体问题。",
    lecturers: ["huang"],
    sessions: [{ day: 0, slot: "morning" }],
  },
  {
    key: "tech-diagnosis",
    track: "technology",
    title: "智能制造诊断与数字化改造",
    description: "用智能制造能力成熟度模型为企业“体检”，讲解分步改造的投入测算，并到本地示范工厂对照观摩。",
    lecturers: ["gu"],
    sessions: [
      { day: 0, slot: "afternoon" },
      {
        day: 2,
        slot: "morning",
        kind: "site_visit",
        venue: "partner_company",
        notes: `08:30 ${coachFromSouthGate}；请穿平底鞋，进入车间须佩戴安全帽。`,
        lecturers: [],
      },
    ],
  },
  {
    key: "mgmt-lean",
    track: "management",
    title: "专精特新企业的精益管理",
    description:
      "以一家“小巨人”企业的成长为主线，讨论聚焦主业、精益生产与专业化人才队伍建设；下午分组研讨本企业的成长路径。",
    lecturers: ["shen"],
    sessions: [
      { day: 1, slot: "morning" },
      { day: 1, slot: "afternoon", kind: "workshop", venue: "workshop_room" },
    ],
  },
];

function planModules(cohortCode: string, referenceDay: string, specs: readonly ModuleSpec[]): PlannedModule[] {
  return specs.map((spec, position) => {
    const sessions = spec.sessions.map((session, n): PlannedSession => {
      const date = addDays(referenceDay, session.day);
      const [start, end] = slots[session.slot];
      const startsAt = academyInstant(date, start);
      const endsAt = academyInstant(date, end);
      const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);
      return {
        key: `${cohortCode}/${spec.key}/${n + 1}`,
        startsAt,
        endsAt,
        kind: session.kind ?? "lecture",
        venue: session.venue ?? "lecture_hall",
        notes: session.notes ?? null,
        lecturers: session.lecturers ?? spec.lecturers,
        checkInOpensMinutesBefore: session.checkInAllDay ? minutesBetween(academyInstant(date, "00:00"), startsAt) : null,
        checkInClosesMinutesAfter: session.checkInAllDay ? minutesBetween(endsAt, academyInstant(addDays(date, 1), "00:00")) : null,
      };
    });
    return {
      track: spec.track,
      title: spec.title,
      description: spec.description,
      creditHours: sessions.length * HOURS_PER_SESSION,
      position: position + 1,
      lecturers: spec.lecturers,
      sessions,
    };
  });
}

function planAiCohort(anchorDate: string, trainees: readonly DemoTrainee[]): PlannedCohort {
  const startDate = addDays(anchorDate, -21);
  const code = `AI-${startDate.slice(0, 4)}-01`;
  const importedAt = academyInstant(addDays(startDate, -7), "10:20");
  const modules = planModules(code, anchorDate, aiModules);
  // The last trainee on the roster moved in from another class after the first two sessions.
  const third = modules.flatMap((m) => m.sessions).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[2]!;
  const movedInAt = new Date(third.startsAt.getTime() - 3 * 3_600_000);
  const lateMobile = trainees.at(-1)?.mobile;
  return {
    code,
    title: "人工智能赋能产业升级专题班（第一期）",
    description:
      "由云溪市工商联与云溪大学联合举办，江西省工商联、临溪县工商联协办。围绕人工智能赋能产业升级，按政策解读、技术前沿、管理实践三大模块设置课程，课堂讲授与现场教学、交流对接相结合。",
    startDate,
    endDate: addDays(anchorDate, 21),
    capacity: 90,
    status: "running",
    venue: "lecture_hall",
    certMinAttendancePercent: 80,
    certRequireEveryTrack: true,
    lateAfterMinutes: 15,
    createdAt: academyInstant(addDays(startDate, -45), "10:00"),
    organisations: [
      { organisation: "city_federation", role: "organiser" },
      { organisation: "province_federation", role: "co_organiser" },
      { organisation: "county_federation", role: "co_organiser" },
      { organisation: "university", role: "teaching_partner" },
    ],
    statusChanges: [
      {
        from: null,
        to: "draft",
        reason: "新建班次",
        at: academyInstant(addDays(startDate, -45), "10:00"),
        actor: "admin",
      },
      {
        from: "draft",
        to: "enrolling",
        reason: "教学计划经市工商联审定，开始组织报名",
        at: academyInstant(addDays(startDate, -30), "09:30"),
        actor: "admin",
      },
      {
        from: "enrolling",
        to: "running",
        reason: "开班仪式后正式开课",
        at: academyInstant(startDate, "08:45"),
        actor: "staff",
      },
    ],
    assignments: [
      { account: "staff", role: "head_teacher" },
      { account: "instructor", role: "instructor" },
    ],
    modules,
    enrollments: trainees.map((trainee) =>
      trainee.mobile === lateMobile
        ? {
            traineeMobile: trainee.mobile,
            status: "enrolled",
            source: "staff",
            appliedAt: null,
            enrolledAt: movedInAt,
            attendanceFrom: movedInAt,
            changes: [{ from: null, to: "enrolled", reason: "enrollment.reasons.movedIn", at: movedInAt, actor: "staff" }],
          }
        : {
            traineeMobile: trainee.mobile,
            status: "enrolled",
            source: "import",
            appliedAt: null,
            enrolledAt: importedAt,
            attendanceFrom: null,
            changes: [
              { from: null, to: "enrolled", reason: "按各县（市、区）工商联推荐名单导入", at: importedAt, actor: "staff" },
            ],
          },
    ),
  };
}

function planSrdiCohort(anchorDate: string, trainees: readonly DemoTrainee[]): PlannedCohort {
  const startDate = addDays(anchorDate, 42);
  const code = `SRDI-${startDate.slice(0, 4)}-02`;
  const createdAt = academyInstant(addDays(anchorDate, -20), "15:00");
  const random = new Random(SEEDS.applications);
  // A few alumni-to-be of cohort 1 apply early; the camp's dates do not overlap cohort 1's.
  const applicants = [...trainees]
    .map((trainee) => ({ trainee, order: random.fraction() }))
    .sort((a, b) => a.order - b.order)
    .slice(0, 7)
    .map(({ trainee }) => trainee)
    .sort((a, b) => a.index - b.index);
  return {
    code,
    title: "专精特新企业成长训练营（第二期）",
    description:
      "面向有意申报专精特新的成长型民营企业，三天集中学习政策申报、智能制造诊断与精益管理，并赴本地示范工厂现场教学。",
    startDate,
    endDate: addDays(startDate, 2),
    capacity: 60,
    status: "enrolling",
    venue: "lecture_hall",
    certMinAttendancePercent: 80,
    certRequireEveryTrack: true,
    lateAfterMinutes: 15,
    createdAt,
    organisations: [
      { organisation: "city_federation", role: "organiser" },
      { organisation: "university", role: "teaching_partner" },
    ],
    statusChanges: [
      { from: null, to: "draft", reason: "新建班次", at: createdAt, actor: "admin" },
      {
        from: "draft",
        to: "enrolling",
        reason: "课程安排已确定，面向全市民营企业开放报名",
        at: academyInstant(addDays(anchorDate, -10), "09:00"),
        actor: "admin",
      },
    ],
    assignments: [{ account: "staff", role: "head_teacher" }],
    modules: planModules(code, startDate, srdiModules),
    enrollments: applicants.map((trainee, n) => {
      const appliedAt = plusMinutes(academyInstant(addDays(anchorDate, -9 + n), "08:00"), random.int(0, 13 * 60));
      return {
        traineeMobile: trainee.mobile,
        status: "applied",
        source: "application",
        appliedAt,
        enrolledAt: null,
        attendanceFrom: null,
        changes: [{ from: null, to: "applied", reason: "学员在线报名", at: appliedAt, actor: "self" }],
      };
    }),
  };
}

// ---------------------------------------------------------------------------
// Attendance and leave

export type AttendanceStatus = "present" | "late" | "excused" | "absent";

export type PlannedAttendance = {
  cohortCode: string;
  traineeMobile: string;
  sessionKey: string;
  status: AttendanceStatus;
  method: "qr" | "leave" | "system";
  checkedInAt: Date | null;
  recordedAt: Date;
  recordedBy: Actor;
  note: string;
  /** The phone's device cookie, hashed, for check-ins by QR code. */
  deviceHash: string | null;
  flag: "shared_device" | "outside_venue" | null;
  distanceMeters: number | null;
  /** When staff looked at the flag (null: still to review). */
  flagReviewedAt: Date | null;
};

export type PlannedLeaveRequest = {
  cohortCode: string;
  traineeMobile: string;
  sessionKey: string;
  reason: string;
  status: "pending" | "approved" | "declined";
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: Actor;
  decisionNote: string | null;
};

const leaveReasons = [
  "公司有重要客户来访，需本人接待",
  "赴外地参加行业展会",
  "身体不适，需到医院就诊",
  "参加县里重点项目签约仪式",
  "银行授信会谈，时间无法调整",
  "企业接受安全生产专项检查，需本人在场",
  "参加省行业协会理事会议",
  "家中老人住院，需要陪护",
];

const decisionNotes: Record<PlannedLeaveRequest["status"], string | null> = {
  approved: "同意，请课后向班主任领取讲义",
  declined: "本次课程无法补课，请尽量调整安排出席",
  pending: null,
};

type Reliability = { absent: number; excused: number; late: number };
const usual: Reliability = { absent: 0.027, excused: 0.025, late: 0.045 };
// A few busy owners miss far more, so that the certificate rule has someone to refuse.
const struggling: Reliability = { absent: 0.3, excused: 0.1, late: 0.08 };
const STRUGGLING_TRAINEES = 5;

function drawStatus(roll: number, odds: Reliability): AttendanceStatus {
  if (roll < odds.absent) return "absent";
  if (roll < odds.absent + odds.excused) return "excused";
  if (roll < odds.absent + odds.excused + odds.late) return "late";
  return "present";
}

function planLeave(
  random: Random,
  cohortCode: string,
  traineeMobile: string,
  session: PlannedSession,
  status: PlannedLeaveRequest["status"],
  reason: string = random.pick(leaveReasons),
): PlannedLeaveRequest {
  // Asked in office hours one to three days ahead, answered within three hours.
  const askedOn = addDays(academyDate(session.startsAt), -random.int(1, 3));
  const createdAt = plusMinutes(academyInstant(askedOn, "08:00"), random.int(0, 11 * 60));
  return {
    cohortCode,
    traineeMobile,
    sessionKey: session.key,
    reason,
    status,
    createdAt,
    decidedAt: status === "pending" ? null : plusMinutes(createdAt, random.int(20, 180)),
    decidedBy: status === "pending" ? null : "staff",
    decisionNote: decisionNotes[status],
  };
}

const unflagged = { flag: null, distanceMeters: null, flagReviewedAt: null } as const;

/** A stable stand-in for the hash of a trainee's phone cookie. */
function demoDeviceHash(traineeMobile: string): string {
  return createHash("sha256").update(`demo-phone:${traineeMobile}`).digest("hex");
}

/**
 * A few check-ins for staff to review, on the last two sessions held: a phone
 * that checked in a second trainee (one of them already reviewed), and one
 * check-in from well outside the venue. Picked by position, not by chance, so
 * the rest of the attendance stays as it was drawn.
 */
function flagCheckIns(attendances: PlannedAttendance[], past: readonly PlannedSession[]): void {
  const byQr = (session: PlannedSession | undefined) =>
    attendances.filter((row) => row.sessionKey === session?.key && row.method === "qr" && row.traineeMobile !== demoTraineeMobile(0));
  const shareDevice = (rows: PlannedAttendance[], offset: number, reviewedAt: Date | null) => {
    const pair = rows.slice(offset, offset + 2).sort((a, b) => (a.checkedInAt?.getTime() ?? 0) - (b.checkedInAt?.getTime() ?? 0));
    const [owner, borrower] = pair;
    if (!owner || !borrower) return;
    borrower.deviceHash = owner.deviceHash;
    borrower.flag = "shared_device";
    borrower.flagReviewedAt = reviewedAt;
  };
  const last = past.at(-1);
  const latest = byQr(last);
  shareDevice(latest, 10, null);
  const far = latest[30];
  if (far) Object.assign(far, { flag: "outside_venue", distanceMeters: 2350 });
  const before = past.at(-2);
  if (before) shareDevice(byQr(before), 20, plusMinutes(before.endsAt, 45));
}

/**
 * Attendance for every session that ended before the anchor day began, one
 * row per enrolled trainee, plus the leave requests behind the excused rows
 * and a few still waiting for a decision.
 */
function planAttendance(
  cohorts: readonly PlannedCohort[],
  anchorDate: string,
): { attendances: PlannedAttendance[]; leaveRequests: PlannedLeaveRequest[] } {
  const random = new Random(SEEDS.attendance);
  const anchorStart = academyInstant(anchorDate, "00:00");
  const attendances: PlannedAttendance[] = [];
  const leaveRequests: PlannedLeaveRequest[] = [];

  for (const cohort of cohorts) {
    const sessions = cohort.modules
      .flatMap((module) => module.sessions)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    // Held: everything before the anchor day, and that day's sessions but the one left open for check-in all day,
    // so the demo's morning session has its attendance whatever the hour the demo is loaded.
    const anchorEnd = academyInstant(addDays(anchorDate, 1), "00:00");
    const held = (session: PlannedSession) =>
      session.endsAt <= anchorStart || (session.endsAt <= anchorEnd && session.checkInOpensMinutesBefore === null);
    const past = sessions.filter(held);
    const upcoming = sessions.filter((session) => !held(session));
    const enrolled = cohort.enrollments.filter((enrollment) => enrollment.status === "enrolled");
    if (enrolled.length === 0) continue;

    // The demo trainee (first on the roster) shows every state but absence.
    const demoMobile = demoTraineeMobile(0);
    const forced = new Map<number, AttendanceStatus>([
      [1, "late"],
      [3, "excused"],
    ]);
    const strugglingMobiles = new Set(
      enrolled
        .slice(1)
        .map((enrollment) => ({ mobile: enrollment.traineeMobile, order: random.fraction() }))
        .sort((a, b) => a.order - b.order)
        .slice(0, STRUGGLING_TRAINEES)
        .map(({ mobile }) => mobile),
    );

    past.forEach((session, sessionIndex) => {
      for (const { traineeMobile, attendanceFrom } of enrolled) {
        // Not in the class yet: no record, and the session does not count for them.
        if (attendanceFrom && session.startsAt < attendanceFrom) continue;
        const odds = strugglingMobiles.has(traineeMobile) ? struggling : usual;
        const roll = random.fraction();
        const status = traineeMobile === demoMobile ? (forced.get(sessionIndex) ?? "present") : drawStatus(roll, odds);
        const base = { cohortCode: cohort.code, traineeMobile, sessionKey: session.key, status };
        if (status === "present" || status === "late") {
          // Present: from half an hour early to just inside the grace period; late: after it.
          const seconds =
            status === "present"
              ? random.int(-30 * 60, cohort.lateAfterMinutes * 60 - 1)
              : random.int(cohort.lateAfterMinutes * 60 + 1, 50 * 60);
          const checkedInAt = plusSeconds(session.startsAt, seconds);
          attendances.push({
            ...base,
            method: "qr",
            checkedInAt,
            recordedAt: checkedInAt,
            recordedBy: "self",
            note: "扫码签到",
            deviceHash: demoDeviceHash(traineeMobile),
            ...unflagged,
          });
        } else if (status === "excused") {
          const leave = planLeave(random, cohort.code, traineeMobile, session, "approved");
          leaveRequests.push(leave);
          attendances.push({
            ...base,
            method: "leave",
            checkedInAt: null,
            recordedAt: leave.decidedAt ?? leave.createdAt,
            recordedBy: "staff",
            note: "请假已批准",
            deviceHash: null,
            ...unflagged,
          });
        } else {
          attendances.push({
            ...base,
            method: "system",
            checkedInAt: null,
            recordedAt: session.endsAt,
            recordedBy: null,
            note: "课程结束时未签到，记为缺勤",
            deviceHash: null,
            ...unflagged,
          });
        }
      }
    });

    flagCheckIns(attendances, past);

    // One request refused: the trainee came anyway.
    const refusedSession = past.at(-1);
    const refused = attendances.find(
      (row) => row.sessionKey === refusedSession?.key && row.status === "present" && row.traineeMobile !== demoMobile,
    );
    if (refused && refusedSession) {
      const reason = "公司年终总结会与上课时间冲突";
      leaveRequests.push(planLeave(random, cohort.code, refused.traineeMobile, refusedSession, "declined", reason));
    }

    // Two requests waiting for staff. The demo trainee's is for next week,
    // not today: today they should check in.
    const struggler = [...strugglingMobiles];
    const pending: [string | undefined, number][] = [
      [demoMobile, 3],
      [struggler[0], 1],
    ];
    for (const [traineeMobile, upcomingIndex] of pending) {
      const session = upcoming[upcomingIndex];
      if (!traineeMobile || !session) continue;
      const request = planLeave(random, cohort.code, traineeMobile, session, "pending");
      // Asked the evening before the anchor day, so that nothing claims to come from the future.
      request.createdAt = plusMinutes(academyInstant(addDays(anchorDate, -1), "19:00"), random.int(0, 150));
      leaveRequests.push(request);
    }
  }
  return { attendances, leaveRequests };
}

// ---------------------------------------------------------------------------

export type DemoAcademyPlan = {
  anchorDate: string;
  academy: typeof demoAcademy;
  tracks: typeof demoTracks;
  organisations: readonly DemoOrganisation[];
  venues: readonly DemoVenue[];
  lecturers: readonly DemoLecturer[];
  trainees: DemoTrainee[];
  cohorts: PlannedCohort[];
  attendances: PlannedAttendance[];
  leaveRequests: PlannedLeaveRequest[];
};

/** The whole demo academy as seen on `anchorDate` (YYYY-MM-DD in Asia/Shanghai). */
export function planDemoAcademy(anchorDate: string): DemoAcademyPlan {
  assertCalendarDate(anchorDate);
  const trainees = generateDemoTrainees();
  const cohorts = [planAiCohort(anchorDate, trainees), planSrdiCohort(anchorDate, trainees)];
  return {
    anchorDate,
    academy: demoAcademy,
    tracks: demoTracks,
    organisations: demoOrganisations,
    venues: demoVenues,
    lecturers: demoLecturers,
    trainees,
    cohorts,
    ...planAttendance(cohorts, anchorDate),
  };
}
