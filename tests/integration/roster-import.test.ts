// Importing a district office's roster (花名册) into a cohort, as staff do it:
// upload, look at the preview, commit; then hand out activation codes.
import { describe, expect, test } from "vitest";
import { activateWithCode } from "~/modules/accounts/invitations.server.ts";
import { applyAsPerson } from "~/modules/cohorts/application.server.ts";
import { CREDIT_CODE_ALPHABET } from "~/modules/people/credit-code.ts";
import {
  commitRosterImport,
  discardUpload,
  issueCohortActivationCodes,
  loadUpload,
  previewRosterImport,
  storeUpload,
} from "~/modules/roster/import.server.ts";
import { db } from "~/utils/db.server.ts";
import { createCohort, enroll } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";
import { demoRosterRows, rosterCsv, rosterXlsx, type RosterFileRow } from "../factories/roster-files.ts";

const now = new Date("2025-03-03T01:00:00Z");
const request = () => new Request("http://localhost/");
const goodPassword = "Tangerine-ladder-42";

/** An admin imports here: what staff of a cohort may see and change is in security/roster-import-scope.test.ts. */
async function anImporter() {
  const admin = await createPerson({ roles: ["admin"], name: "教务管理员" });
  return admin.id;
}
const importer = (actorId: string) => asUser(actorId, ["admin"]);

/** What an import writes: a refused one must leave all of these as they were. */
const counts = async () => ({
  people: await db.person.count(),
  profiles: await db.traineeProfile.count(),
  roles: await db.personRole.count(),
  enrollments: await db.enrollment.count(),
  changes: await db.enrollmentChange.count(),
  audit: await db.auditEvent.count(),
});

const peopleWithMobiles = (mobiles: string[]) =>
  db.person.findMany({
    where: { mobile: { in: mobiles } },
    select: {
      name: true,
      mobile: true,
      email: true,
      status: true,
      passwordHash: true,
      roles: { select: { role: { select: { key: true } } } },
      trainee: { select: { company: true, position: true, industry: true, district: true, creditCode: true } },
    },
  });

/** A valid code with its last (check) character replaced by another valid one. */
function withWrongCheckCharacter(code: string): string {
  const last = code.charAt(17);
  const other = CREDIT_CODE_ALPHABET.charAt((CREDIT_CODE_ALPHABET.indexOf(last) + 1) % CREDIT_CODE_ALPHABET.length);
  return code.slice(0, 17) + other;
}

describe("a clean roster", () => {
  test("87 rows preview as 87 new people, and commit as 87 invited trainees enrolled in the cohort", async () => {
    const actorId = await anImporter();
    const cohort = await createCohort({ capacity: 90, status: "enrolling" });
    const rows = demoRosterRows(87, { firstMobile: "13700000001" });
    const bytes = await rosterXlsx(rows, { titleRow: "云溪区2025年企业家培训班学员花名册", mobileAsNumber: true });

    const preview = await previewRosterImport({ cohortId: cohort.id, fileName: "花名册.xlsx", bytes, actor: importer(actorId) });

    expect(preview.issues).toEqual([]);
    expect(preview.rowsRead).toBe(87);
    expect(preview.knownPeople).toEqual([]);
    expect(preview.seatsAvailable).toBe(90);
    expect(preview.newPeople.map((r) => r.mobile)).toEqual(rows.map((r) => r.mobile));
    // A title row above the header: the first trainee is on Excel's row 3.
    expect(preview.newPeople[0]?.rowNumber).toBe(3);

    const result = await commitRosterImport({
      cohortId: cohort.id,
      fileName: "花名册.xlsx",
      bytes,
      actor: importer(actorId),
      request: request(),
      now,
    });

    expect(result).toEqual({ ok: true, created: 87, enrolled: 87, updated: 0 });
    const people = await peopleWithMobiles(rows.map((r) => r.mobile));
    expect(people).toHaveLength(87);
    const byMobile = new Map(people.map((p) => [p.mobile, p]));
    for (const row of rows) {
      expect(byMobile.get(row.mobile)).toEqual({
        name: row.name,
        mobile: row.mobile,
        email: row.email,
        status: "invited",
        passwordHash: null,
        roles: [{ role: { key: "trainee" } }],
        trainee: {
          company: row.company,
          position: row.position,
          industry: row.industry,
          district: row.district,
          creditCode: row.creditCode,
        },
      });
    }
    const enrollments = await db.enrollment.findMany({
      where: { cohortId: cohort.id },
      select: { id: true, status: true, source: true, enrolledAt: true },
    });
    expect(enrollments).toHaveLength(87);
    expect(
      enrollments.every(
        (e) => e.status === "enrolled" && e.source === "import" && e.enrolledAt?.getTime() === now.getTime(),
      ),
    ).toBe(true);
    const changes = await db.enrollmentChange.findMany({
      where: { enrollment: { cohortId: cohort.id } },
      select: { enrollmentId: true, fromStatus: true, toStatus: true, actorId: true, at: true },
    });
    expect(changes).toHaveLength(87);
    expect(new Set(changes.map((c) => c.enrollmentId))).toEqual(new Set(enrollments.map((e) => e.id)));
    expect(
      changes.every(
        (c) =>
          c.fromStatus === null &&
          c.toStatus === "enrolled" &&
          c.actorId === actorId &&
          c.at.getTime() === now.getTime(),
      ),
    ).toBe(true);
    const audit = await db.auditEvent.findMany({
      where: { action: "roster.imported" },
      select: { actorId: true, targetType: true, targetId: true, detail: true },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId, targetType: "cohort", targetId: cohort.id });
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ file: "花名册.xlsx", created: 87, enrolled: 87, updated: 0 });
  });

  test("a GBK CSV, as Excel saves it on Chinese Windows, keeps the Chinese names and companies", async () => {
    const actorId = await anImporter();
    const cohort = await createCohort({ capacity: 30 });
    const rows = demoRosterRows(25, { firstMobile: "13700001001" });
    const bytes = rosterCsv(rows, { encoding: "gbk" });
    // Really GBK: read as UTF-8 the names would be garbled.
    expect(bytes.toString("utf8")).not.toContain(rows[0]!.name);

    const preview = await previewRosterImport({ cohortId: cohort.id, fileName: "名单.csv", bytes, actor: importer(actorId) });
    expect(preview.issues).toEqual([]);
    expect(preview.newPeople.map((r) => [r.name, r.company])).toEqual(rows.map((r) => [r.name, r.company]));

    expect(
      await commitRosterImport({ cohortId: cohort.id, fileName: "名单.csv", bytes, actor: importer(actorId), request: request(), now }),
    ).toMatchObject({ ok: true, created: 25 });
    const people = await peopleWithMobiles(rows.map((r) => r.mobile));
    expect(people.map((p) => [p.mobile, p.name, p.trainee?.company, p.trainee?.district]).sort()).toEqual(
      rows.map((r) => [r.mobile, r.name, r.company, r.district]).sort(),
    );
  });
});

describe("a roster with problems", () => {
  test("every problem is named by row and column, and committing writes nothing at all", async () => {
    const actorId = await anImporter();
    const cohort = await createCohort({ capacity: 4 });
    const alreadyIn = await createPerson({ name: "周卫国", mobile: "13700002999" });
    await enroll(cohort.id, alreadyIn.id, "enrolled");
    const base = demoRosterRows(8, { firstMobile: "13700002001" });
    const wrongCode = withWrongCheckCharacter(base[2]!.creditCode);
    const sheet: RosterFileRow[] = [
      base[0]!, // row 2: fine
      { ...base[1]!, mobile: "1370000" }, // row 3: too short
      { ...base[2]!, creditCode: wrongCode }, // row 4
      { ...base[3]!, name: null }, // row 5
      { ...base[4]!, mobile: base[0]!.mobile }, // row 6: the mobile of row 2
      { name: alreadyIn.name, mobile: alreadyIn.mobile, company: "周氏实业有限公司" }, // row 7
      base[5]!, // row 8: fine
      base[6]!, // row 9: fine, the last seat (4 seats, 1 taken)
      base[7]!, // row 10: one too many
    ];
    const bytes = await rosterXlsx(sheet);
    const expectedIssues = [
      { rowNumber: 3, column: "mobile", messageKey: "roster.errors.mobileInvalid", value: "1370000" },
      { rowNumber: 4, column: "creditCode", messageKey: "roster.errors.creditCodeCheckDigit", value: wrongCode },
      { rowNumber: 5, column: "name", messageKey: "roster.errors.nameRequired" },
      {
        rowNumber: 6,
        column: "mobile",
        messageKey: "roster.errors.duplicateInFile",
        value: base[0]!.mobile,
        otherRow: 2,
      },
      { rowNumber: 7, column: "mobile", messageKey: "roster.errors.alreadyEnrolled", value: alreadyIn.mobile },
      { rowNumber: 10, column: null, messageKey: "roster.errors.overCapacity", value: "3" },
    ];

    const preview = await previewRosterImport({ cohortId: cohort.id, fileName: "有问题的花名册.xlsx", bytes, actor: importer(actorId) });

    expect(preview.issues).toEqual(expectedIssues);
    expect(preview.rowsRead).toBe(9);
    expect(preview.seatsAvailable).toBe(3);
    expect(preview.newPeople.map((r) => r.rowNumber)).toEqual([2, 8, 9]);

    const before = await counts();
    const result = await commitRosterImport({
      cohortId: cohort.id,
      fileName: "有问题的花名册.xlsx",
      bytes,
      actor: importer(actorId),
      request: request(),
      now,
    });

    expect(result.ok).toBe(false);
    expect(result.ok === false && result.preview.issues).toEqual(expectedIssues);
    expect(await counts()).toEqual(before);
    expect(await db.person.count({ where: { mobile: { in: base.map((r) => r.mobile) } } })).toBe(0);
  });

  test("a refused commit lists the problems as the preview did, in row order", async () => {
    const actorId = await anImporter();
    const cohort = await createCohort({ capacity: 10 });
    const alreadyIn = await createPerson({ name: "吴海峰", mobile: "13700007999" });
    await enroll(cohort.id, alreadyIn.id, "enrolled");
    const [fine] = demoRosterRows(1, { firstMobile: "13700007001" });
    // A problem found in the database (row 2) above one found in the sheet itself (row 3).
    const bytes = await rosterXlsx([
      { name: alreadyIn.name, mobile: alreadyIn.mobile, company: "吴氏贸易有限公司" },
      { ...fine!, mobile: "1370000" },
    ]);
    const preview = await previewRosterImport({ cohortId: cohort.id, fileName: "roster.xlsx", bytes, actor: importer(actorId) });
    expect(preview.issues.map((issue) => issue.rowNumber)).toEqual([2, 3]);

    const result = await commitRosterImport({
      cohortId: cohort.id,
      fileName: "roster.xlsx",
      bytes,
      actor: importer(actorId),
      request: request(),
      now,
    });

    expect(result.ok).toBe(false);
    expect(result.ok === false && result.preview.issues).toEqual(preview.issues);
  });

  test("a cohort filled between preview and commit: the commit refuses the whole sheet", async () => {
    const actorId = await anImporter();
    const cohort = await createCohort({ capacity: 5 });
    const rows = demoRosterRows(3, { firstMobile: "13700003001" });
    const bytes = await rosterXlsx(rows);
    const preview = await previewRosterImport({ cohortId: cohort.id, fileName: "roster.xlsx", bytes, actor: importer(actorId) });
    expect(preview.issues).toEqual([]);
    expect(preview.newPeople).toHaveLength(3);

    // Meanwhile another member of staff enrols three people.
    for (let i = 0; i < 3; i++) await enroll(cohort.id, (await createPerson()).id, "enrolled");
    const before = await counts();

    const result = await commitRosterImport({
      cohortId: cohort.id,
      fileName: "roster.xlsx",
      bytes,
      actor: importer(actorId),
      request: request(),
      now,
    });

    expect(result.ok).toBe(false);
    expect(result.ok === false && result.preview.issues).toEqual([
      { rowNumber: 4, column: null, messageKey: "roster.errors.overCapacity", value: "2" },
    ]);
    expect(await counts()).toEqual(before);
    expect(await db.enrollment.count({ where: { cohortId: cohort.id } })).toBe(3);
  });
});

describe("people Academy already knows", () => {
  test("an applicant listed on the roster is enrolled, not duplicated, and their new company is shown and saved", async () => {
    const actorId = await anImporter();
    const cohort = await createCohort({ capacity: 10, status: "enrolling" });
    const applicant = await createPerson({ name: "陈海峰", mobile: "13700004999", company: "云溪旧厂有限公司" });
    await applyAsPerson({ cohortId: cohort.id, personId: applicant.id, request: request(), now });
    const application = await db.enrollment.findUniqueOrThrow({
      where: { cohortId_personId: { cohortId: cohort.id, personId: applicant.id } },
      select: { id: true },
    });
    const newcomers = demoRosterRows(2, { firstMobile: "13700004001" });
    // The office lists the applicant with a new company; empty cells keep what Academy knows.
    const bytes = await rosterXlsx([
      { name: "陈海峰", mobile: "13700004999", company: "云溪新创科技有限公司" },
      ...newcomers,
    ]);

    const preview = await previewRosterImport({ cohortId: cohort.id, fileName: "roster.xlsx", bytes, actor: importer(actorId) });

    expect(preview.issues).toEqual([]);
    expect(preview.newPeople.map((r) => r.mobile)).toEqual(newcomers.map((r) => r.mobile));
    expect(preview.knownPeople).toEqual([
      {
        row: expect.objectContaining({ rowNumber: 2, mobile: "13700004999" }),
        personId: applicant.id,
        changes: [{ field: "company", from: "云溪旧厂有限公司", to: "云溪新创科技有限公司" }],
      },
    ]);

    const result = await commitRosterImport({
      cohortId: cohort.id,
      fileName: "roster.xlsx",
      bytes,
      actor: importer(actorId),
      request: request(),
      now,
    });

    expect(result).toEqual({ ok: true, created: 2, enrolled: 3, updated: 1 });
    expect(await db.person.count({ where: { mobile: "13700004999" } })).toBe(1);
    expect(
      await db.traineeProfile.findUniqueOrThrow({
        where: { personId: applicant.id },
        select: { company: true, position: true },
      }),
    ).toEqual({
      company: "云溪新创科技有限公司",
      position: "总经理",
    });
    const enrollments = await db.enrollment.findMany({
      where: { cohortId: cohort.id, personId: applicant.id },
      select: { id: true, status: true, source: true },
    });
    expect(enrollments).toEqual([{ id: application.id, status: "enrolled", source: "import" }]);
    expect(
      await db.enrollmentChange.findMany({
        where: { enrollmentId: application.id },
        orderBy: { id: "asc" },
        select: { fromStatus: true, toStatus: true, actorId: true },
      }),
    ).toEqual(
      expect.arrayContaining([
        { fromStatus: null, toStatus: "applied", actorId: applicant.id },
        { fromStatus: "applied", toStatus: "enrolled", actorId },
      ]),
    );
    expect(await db.enrollmentChange.count({ where: { enrollmentId: application.id } })).toBe(2);
  });
});

describe("activation codes for an imported class", () => {
  test("one code per enrolled trainee who has not activated yet, and a code activates the account", async () => {
    const actorId = await anImporter();
    const cohort = await createCohort({ capacity: 20 });
    const rows = demoRosterRows(3, { firstMobile: "13700005001" });
    await commitRosterImport({
      cohortId: cohort.id,
      fileName: "roster.xlsx",
      bytes: await rosterXlsx(rows),
      actor: importer(actorId),
      request: request(),
      now,
    });
    // Not on the list: someone already active, and invited people not holding a seat here.
    await enroll(cohort.id, (await createPerson({ status: "active" })).id, "enrolled");
    await enroll(cohort.id, (await createPerson({ status: "invited", password: null })).id, "applied");
    const elsewhere = await createCohort();
    await enroll(elsewhere.id, (await createPerson({ status: "invited", password: null })).id, "enrolled");

    const issued = await issueCohortActivationCodes({ cohortId: cohort.id, actor: importer(actorId), request: request(), now });

    expect(issued.map((p) => p.mobile).sort()).toEqual(rows.map((r) => r.mobile).sort());
    for (const person of issued) expect(person.code).toMatch(/^\d{8}$/);
    const first = issued.find((p) => p.mobile === rows[0]!.mobile)!;

    const outcome = await activateWithCode({
      identifier: first.mobile!,
      code: first.code,
      password: goodPassword,
      request: request(),
      now,
    });

    expect(outcome).toEqual({ ok: true, personId: first.id });
    expect(await db.person.findUniqueOrThrow({ where: { id: first.id }, select: { status: true } })).toEqual({
      status: "active",
    });
    // Issued anew, the list leaves out who has activated, and the earlier codes stop working.
    const again = await issueCohortActivationCodes({ cohortId: cohort.id, actor: importer(actorId), request: request(), now });
    expect(again.map((p) => p.id).sort()).toEqual(
      issued
        .filter((p) => p.id !== first.id)
        .map((p) => p.id)
        .sort(),
    );
    const stale = issued.find((p) => p.id !== first.id)!;
    expect(
      await activateWithCode({
        identifier: stale.mobile!,
        code: stale.code,
        password: goodPassword,
        request: request(),
        now,
      }),
    ).toEqual({
      ok: false,
      error: "invalid",
    });
  });
});

describe("sheets waiting between preview and commit", () => {
  test("an upload comes back as it was stored, only for its cohort and id", async () => {
    const cohort = await createCohort();
    const other = await createCohort();
    const bytes = await rosterXlsx(demoRosterRows(2, { firstMobile: "13700006001" }));
    const id = storeUpload(cohort.id, "云溪区 花名册 (终版).xlsx", bytes);
    try {
      const loaded = loadUpload(cohort.id, id);
      expect(loaded?.fileName).toBe("云溪区 花名册 (终版).xlsx");
      expect(Buffer.from(loaded!.bytes).equals(bytes)).toBe(true);

      expect(loadUpload(other.id, id)).toBeNull();
      for (const bad of ["../x", `../${cohort.id}.${id}`, `${id}/..`, `..%2F${id.slice(5)}`, ""]) {
        expect(loadUpload(cohort.id, bad), bad).toBeNull();
      }
      expect(loadUpload(`../imports/${cohort.id}`, id)).toBeNull();
    } finally {
      discardUpload(cohort.id, id);
    }
    expect(loadUpload(cohort.id, id)).toBeNull();
  });
});
