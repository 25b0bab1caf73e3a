// The academy's report on a fixture whose every figure was worked out by hand:
// two cohorts with different rules for excused sessions, a trainee in both,
// guests (one of them twice, one matched to a trainee), a cancelled session
// with a record, a withdrawn trainee, a session spanning midnight in
// Asia/Shanghai and sessions on either side of the new year there.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { createAuthSession } from "~/modules/accounts/auth-session.server.ts";
import { requireReportAccess } from "~/modules/reports/access.server.ts";
import { loadList } from "~/modules/reports/lists.server.ts";
import { loadReport } from "~/modules/reports/report.server.ts";
import { writeReportWorkbook } from "~/modules/reports/report-workbook.server.ts";
import { parseRange } from "~/modules/reports/range.ts";
import { db } from "~/utils/db.server.ts";
import { assign, createCohort, enroll } from "../factories/cohort.ts";
import { createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";

const now = new Date("2026-06-01T00:00:00Z");
const year = { from: "2026-01-01", to: "2026-12-31" };
const at = (iso: string) => new Date(iso);
const hours = (start: string, h: number) => ({ startsAt: at(start), endsAt: new Date(at(start).getTime() + h * 3_600_000) });

let A: string;
let B: string;
let county: string;
let city: string;
const people: Record<string, string> = {};

async function record(enrollmentId: string, sessionId: string, status: string) {
  await db.attendance.create({ data: { enrollmentId, sessionId, status, method: "roll_call" } });
}

async function certificate(enrollmentId: string, serial: string, issuedAt: string, revoked = false) {
  await db.certificate.create({
    data: { enrollmentId, serial, sequence: Number(serial.slice(-1)), verificationCode: `v-${serial}`, snapshot: "{}", issuedAt: at(issuedAt), revokedAt: revoked ? at(issuedAt) : null },
  });
}

beforeAll(async () => {
  A = (await createCohort({ title: "甲班" })).id;
  B = (await createCohort({ title: "乙班" })).id;
  await db.cohort.update({ where: { id: B }, data: { excusedLeaveDenominator: false } });
  county = (await db.organisation.create({ data: { name: "某县工商联", kind: "federation", level: "county" } })).id;
  city = (await db.organisation.create({ data: { name: "某市工商联", kind: "federation", level: "city" } })).id;
  await db.cohortOrganisation.createMany({
    data: [
      { cohortId: A, organisationId: county, role: "organiser" },
      { cohortId: A, organisationId: city, role: "co_organiser" },
      { cohortId: B, organisationId: county, role: "organiser" },
    ],
  });
  const [p1, p2, p3, p4] = await Promise.all([createPerson(), createPerson(), createPerson(), createPerson()]);
  Object.assign(people, { p1: p1!.id, p2: p2!.id, p3: p3!.id, p4: p4!.id });
  await db.traineeProfile.update({ where: { personId: p1!.id }, data: { district: "东城区", industry: "制造业" } });
  await db.traineeProfile.update({ where: { personId: p2!.id }, data: { district: "西城区", industry: "软件" } });
  await db.traineeProfile.update({ where: { personId: p4!.id }, data: { district: "东城区", industry: "软件" } });

  const aPolicy = await createModule(A, { track: "policy", creditHours: 4 });
  const aTech = await createModule(A, { track: "technology", creditHours: 6 });
  const bManagement = await createModule(B, { track: "management", creditHours: 3 });
  // Shanghai is UTC+8: 01:00Z is 09:00 there.
  const a1 = await createSession(aPolicy.id, { ...hours("2026-03-02T01:00:00Z", 3) });
  const a2 = await createSession(aTech.id, { ...hours("2026-03-03T01:00:00Z", 2), kind: "workshop" });
  const a3 = await createSession(aPolicy.id, { ...hours("2026-03-04T01:00:00Z", 3), status: "cancelled" });
  // 23:00 on 31 March to 01:00 on 1 April in Shanghai: counts on 31 March.
  const a4 = await createSession(aTech.id, { ...hours("2026-03-31T15:00:00Z", 2), kind: "site_visit" });
  const a5 = await createSession(aTech.id, { ...hours("2026-06-10T01:00:00Z", 2) });
  const b1 = await createSession(bManagement.id, { ...hours("2026-02-10T02:00:00Z", 3) });
  // 00:30 on 1 January 2026 in Shanghai (still 2025 in UTC): in 2026.
  const b0 = await createSession(bManagement.id, { ...hours("2025-12-31T16:30:00Z", 1) });
  // 23:30 on 31 December 2025 in Shanghai: not in 2026.
  const bBefore = await createSession(bManagement.id, { ...hours("2025-12-31T15:30:00Z", 0.5) });

  const eA1 = (await enroll(A, p1!.id)).id;
  const eA2 = (await enroll(A, p2!.id)).id;
  const eA3 = (await enroll(A, p3!.id, "withdrawn")).id;
  const eB1 = (await enroll(B, p1!.id, "completed")).id;
  const eB4 = (await enroll(B, p4!.id)).id;

  await record(eA1, a1.id, "present");
  await record(eA2, a1.id, "late");
  await record(eA3, a1.id, "present");
  await record(eA1, a2.id, "present");
  await record(eA2, a2.id, "excused");
  await record(eA1, a3.id, "present");
  await record(eA1, a4.id, "present");
  await db.leaveRequest.create({ data: { enrollmentId: eA2, sessionId: a4.id, status: "approved", reason: "出差" } });
  await record(eA1, a5.id, "excused");
  await record(eB1, b1.id, "present");
  await record(eB1, b0.id, "excused");
  await record(eB4, b0.id, "present");
  await record(eB1, bBefore.id, "present");

  await db.guestAttendance.createMany({
    data: [
      { sessionId: a1.id, name: "来宾甲", mobile: "13700000001", status: "present" },
      { sessionId: a4.id, name: "来宾甲", mobile: "13700000001", status: "late" },
      { sessionId: a4.id, name: "学员丁", mobile: "13700000004", status: "present", matchedPersonId: p4!.id },
      { sessionId: a3.id, name: "来宾乙", mobile: "13700000002", status: "present" },
    ],
  });

  await certificate(eA1, "C-A-1", "2026-02-01T02:00:00Z");
  await certificate(eA2, "C-A-2", "2026-02-01T02:00:00Z", true);
  await certificate(eB1, "C-B-1", "2025-12-31T16:30:00Z");
  await certificate(eB4, "C-B-4", "2025-12-31T15:00:00Z");
});

describe("the year's report for the whole academy", () => {
  test("headline figures", async () => {
    const report = await loadReport({ range: year, cohortIds: null, now });
    expect(report.cohortsHeld).toBe(2);
    expect(report.sessionsHeld).toBe(5);
    expect(report.sessionsByKind).toEqual({ lecture: 3, workshop: 1, site_visit: 1, exchange: 0 });
    // a1: 2 (the withdrawn trainee not counted), a2: 1, a4: 1, b1: 1, b0: 1; guests a1: 1, a4: 2; nothing at the cancelled session.
    expect(report.personTimes).toEqual({ trainees: 6, guests: 3, total: 9 });
    // p1 (in both cohorts) once; the guest who came twice once; the guest matched to p4 is p4.
    expect(report.people).toEqual({ trainees: 3, guests: 2, total: 4 });
    expect(report.hours.scheduledHours).toBe(11);
    expect(report.hours.creditHours).toBe(13);
    expect(report.hours.byTrack).toEqual([
      { track: "policy", scheduledHours: 3, creditHours: 4 },
      { track: "technology", scheduledHours: 4, creditHours: 6 },
      { track: "management", scheduledHours: 4, creditHours: 3 },
    ]);
    // A (excused leave the denominator): 4 of 4; B (excused count): 2 of 4.
    expect(report.attendance).toEqual({ attended: 6, counted: 8, rate: 0.75, cohortsExcusedOut: 1, cohortsExcusedIn: 1 });
    expect(report.certificatesIssued).toBe(2);
    expect(report.trips).toHaveLength(1);
    expect(report.trips[0]).toMatchObject({ date: "2026-03-31", cohortId: A, personTimes: { trainees: 1, guests: 2, total: 3 } });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  test("by cohort, organiser and level: a co-organised class counts for each of its organisers", async () => {
    const { breakdowns } = await loadReport({ range: year, cohortIds: null, now });
    const byKey = (kind: keyof typeof breakdowns) => new Map(breakdowns[kind].rows.map((row) => [row.key, row]));
    expect(byKey("cohort").get(A)).toMatchObject({ sessions: 3, personTimes: { trainees: 4, guests: 3, total: 7 }, attendance: { attended: 4, counted: 4, rate: 1 }, excusedLeaveDenominator: true });
    expect(byKey("cohort").get(B)).toMatchObject({ sessions: 2, personTimes: { trainees: 2, guests: 0, total: 2 }, attendance: { rate: 0.5 }, excusedLeaveDenominator: false });
    expect(byKey("organiser").get(county)).toMatchObject({ label: "某县工商联", detail: "county", personTimes: { total: 9 }, sessions: 5 });
    expect(byKey("organiser").get(city)).toMatchObject({ personTimes: { trainees: 4, guests: 3, total: 7 } });
    expect(breakdowns.organiser.overlapping).toBe(true);
    expect(byKey("level").get("county")!.personTimes.total).toBe(9);
    expect(byKey("level").get("city")!.personTimes.total).toBe(7);
    expect(byKey("level").get("province")!.personTimes.total).toBe(0);
  });

  test("by month in Shanghai time, by track, by district and industry", async () => {
    const { breakdowns } = await loadReport({ range: year, cohortIds: null, now });
    const months = new Map(breakdowns.month.rows.map((row) => [row.key, row.personTimes]));
    expect(breakdowns.month.rows).toHaveLength(12);
    expect(months.get("2026-01")).toEqual({ trainees: 1, guests: 0, total: 1 });
    expect(months.get("2026-02")).toEqual({ trainees: 1, guests: 0, total: 1 });
    expect(months.get("2026-03")).toEqual({ trainees: 4, guests: 3, total: 7 });
    expect(months.get("2026-04")).toEqual({ trainees: 0, guests: 0, total: 0 });
    expect(breakdowns.track.rows.map((row) => [row.key, row.personTimes.total])).toEqual([["policy", 3], ["technology", 4], ["management", 2]]);
    const districts = new Map(breakdowns.district.rows.map((row) => [row.key, row]));
    expect(districts.get("东城区")).toMatchObject({ personTimes: { trainees: 5 }, trainees: 2, attendance: { attended: 5, counted: 7 } });
    expect(districts.get("西城区")).toMatchObject({ personTimes: { trainees: 1 }, trainees: 1, attendance: { attended: 1, counted: 1 } });
    const industries = new Map(breakdowns.industry.rows.map((row) => [row.key, row]));
    expect(industries.get("制造业")).toMatchObject({ trainees: 1, attendance: { attended: 4, counted: 5 } });
    expect(industries.get("软件")).toMatchObject({ trainees: 2, attendance: { attended: 2, counted: 3 } });
  });
});

describe("restrictions", () => {
  test("a list of cohorts restricts every figure to them", async () => {
    const report = await loadReport({ range: year, cohortIds: [B], now });
    expect(report.cohortsHeld).toBe(1);
    expect(report.sessionsHeld).toBe(2);
    expect(report.personTimes).toEqual({ trainees: 2, guests: 0, total: 2 });
    expect(report.people).toEqual({ trainees: 2, guests: 0, total: 2 });
    expect(report.certificatesIssued).toBe(1);
    expect(report.breakdowns.organiser.rows.map((row) => row.key)).toEqual([county]);
    expect(report.trips).toEqual([]);
    const none = await loadReport({ range: year, cohortIds: [], now });
    expect(none.sessionsHeld).toBe(0);
    expect(none.personTimes.total).toBe(0);
    expect(none.certificatesIssued).toBe(0);
  });

  test("range edges are days in Shanghai; a session spanning midnight counts on the day it starts", async () => {
    const newYear = await loadReport({ range: { from: "2026-01-01", to: "2026-01-01" }, cohortIds: null, now });
    expect(newYear.sessionsHeld).toBe(1);
    expect(newYear.certificatesIssued).toBe(1);
    const oldYear = await loadReport({ range: { from: "2025-12-31", to: "2025-12-31" }, cohortIds: null, now });
    expect(oldYear.sessionsHeld).toBe(1);
    expect(oldYear.personTimes.trainees).toBe(1);
    const march31 = await loadReport({ range: { from: "2026-03-31", to: "2026-03-31" }, cohortIds: null, now });
    expect(march31.sessionsByKind.site_visit).toBe(1);
    const april = await loadReport({ range: { from: "2026-04-01", to: "2026-04-30" }, cohortIds: null, now });
    expect(april.sessionsHeld).toBe(0);
  });

  test("a session counts once its check-in window has closed", async () => {
    // a4 ends at 17:00Z on 31 March; its window closes 15 minutes later.
    const during = await loadReport({ range: year, cohortIds: [A], now: at("2026-03-31T17:10:00Z") });
    expect(during.sessionsByKind.site_visit).toBe(0);
    const after = await loadReport({ range: year, cohortIds: [A], now: at("2026-03-31T17:15:00Z") });
    expect(after.sessionsByKind.site_visit).toBe(1);
  });
});

describe("who reads which report", () => {
  async function requestAs(roles: ("admin" | "staff" | "instructor" | "trainee")[], cohorts: string[] = []) {
    const person = await createPerson({ roles });
    for (const cohortId of cohorts) await assign(cohortId, person.id, roles.includes("instructor") ? "instructor" : "staff");
    const cookie = await createAuthSession(new Request("http://localhost/"), person.id, {});
    return new Request("http://localhost/admin/reports", { headers: { Cookie: cookie.split(";")[0]! } });
  }
  const refused = async (request: Request) => requireReportAccess(request).then(() => 200, (response: Response) => response.status);
  test("admins read the whole academy, staff their own cohorts; instructors and trainees are refused", async () => {
    expect((await requireReportAccess(await requestAs(["admin"]))).cohortIds).toBeNull();
    expect((await requireReportAccess(await requestAs(["staff"], [B]))).cohortIds).toEqual([B]);
    expect((await requireReportAccess(await requestAs(["staff"]))).cohortIds).toEqual([]);
    expect(await refused(await requestAs(["instructor"], [A]))).toBe(403);
    expect(await refused(await requestAs(["trainee"]))).toBe(403);
  });
});

describe("every figure's list counts what the figure counts", () => {
  const list = (figure: Parameters<typeof loadList>[0]["figure"], filter: Parameters<typeof loadList>[0]["filter"] = {}, cohortIds: string[] | null = null) =>
    loadList({ figure, range: year, cohortIds, filter, page: 1, timeZone: "Asia/Shanghai", now });
  test("headline lists", async () => {
    expect((await list("cohorts")).total).toBe(2);
    expect((await list("sessions")).total).toBe(5);
    expect((await list("personTimes")).total).toBe(9);
    expect((await list("personTimes", { who: "guests" })).total).toBe(3);
    expect((await list("people")).total).toBe(4);
    expect((await list("certificates")).total).toBe(2);
    const trips = await list("sessions", { kind: "site_visit" });
    expect(trips.rows).toMatchObject([{ trainees: 1, guests: 2, hours: 2 }]);
  });
  test("breakdown rows' lists: the county's, the city's, a district's, a month's", async () => {
    expect((await list("personTimes", { organisationId: county })).total).toBe(9);
    expect((await list("personTimes", { organisationId: city })).total).toBe(7);
    expect((await list("personTimes", { level: "city" })).total).toBe(7);
    expect((await list("personTimes", { district: "东城区" })).total).toBe(5);
    expect((await list("personTimes", { industry: "软件" })).total).toBe(2);
    expect((await list("personTimes", { month: "2026-03" })).total).toBe(7);
    expect((await list("personTimes", { track: "management" })).total).toBe(2);
    expect((await list("personTimes", {}, [B])).total).toBe(2);
    const rows = (await list("personTimes", { cohortId: A, who: "trainees" })).rows;
    expect(rows.map((r) => r.status).sort()).toEqual(["late", "present", "present", "present"]);
    expect(JSON.stringify(rows)).not.toContain("1370000");
  });
});

describe("reading the range", () => {
  const today = "2026-05-20";
  const parse = (query: string) => parseRange(new URLSearchParams(query), today);
  test("presets, and the year by default", () => {
    expect(parse("")).toEqual({ ok: true, preset: "year", range: year });
    expect(parse("preset=month")).toMatchObject({ range: { from: "2026-05-01", to: "2026-05-31" } });
    expect(parse("preset=quarter")).toMatchObject({ range: { from: "2026-04-01", to: "2026-06-30" } });
    expect(parse("from=2025-02-01&to=2025-02-28")).toMatchObject({ ok: true, preset: "custom" });
  });
  test("bad dates get a message each, not an error", () => {
    expect(parse("from=2026-02-30&to=2026-03-01")).toMatchObject({ ok: false, errors: { from: "fromInvalid" } });
    expect(parse("from=2026-03-01&to=")).toMatchObject({ ok: false, errors: { to: "toInvalid" } });
    expect(parse("from=2026-03-01&to=2026-02-01")).toMatchObject({ ok: false, errors: { to: "toBeforeFrom" } });
    expect(parse("from=2000-01-01&to=2026-01-01")).toMatchObject({ ok: false, errors: { to: "tooLong" } });
    expect(parse(`from=${"9".repeat(5000)}&to=x`)).toMatchObject({ ok: false, errors: { from: "fromInvalid", to: "toInvalid" } });
  });
});

const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((file) => existsSync(file));

describe("the workbook", () => {
  test.skipIf(!soffice)("read back by LibreOffice: title rows, every figure, the breakdowns and their totals intact", async () => {
    await db.organisation.update({ where: { id: city }, data: { name: "=HYPERLINK(\"http://evil.example\",\"市工商联\")" } });
    const dir = mkdtempSync(path.join(os.tmpdir(), "academy-report-lo-"));
    try {
      const report = await loadReport({ range: year, cohortIds: null, now });
      writeFileSync(path.join(dir, "report.xlsx"), await writeReportWorkbook(report, "测试企业家学院", "zh-CN"));
      // Every sheet to its own CSV (the last field, -1), cells as shown; a private profile so an open LibreOffice does not take the job.
      execFileSync(
        soffice!,
        [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", dir, path.join(dir, "report.xlsx")],
        { stdio: "ignore", timeout: 120_000 },
      );
      const sheets = new Map(
        readdirSync(dir)
          .filter((name) => name.endsWith(".csv"))
          .map((name) => [name.replace(/^report-?/, "").replace(/\.csv$/, ""), readFileSync(path.join(dir, name), "utf8").trim().split("\n")]),
      );
      const summary = sheets.get("汇总")!;
      expect(summary[0]).toContain("测试企业家学院培训工作统计");
      expect(summary[1]).toContain("2026年1月1日 – 2026年12月31日");
      expect(summary).toContain("举办班次,2,期");
      expect(summary).toContain("开展课次,5,次");
      expect(summary).toContain("培训人次,9,人次");
      expect(summary).toContain("  来宾,3,人次");
      expect(summary).toContain("培训人数（去重）,4,人");
      expect(summary).toContain("授课时长 · 按排课时长,11,小时");
      expect(summary).toContain("按模块学时,13,小时");
      expect(summary).toContain("出勤率,75.0%,%");
      expect(summary).toContain("颁发结业证书,2,份");
      expect(summary.join("\n")).toContain("2026年度共举办培训班 2 期。");
      expect(summary.join("\n")).toContain("累计培训 9 人次，其中学员 6 人次、来宾 3 人次。");
      const cohorts = sheets.get("按班次")!;
      expect(cohorts.at(-1)).toBe("合计,5,6,3,9,11,13,75.0%,");
      const months = sheets.get("按月份")!;
      expect(months).toContain("2026年3月,3,4,3,7,7,10,100.0%");
      const organisers = sheets.get("按主办单位")!.join("\n");
      // The organisation's name that looks like a formula stays text (and no total row: the rows overlap).
      expect(organisers).toContain(`"'=HYPERLINK(""http://evil.example"",""市工商联"")",3,4,3,7`);
      expect(organisers).not.toMatch(/^合计,/m);
      expect(sheets.get("按学员所在区县")).toContain("东城区,5,2,71.4%");
    } finally {
      await db.organisation.update({ where: { id: city }, data: { name: "某市工商联" } });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
