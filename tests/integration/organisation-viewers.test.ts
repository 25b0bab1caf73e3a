// A county federation co-organises one class with the city: an admin gives the
// county a viewer account; its person activates it with the code, sees that
// class's roster with attendance (never a phone number) and nothing of the
// city's other classes, and loses everything, sessions included, when removed.
import { describe, expect, test } from "vitest";
import { createAuthSession, getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { activateWithCode } from "~/modules/accounts/invitations.server.ts";
import {
  addOrganisationViewer,
  listOrganisationViewers,
  organisationViewerCohortIds,
  removeOrganisationViewer,
  rosterCohortScope,
} from "~/modules/accounts/organisation-viewers.server.ts";
import { ViewerCreateSchema } from "~/modules/accounts/organisation-viewers.ts";
import { requireReportAccess } from "~/modules/reports/access.server.ts";
import { coOrganiserRoster, listRosterCohorts } from "~/modules/reports/co-organiser-roster.server.ts";
import { loadList } from "~/modules/reports/lists.server.ts";
import { listFigures } from "~/modules/reports/report.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { assign, createCohort, createSession, enroll } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";

const now = new Date();
const HOUR = 3_600_000;
const goodPassword = "Tangerine-ladder-42";

let mobileSequence = 0;
function nextMobile(): string {
  mobileSequence += 1;
  return `136${String(process.pid % 1000).padStart(3, "0")}${String(mobileSequence).padStart(5, "0")}`;
}

async function organisation(name: string, level: "province" | "city" | "county") {
  return db.organisation.create({ data: { name: `${name}${process.pid}-${mobileSequence++}`, kind: "federation", level }, select: { id: true, name: true } });
}

async function link(cohortId: string, organisationId: string, role: "organiser" | "co_organiser" | "teaching_partner") {
  await db.cohortOrganisation.create({ data: { cohortId, organisationId, role } });
}

/** The county co-organises A; the city alone organises B; the county only teaches in C. */
async function academy() {
  const county = await organisation("临溪县工商联", "county");
  const city = await organisation("云溪市工商联", "city");
  const a = await createCohort({ title: "县市联办班" });
  const b = await createCohort({ title: "市工商联自办班" });
  const c = await createCohort({ title: "县里只授课的班" });
  await link(a.id, city.id, "organiser");
  await link(a.id, county.id, "co_organiser");
  await link(b.id, city.id, "organiser");
  await link(c.id, city.id, "organiser");
  await link(c.id, county.id, "teaching_partner");
  return { county, city, a, b, c };
}

async function addViewer(organisationId: string, name = "周晓岚", mobile = nextMobile()) {
  const admin = await createPerson({ roles: ["admin"] });
  const input = ViewerCreateSchema.parse({ name, mobile });
  const result = await addOrganisationViewer({ ...input, organisationId }, { actor: asUser(admin.id, ["admin"]), now });
  return { ...result, admin, mobile: input.mobile };
}

async function activate(mobile: string, code: string) {
  const outcome = await activateWithCode({ identifier: mobile, code, password: goodPassword, request: new Request("http://localhost/activate"), now });
  expect(outcome.ok).toBe(true);
}

async function signedInRequest(personId: string) {
  const cookie = await createAuthSession(new Request("http://localhost/"), personId, {});
  return new Request("http://localhost/admin/reports", { headers: { Cookie: cookie.split(";")[0]! } });
}

describe("a county federation's viewer account", () => {
  test("is made by an admin with a code the person activates, and reaches exactly the cohorts the county organises or co-organises", async () => {
    const { county, a } = await academy();
    const { personId, invitation, mobile } = await addViewer(county.id);
    expect(invitation?.code).toMatch(/^\d{8}$/);
    const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { status: true, passwordHash: true, roles: { select: { role: { select: { key: true } } } } } });
    expect(person).toEqual({ status: "invited", passwordHash: null, roles: [{ role: { key: "viewer" } }] });

    await activate(mobile, invitation!.code);
    const user = await getCurrentUser(await signedInRequest(personId));
    expect(user?.roles).toEqual(["viewer"]);
    expect(user?.permissions.sort()).toEqual(["read:report:organisation", "read:roster:organisation"]);

    // Organiser or co-organiser counts; teaching partner does not; the city's own class is not the county's.
    expect(await organisationViewerCohortIds(personId)).toEqual([a.id]);
    expect((await listRosterCohorts(user!, "zh-CN")).map((cohort) => cohort.id)).toEqual([a.id]);
    expect(await db.cohort.count({ where: await rosterCohortScope(user!) })).toBe(1);
  });

  test("sees names, companies, positions and attendance of its cohort, and no contact details anywhere in what it receives", async () => {
    const { county, a, b, c } = await academy();
    const { personId } = await addViewer(county.id);
    const viewer = asUser(personId, ["viewer"]);
    const trainee = await createPerson({ name: "李明远", company: "临溪明远机械有限公司" });
    await db.traineeProfile.update({ where: { personId: trainee.id }, data: { creditCode: "91360000MA35XXXX0X", district: "临溪县", industry: "装备制造" } });
    const enrollment = await enroll(a.id, trainee.id);
    const absentee = await createPerson({ name: "王晴" });
    await enroll(a.id, absentee.id);
    const held = await createSession(a.id, { startsAt: new Date(now.getTime() - 48 * HOUR), hours: 3 });
    await createSession(a.id, { startsAt: new Date(now.getTime() + 48 * HOUR), hours: 3 });
    await db.attendance.create({ data: { enrollmentId: enrollment.id, sessionId: held.id, status: "present", method: "qr" } });

    const roster = await coOrganiserRoster({ user: viewer, cohortId: a.id, now, timeZone: "Asia/Shanghai", language: "zh-CN" });
    expect(roster.rows.map((row) => [row.name, row.company, row.position, row.rate, row.cells])).toEqual([
      ["李明远", "临溪明远机械有限公司", "总经理", 1, ["present", null]],
      // A held session without a record is absent; the one to come is not counted yet.
      ["王晴", expect.stringContaining("有限公司"), "总经理", 0, ["absent", null]],
    ]);
    expect(roster.total).toMatchObject({ attended: 1, counted: 2, rate: 0.5 });
    const sent = JSON.stringify(roster);
    for (const secret of [trainee.mobile, trainee.email, absentee.mobile, absentee.email, "91360000MA35XXXX0X", trainee.id, absentee.id]) {
      expect(sent).not.toContain(secret);
    }

    // Another cohort, one the county only teaches in, and one that does not exist: all alike, not found.
    for (const cohortId of [b.id, c.id, "no-such-cohort"]) {
      const refused = await coOrganiserRoster({ user: viewer, cohortId, now, timeZone: "Asia/Shanghai", language: "zh-CN" }).catch((thrown: unknown) => thrown);
      expect(refused).toBeInstanceOf(Response);
      expect((refused as Response).status).toBe(404);
    }
  });

  test("opens the reports for its organisation's cohorts, and no list there carries a guest's mobile number", async () => {
    const { county, a } = await academy();
    const { personId, invitation, mobile } = await addViewer(county.id);
    await activate(mobile, invitation!.code);
    const access = await requireReportAccess(await signedInRequest(personId));
    expect(access.cohortIds).toEqual([a.id]);

    const started = new Date(now.getTime() - 48 * HOUR);
    const session = await createSession(a.id, { startsAt: started, hours: 2 });
    await db.guestAttendance.create({ data: { sessionId: session.id, name: "访客甲", mobile: "13577776666", company: "甲公司", status: "present" } });
    const day = (at: Date) => at.toISOString().slice(0, 10);
    const range = { from: day(new Date(started.getTime() - 48 * HOUR)), to: day(new Date(now.getTime() + 48 * HOUR)) };
    for (const figure of listFigures) {
      const list = await loadList({ figure, range, cohortIds: access.cohortIds, filter: {}, page: 1, timeZone: "Asia/Shanghai", now });
      if (figure === "people" || figure === "personTimes") expect(list.rows.map((row) => row.name), figure).toContain("访客甲");
      expect(JSON.stringify(list), figure).not.toContain("13577776666");
    }
  });

  test("staff read the rosters of their own cohorts only, and a trainee none at all", async () => {
    const { a, b } = await academy();
    const staff = await createPerson({ roles: ["staff"] });
    await assign(a.id, staff.id, "staff");
    expect((await listRosterCohorts(asUser(staff.id, ["staff"]), "zh-CN")).map((cohort) => cohort.id)).toEqual([a.id]);
    const refused = await coOrganiserRoster({ user: asUser(staff.id, ["staff"]), cohortId: b.id, now, timeZone: "Asia/Shanghai", language: "en" }).catch((thrown: unknown) => thrown);
    expect((refused as Response).status).toBe(404);

    const trainee = await createPerson();
    await enroll(a.id, trainee.id);
    const forbidden = await listRosterCohorts(asUser(trainee.id, ["trainee"]), "zh-CN").catch((thrown: unknown) => thrown);
    expect((forbidden as Response).status).toBe(403);
    expect(await organisationViewerCohortIds(trainee.id)).toBeNull();
  });

  test("removed by an admin: every session ends, the account is deactivated and reaches nothing; added again, it needs a new code", async () => {
    const { county } = await academy();
    const { personId, invitation, mobile, admin } = await addViewer(county.id);
    await activate(mobile, invitation!.code);
    const request = await signedInRequest(personId);
    expect(await getCurrentUser(request)).not.toBeNull();

    await removeOrganisationViewer({ organisationId: county.id, personId }, { actor: asUser(admin.id, ["admin"]), now });
    expect(await getCurrentUser(request, new Date())).toBeNull();
    expect(await organisationViewerCohortIds(personId)).toBeNull();
    const after = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { status: true, roles: true } });
    expect(after).toEqual({ status: "deactivated", roles: [] });
    expect(await listOrganisationViewers(asUser(admin.id, ["admin"]), county.id)).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "viewer.removed", targetId: personId } })).toBe(1);

    const again = await addViewer(county.id, "周晓岚", mobile);
    expect(again.personId).toBe(personId);
    expect(again.invitation?.code).toMatch(/^\d{8}$/);
    expect(await db.person.findUniqueOrThrow({ where: { id: personId }, select: { status: true, passwordHash: true } })).toEqual({ status: "invited", passwordHash: null });
  });

  test("a number that belongs to a trainee or staff account is refused, with a message naming the field; so is a second link of the same viewer", async () => {
    const { county } = await academy();
    const trainee = await createPerson();
    const staff = await createPerson({ roles: ["staff"] });
    for (const mobile of [trainee.mobile, staff.mobile]) {
      const refused = await addViewer(county.id, "冒名", mobile!).catch((thrown: unknown) => thrown);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ messageKey: "viewers.errors.mobileTaken", field: "mobile" });
    }
    expect(await db.organisationViewer.count({ where: { organisationId: county.id } })).toBe(0);
    expect(await db.person.findUniqueOrThrow({ where: { id: trainee.id }, select: { roles: { select: { role: { select: { key: true } } } } } })).toEqual({
      roles: [{ role: { key: "trainee" } }],
    });

    const { mobile } = await addViewer(county.id);
    await expect(addViewer(county.id, "周晓岚", mobile)).rejects.toMatchObject({ messageKey: "viewers.errors.alreadyViewer" });
    expect(ViewerCreateSchema.safeParse({ name: "周晓岚", mobile: "12345" }).error?.issues[0]?.message).toBe("viewers.errors.mobileInvalid");
  });
});
