// Certificates against a real database: eligibility from attendance, a batch
// that is idempotent under two requests at once, the snapshot frozen at issue,
// revocation and reissue on record, and the public lookup with its rate limit.
import { beforeAll, describe, expect, test } from "vitest";
import { issueByException, issueToEligible, reissueCertificate, revokeCertificate } from "~/modules/certificates/issuance.server.ts";
import { myCertificates } from "~/modules/certificates/my-certificates.server.ts";
import { cohortProgress } from "~/modules/certificates/progress.server.ts";
import { VERIFY_ADDRESS_LIMITS, verifyCertificate } from "~/modules/certificates/verification.server.ts";
import type { CertificateSnapshot } from "~/modules/certificates/certificates.ts";
import { loader as verifyLoader } from "~/routes/verify.$code.tsx";
import { db } from "~/utils/db.server.ts";
import { createCohort, enroll } from "../factories/cohort.ts";
import { createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";

const now = new Date("2026-03-20T08:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const admin = asUser("admin-cert", ["admin"]);
const context = (at = now) => ({ request: new Request("http://localhost/admin"), origin: "https://academy.test", now: at });

let cohortId: string;
let people: { id: string; name: string }[];
let enrollments: string[];

beforeAll(async () => {
  await db.person.create({ data: { id: admin.id, name: "管理员", status: "active" } });
  cohortId = (await createCohort({ title: "人工智能企业家班" })).id;
  const policy = await createModule(cohortId, { track: "policy", creditHours: 6 });
  const management = await createModule(cohortId, { track: "management", creditHours: 6 });
  const sessions = [
    ...(await Promise.all([72, 48].map((h) => createSession(policy.id, { startsAt: hoursAgo(h) })))),
    ...(await Promise.all([30, 24].map((h) => createSession(management.id, { startsAt: hoursAgo(h) })))),
  ];
  people = await Promise.all(["张三", "李四", "王五", "赵六"].map((name) => createPerson({ name })));
  enrollments = (await Promise.all(people.map((p) => enroll(cohortId, p.id)))).map((e) => e.id);
  const mark = (e: number, statuses: string[]) =>
    Promise.all(statuses.map((status, i) => db.attendance.create({ data: { enrollmentId: enrollments[e]!, sessionId: sessions[i]!.id, status, method: "roll_call" } })));
  // 张三 and 李四 attend everything; 王五 misses one management session (3 of 4 = 75 %); 赵六 misses both management sessions.
  await mark(0, ["present", "present", "present", "present"]);
  await mark(1, ["present", "late", "present", "present"]);
  await mark(2, ["present", "present", "present", "absent"]);
  await mark(3, ["present", "present", "absent", "absent"]);
});

describe("eligibility and issuance", () => {
  test("who meets the rule, who nearly does and why not", async () => {
    const progress = await cohortProgress(cohortId, now);
    const by = new Map(progress.enrollments.map((e) => [e.name, e.evaluation]));
    expect(by.get("张三")).toMatchObject({ eligible: true });
    expect(by.get("李四")).toMatchObject({ eligible: true });
    expect(by.get("王五")).toMatchObject({ eligible: false, nearly: true, shortfalls: [{ kind: "overall", percent: 80, rate: 0.75, needSessions: null }] });
    expect(by.get("赵六")?.eligible).toBe(false);
    expect(by.get("赵六")?.shortfalls.map((s) => s.kind)).toEqual(["overall", "trackUnattended"]);
  });

  test("two batches at once give each eligible trainee exactly one certificate, with running numbers", async () => {
    const [first, second] = await Promise.all([issueToEligible(admin, cohortId, context()), issueToEligible(admin, cohortId, context())]);
    expect(first.issued.length + second.issued.length).toBe(2);
    const rows = await db.certificate.findMany({ where: { enrollment: { cohortId } }, orderBy: { sequence: "asc" } });
    expect(rows.map((r) => r.enrollmentId).sort()).toEqual([enrollments[0], enrollments[1]].sort());
    expect(rows.map((r) => r.sequence)).toEqual([1, 2]);
    const cohort = await db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { code: true } });
    expect(rows[0]!.serial).toBe(`JYZS-2026-${cohort.code}-001`);
    expect(rows[0]!.verificationCode).toMatch(/^[A-Z2-7]{32}$/);
    expect(new Set(rows.map((r) => r.verificationCode)).size).toBe(2);
    // A third press changes nothing.
    const again = await issueToEligible(admin, cohortId, context());
    expect(again).toMatchObject({ issued: [], alreadyIssued: 2, notEligible: 2 });
    expect(await db.auditEvent.count({ where: { action: "certificate.issued" } })).toBe(2);
  });

  test("one trainee by exception, with the reason on record; not twice", async () => {
    const result = await issueByException(admin, cohortId, { enrollmentId: enrollments[2]!, reason: "因公出差，经学院批准" }, context());
    expect(result).toMatchObject({ ok: true });
    const row = await db.certificate.findFirstOrThrow({ where: { enrollmentId: enrollments[2]! } });
    expect(row.exceptionReason).toBe("因公出差，经学院批准");
    expect(row.sequence).toBe(3);
    expect(await issueByException(admin, cohortId, { enrollmentId: enrollments[2]!, reason: "再次" }, context())).toEqual({ ok: false, error: "alreadyIssued" });
  });

  test("the snapshot keeps what was certified: later edits to the cohort and the person change nothing", async () => {
    const before = await db.certificate.findFirstOrThrow({ where: { enrollmentId: enrollments[0]! } });
    const snapshot = JSON.parse(before.snapshot) as CertificateSnapshot;
    expect(snapshot).toMatchObject({ traineeName: "张三", cohortTitle: "人工智能企业家班", attendanceRate: 1, totalHours: 12, issuedOn: "2026-03-20" });
    expect(snapshot.hoursByTrack).toEqual([
      { track: "policy", hours: 6 },
      { track: "technology", hours: 0 },
      { track: "management", hours: 6 },
    ]);
    expect(snapshot.verifyUrl).toBe(`https://academy.test/verify/${before.verificationCode}`);
    await db.cohort.update({ where: { id: cohortId }, data: { title: "改过的班名" } });
    await db.person.update({ where: { id: people[0]!.id }, data: { name: "张叁" } });
    const verified = await verifyCertificate(new Request("http://localhost/verify"), before.verificationCode, now);
    expect(verified).toMatchObject({ found: true, snapshot: { traineeName: "张三", cohortTitle: "人工智能企业家班" }, status: { kind: "valid" } });
  });
});

describe("revocation and reissue", () => {
  test("reissue after a name correction supersedes the old certificate, which links to the new one", async () => {
    const old = await db.certificate.findFirstOrThrow({ where: { enrollmentId: enrollments[0]! } });
    const later = new Date(now.getTime() + 86_400_000);
    const result = await reissueCertificate(admin, cohortId, { certificateId: old.id, reason: "姓名更正" }, context(later));
    expect(result).toMatchObject({ ok: true });
    const rows = await db.certificate.findMany({ where: { enrollmentId: enrollments[0]! }, orderBy: { sequence: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.supersededById).toBe(rows[1]!.id);
    expect(JSON.parse(rows[1]!.snapshot)).toMatchObject({ traineeName: "张叁", cohortTitle: "改过的班名", issuedOn: "2026-03-21" });
    const oldPage = await verifyCertificate(new Request("http://localhost/verify"), old.verificationCode, later);
    expect(oldPage).toMatchObject({ found: true, status: { kind: "superseded", currentCode: rows[1]!.verificationCode } });
    // Reissuing the superseded one again is refused; the batch does not give a third.
    expect(await reissueCertificate(admin, cohortId, { certificateId: old.id, reason: "再次" }, context(later))).toEqual({ ok: false, error: "superseded" });
    expect((await issueToEligible(admin, cohortId, context(later))).issued).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "certificate.reissued", targetId: rows[1]!.id } })).toBe(1);
  });

  test("a revoked certificate stays on record and says revoked, with its date and reason", async () => {
    const row = await db.certificate.findFirstOrThrow({ where: { enrollmentId: enrollments[1]! } });
    const at = new Date("2026-04-01T02:00:00Z");
    expect(await revokeCertificate(admin, cohortId, { certificateId: row.id, reason: "出勤记录有误" }, context(at))).toMatchObject({ ok: true });
    expect(await revokeCertificate(admin, cohortId, { certificateId: row.id, reason: "再次" }, context(at))).toEqual({ ok: false, error: "revoked" });
    const page = await verifyCertificate(new Request("http://localhost/verify"), row.verificationCode.toLowerCase(), at);
    expect(page).toMatchObject({ found: true, status: { kind: "revoked", at, reason: "出勤记录有误" } });
    expect(await db.auditEvent.count({ where: { action: "certificate.revoked", targetId: row.id } })).toBe(1);
    // Not issued again by the next batch: a revoked certificate is undone only by staff, on purpose.
    expect((await issueToEligible(admin, cohortId, context(at))).issued).toEqual([]);
    const mine = await myCertificates(asUser(people[1]!.id, ["trainee"]));
    expect(mine).toEqual([expect.objectContaining({ serial: row.serial, status: "revoked", verifyPath: `/verify/${row.verificationCode}` })]);
  });

  test("certificates of another cohort cannot be revoked or reissued through this one", async () => {
    const other = (await createCohort()).id;
    const row = await db.certificate.findFirstOrThrow({ where: { enrollmentId: enrollments[2]! } });
    expect(await revokeCertificate(admin, other, { certificateId: row.id, reason: "x" }, context())).toEqual({ ok: false, error: "notFound" });
    expect(await reissueCertificate(admin, other, { certificateId: row.id, reason: "x" }, context())).toEqual({ ok: false, error: "notFound" });
  });
});

describe("public verification", () => {
  const from = (address: string) => new Request("http://localhost/verify", { headers: { "X-Forwarded-For": address } });

  test("wrong or malformed codes are not found, and too many from one address are refused, even for a genuine code", async () => {
    process.env.TRUST_PROXY = "1";
    try {
      const genuine = (await db.certificate.findFirstOrThrow({ where: { enrollmentId: enrollments[2]! } })).verificationCode;
      expect(await verifyCertificate(from("203.0.113.9"), "not-a-code", now)).toEqual({ found: false, limited: false });
      for (let i = 2; i < VERIFY_ADDRESS_LIMITS.maxFailures; i += 1) {
        expect((await verifyCertificate(from("203.0.113.9"), "A".repeat(32), now)).found).toBe(false);
      }
      // 19 misses so far; genuine lookups do not count toward the limit.
      expect((await verifyCertificate(from("203.0.113.9"), genuine, now)).found).toBe(true);
      expect(await verifyCertificate(from("203.0.113.9"), genuine, now)).toMatchObject({ found: true });
      expect(await verifyCertificate(from("203.0.113.9"), "B".repeat(32), now)).toEqual({ found: false, limited: false });
      expect(await verifyCertificate(from("203.0.113.9"), genuine, now)).toMatchObject({ found: false, limited: true });
      // Another address is not affected.
      expect(await verifyCertificate(from("198.51.100.7"), genuine, now)).toMatchObject({ found: true });
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });

  test("the page: 200 with the printed fields for a genuine code, 404 for a wrong or malformed one", async () => {
    const row = await db.certificate.findFirstOrThrow({ where: { enrollmentId: enrollments[2]! } });
    const page = async (code: string) => {
      const result = (await verifyLoader({ request: from("192.0.2.44"), params: { code }, context: {} })) as unknown as { data: Record<string, unknown>; init: { status?: number } | null };
      return { status: result.init?.status ?? 200, data: result.data };
    };
    process.env.TRUST_PROXY = "1";
    try {
      const genuine = await page(row.verificationCode);
      expect(genuine.status).toBe(200);
      expect(genuine.data).toMatchObject({ found: true, snapshot: { serial: row.serial, traineeName: "王五" }, status: { kind: "valid" } });
      // Only what the certificate prints: no mobile number or e-mail of the trainee.
      expect(JSON.stringify(genuine.data)).not.toMatch(/@test\.academy|139\d{8}/);
      expect((await page("2".repeat(32))).status).toBe(404);
      expect(await page("<script>")).toMatchObject({ status: 404, data: { found: false } });
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });
});
