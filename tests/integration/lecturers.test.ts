// Lecturers as staff keep them: profiles, photos checked by content, the
// account a lecturer signs in with, and "my teaching" as the lecturer sees it.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAuthSession } from "~/modules/accounts/auth-session.server.ts";
import { cohortScope } from "~/modules/accounts/authorization.server.ts";
import type { RoleKey } from "~/modules/accounts/roles.ts";
import { storedFileExists } from "~/modules/files/file-storage.server.ts";
import {
  createLecturer,
  getLecturer,
  getTeachingSchedule,
  linkableAccounts,
  linkLecturerAccount,
  listLecturers,
  openLecturerPhoto,
  removeLecturerPhoto,
  setLecturerPhoto,
  unlinkLecturerAccount,
  updateLecturer,
} from "~/modules/faculty/lecturers.server.ts";
import { LecturerFormSchema } from "~/modules/faculty/lecturers.ts";
import { action as lecturerAction, loader as lecturerLoader } from "~/routes/admin.lecturers.$lecturerId.tsx";
import { loader as photoLoader } from "~/routes/lecturers.$lecturerId.photo.tsx";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { splitMessage } from "~/utils/messages.ts";
import { zonedInstant } from "~/utils/time.ts";
import { assign, createCohort } from "../factories/cohort.ts";
import { createModule, createSession, createVenue } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";
import { jpeg, minimalPdf, png } from "../factories/upload-files.ts";
import { asUser } from "../factories/user.ts";

let uploads: string;
beforeAll(() => {
  uploads = mkdtempSync(path.join(os.tmpdir(), "academy-lecturers-"));
  process.env.DATA_DIR = uploads;
});
afterAll(() => {
  delete process.env.DATA_DIR;
  rmSync(uploads, { recursive: true, force: true });
});

const tz = "Asia/Shanghai";
const view = { timeZone: tz, language: "zh-CN" as const };
const profile = (name: string, overrides: Partial<Parameters<typeof createLecturer>[0]> = {}) => ({
  name,
  title: null,
  organisation: null,
  region: null,
  bio: null,
  kind: "guest" as const,
  ...overrides,
});

async function refusalKey(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return splitMessage((error as DomainError).messageKey)[0];
}

/** Linking as an admin, whose reach has no bounds (the bounds for staff are in security/lecturer-links.test.ts). */
async function asAdmin() {
  const admin = await createPerson({ roles: ["admin"] });
  return { actor: asUser(admin.id, ["admin"]), request: new Request("http://localhost/admin/lecturers"), now: new Date() };
}

async function signedIn(roles: RoleKey[]) {
  const person = await createPerson({ roles });
  const cookie = (await createAuthSession(new Request("http://localhost/"), person.id, {})).split(";")[0]!;
  return { person, cookie };
}

describe("the profile", () => {
  test("the form's limits: name required up to 60, title/organisation/region up to 100, bio up to 1000", () => {
    const errors = (input: Record<string, string>) => {
      const result = LecturerFormSchema.safeParse({ kind: "guest", ...input });
      return result.success ? {} : result.error.flatten().fieldErrors;
    };
    expect(errors({ name: "  " })).toEqual({ name: ["faculty.errors.nameRequired"] });
    expect(errors({ name: "林".repeat(61) })).toEqual({ name: ["faculty.errors.nameTooLong"] });
    expect(errors({ name: "林文博", organisation: "大".repeat(101), region: "江".repeat(101) })).toEqual({
      organisation: ["faculty.errors.textTooLong"],
      region: ["faculty.errors.textTooLong"],
    });
    expect(errors({ name: "林文博", bio: "好".repeat(1001) })).toEqual({ bio: ["faculty.errors.bioTooLong"] });
    expect(LecturerFormSchema.parse({ name: " 林文博 ", kind: "internal", title: "" })).toEqual({
      name: "林文博",
      kind: "internal",
      title: null,
      organisation: null,
      region: null,
      bio: null,
    });
  });

  test("created, edited, and found by name or organisation and by kind, with the number of sessions", async () => {
    const suffix = String(Math.random()).slice(2, 8);
    const guest = await createLecturer(profile(`沈建华${suffix}`, { organisation: `苏州恒锐智能装备${suffix}`, region: "江苏苏州" }));
    const internal = await createLecturer(profile(`陈思远${suffix}`, { kind: "internal", organisation: "云溪大学" }));
    const cohort = await createCohort();
    const module = await createModule(cohort.id);
    await createSession(module.id, { startsAt: new Date("2025-03-10T01:00:00Z"), lecturerIds: [guest.id] });
    await createSession(module.id, { startsAt: new Date("2025-03-11T01:00:00Z"), lecturerIds: [guest.id, internal.id] });

    expect((await listLecturers({ search: `恒锐智能装备${suffix}` })).map((l) => [l.name, l.sessionCount])).toEqual([[`沈建华${suffix}`, 2]]);
    expect((await listLecturers({ search: `陈思远${suffix}` })).map((l) => l.sessionCount)).toEqual([1]);
    const internals = await listLecturers({ kind: "internal" });
    expect(internals.some((l) => l.id === internal.id)).toBe(true);
    expect(internals.some((l) => l.id === guest.id)).toBe(false);

    await updateLecturer(guest.id, profile(`沈建华${suffix}`, { title: "董事长", bio: "1998 年创业。" }));
    const detail = await getLecturer(guest.id, view);
    expect(detail).toMatchObject({ title: "董事长", bio: "1998 年创业。", organisation: null, photoUrl: null });
    expect(detail.sessions.map((s) => s.day)).toEqual(["3月10日周一", "3月11日周二"]);
  });
});

test("a lecturer's sessions are listed only in the cohorts the reader may see", async () => {
  const lecturer = await createLecturer(profile("跨班讲师"));
  const a = await createCohort({ title: "甲班" });
  const b = await createCohort({ title: "乙班" });
  const moduleA = await createModule(a.id);
  const moduleB = await createModule(b.id);
  await createSession(moduleA.id, { startsAt: new Date("2025-03-10T01:00:00Z"), lecturerIds: [lecturer.id] });
  await createSession(moduleB.id, { startsAt: new Date("2025-03-11T01:00:00Z"), lecturerIds: [lecturer.id] });
  const instructor = await createPerson({ roles: ["instructor"] });
  await assign(a.id, instructor.id, "instructor");
  const cohorts = cohortScope(asUser(instructor.id, ["instructor"]), "read:curriculum");
  expect((await getLecturer(lecturer.id, { ...view, cohorts })).sessions.map((s) => s.cohortTitle)).toEqual(["甲班"]);
  const all = cohortScope(asUser(instructor.id, ["admin"]), "read:curriculum");
  expect((await getLecturer(lecturer.id, { ...view, cohorts: all })).sessions.map((s) => s.cohortTitle)).toEqual(["甲班", "乙班"]);
});

describe("the account a lecturer signs in with", () => {
  test("only a person with the instructor role, not linked to another lecturer, can be linked", async () => {
    const lecturer = await createLecturer(profile("林文博"));
    const other = await createLecturer(profile("刘婧"));
    const trainee = await createPerson({ roles: ["trainee"] });
    const staff = await createPerson({ roles: ["staff"] });
    const instructor = await createPerson({ roles: ["instructor"] });
    const deactivated = await createPerson({ roles: ["instructor"], status: "deactivated" });

    const admin = await createPerson({ roles: ["admin"] });
    const context = { actor: asUser(admin.id, ["admin"]), request: new Request("http://localhost/admin/lecturers"), now: new Date() };
    const linkable = (await linkableAccounts(context.actor)).map((a) => a.id);
    expect(linkable).toContain(instructor.id);
    expect(linkable).not.toContain(trainee.id);
    expect(linkable).not.toContain(staff.id);
    expect(linkable).not.toContain(deactivated.id);

    expect(await refusalKey(linkLecturerAccount(lecturer.id, trainee.id, context))).toBe("faculty.errors.accountNotInstructor");
    expect(await refusalKey(linkLecturerAccount(lecturer.id, staff.id, context))).toBe("faculty.errors.accountNotInstructor");
    expect(await refusalKey(linkLecturerAccount(lecturer.id, deactivated.id, context))).toBe("faculty.errors.accountNotInstructor");
    expect(await refusalKey(linkLecturerAccount(lecturer.id, "no-such-person", context))).toBe("faculty.errors.accountNotInstructor");
    expect((await db.lecturer.findUniqueOrThrow({ where: { id: lecturer.id } })).personId).toBeNull();

    await linkLecturerAccount(lecturer.id, instructor.id, context);
    expect((await getLecturer(lecturer.id, view)).person?.id).toBe(instructor.id);
    expect((await linkableAccounts(context.actor)).map((a) => a.id)).not.toContain(instructor.id);
    expect(await refusalKey(linkLecturerAccount(other.id, instructor.id, context))).toBe("faculty.errors.accountTaken");
    // Linking again to the same profile changes nothing and is no error; linking over another account is refused.
    await linkLecturerAccount(lecturer.id, instructor.id, context);
    const second = await createPerson({ roles: ["instructor"] });
    expect(await refusalKey(linkLecturerAccount(lecturer.id, second.id, context))).toBe("faculty.errors.profileLinked");

    await unlinkLecturerAccount(lecturer.id, context);
    expect((await getLecturer(lecturer.id, view)).person).toBeNull();
    // Who may act as a lecturer is a security matter: both changes are in the audit log.
    const events = await db.auditEvent.findMany({ where: { action: { startsWith: "lecturer." } }, orderBy: { at: "asc" }, select: { action: true, actorId: true, targetId: true, detail: true } });
    expect(events.map((e) => [e.action, e.actorId, e.targetId])).toEqual([
      ["lecturer.account_linked", admin.id, instructor.id],
      ["lecturer.account_unlinked", admin.id, instructor.id],
    ]);
    expect(JSON.parse(events[0]!.detail!)).toEqual({ lecturerId: lecturer.id });
    await linkLecturerAccount(other.id, instructor.id, context);
    expect((await db.lecturer.findUniqueOrThrow({ where: { id: other.id } })).personId).toBe(instructor.id);
  });

  test("the page's action refuses a trainee's account with the message under the field", async () => {
    const lecturer = await createLecturer(profile("黄志刚"));
    const trainee = await createPerson();
    const admin = await signedIn(["admin"]);
    const result = await lecturerAction({
      request: new Request(`http://localhost/admin/lecturers/${lecturer.id}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "link", personId: trainee.id }),
        headers: { Cookie: admin.cookie },
      }),
      params: { lecturerId: lecturer.id },
      context: {},
    });
    expect(result.intent).toBe("link");
    expect(result.result.error).toEqual({ personId: ["faculty.errors.accountNotInstructor"] });
  });

  test("only those who manage lecturers get the linked account's sign-in, in what the page sends", async () => {
    const lecturer = await createLecturer(profile("宋嘉怡"));
    const account = await createPerson({ roles: ["instructor"] });
    await linkLecturerAccount(lecturer.id, account.id, await asAdmin());
    const { email, mobile } = await db.person.findUniqueOrThrow({ where: { id: account.id }, select: { email: true, mobile: true } });
    const page = async (cookie: string) =>
      JSON.stringify(
        await lecturerLoader({ request: new Request(`http://localhost/admin/lecturers/${lecturer.id}`, { headers: { Cookie: cookie } }), params: { lecturerId: lecturer.id }, context: {} }),
      );
    const staffPage = await page((await signedIn(["staff"])).cookie);
    expect(staffPage).toContain(email ?? mobile);
    const instructorPage = await page((await signedIn(["instructor"])).cookie);
    expect(instructorPage).toContain("宋嘉怡");
    for (const login of [email, mobile].filter(Boolean)) expect(instructorPage).not.toContain(login);
  });

  test("instructors may not change lecturers", async () => {
    const lecturer = await createLecturer(profile("顾晓雯"));
    const instructor = await signedIn(["instructor"]);
    const thrown = await lecturerAction({
      request: new Request(`http://localhost/admin/lecturers/${lecturer.id}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "unlink" }),
        headers: { Cookie: instructor.cookie },
      }),
      params: { lecturerId: lecturer.id },
      context: {},
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((thrown as Response).status).toBe(403);
  });
});

describe("the photo", () => {
  test("a JPEG or PNG up to 2 MB, checked by content; served to anyone signed in; removed with its file", async () => {
    const lecturer = await createLecturer(profile("钱立群"));
    const photo = png([1, 2, 3]);
    expect(await refusalKey(setLecturerPhoto(lecturer.id, { name: "qian.png", bytes: minimalPdf(["not an image"]) }))).toBe("faculty.errors.photoType");
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(photo);
    expect(await refusalKey(setLecturerPhoto(lecturer.id, { name: "qian.png", bytes: big }))).toBe("faculty.errors.fileTooLarge");
    expect(await refusalKey(setLecturerPhoto(lecturer.id, { name: "qian.jpg", bytes: photo }))).toBe("faculty.errors.fileExtension");
    expect(await openLecturerPhoto(lecturer.id)).toBeNull();

    await setLecturerPhoto(lecturer.id, { name: "qian.png", bytes: photo });
    const trainee = await signedIn(["trainee"]);
    const get = (cookie?: string) =>
      photoLoader({
        request: new Request(`http://localhost/lecturers/${lecturer.id}/photo`, { headers: cookie ? { Cookie: cookie } : {} }),
        params: { lecturerId: lecturer.id },
        context: {},
      });
    const response = (await get(trainee.cookie)) as Response;
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(response.headers.get("Content-Disposition")).toMatch(/^inline; /);
    expect(response.headers.get("Cache-Control")).toMatch(/^private/);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(photo);
    const anonymous = await get().then(
      () => null,
      (e: unknown) => e,
    );
    expect((anonymous as Response).status).toBe(302);

    // A new photo replaces the old one, whose file goes.
    const first = (await db.lecturer.findUniqueOrThrow({ where: { id: lecturer.id } })).photoPath!;
    await setLecturerPhoto(lecturer.id, { name: "qian.jpg", bytes: jpeg() });
    expect((await openLecturerPhoto(lecturer.id))?.mimeType).toBe("image/jpeg");
    expect(await storedFileExists(first)).toBe(false);

    const second = (await db.lecturer.findUniqueOrThrow({ where: { id: lecturer.id } })).photoPath!;
    await removeLecturerPhoto(lecturer.id);
    expect(await storedFileExists(second)).toBe(false);
    const gone = await get(trainee.cookie).then(
      () => null,
      (e: unknown) => e,
    );
    expect((gone as Response).status).toBe(404);
  });

  test("a photo whose name the form parser cannot read gets a message, not silence", async () => {
    const lecturer = await createLecturer(profile("许文静"));
    const staff = await signedIn(["staff"]);
    const form = new FormData();
    form.set("intent", "photo");
    form.set("photo", new File([new Uint8Array(png())], "xu=1.png", { type: "image/png" }));
    const result = await lecturerAction({
      request: new Request(`http://localhost/admin/lecturers/${lecturer.id}`, { method: "POST", body: form, headers: { Cookie: staff.cookie } }),
      params: { lecturerId: lecturer.id },
      context: {},
    });
    expect(result.intent).toBe("photo");
    expect(result.result.error).toEqual({ photo: ["faculty.errors.fileUnreadable"] });
    expect((await db.lecturer.findUniqueOrThrow({ where: { id: lecturer.id } })).photoPath).toBeNull();
  });

  test("two lecturers with the same photo share the file; removing one keeps the other's", async () => {
    const a = await createLecturer(profile("甲"));
    const b = await createLecturer(profile("乙"));
    const photo = png([9, 9, 9]);
    await setLecturerPhoto(a.id, { name: "a.png", bytes: photo });
    await setLecturerPhoto(b.id, { name: "b.png", bytes: photo });
    const shared = (await db.lecturer.findUniqueOrThrow({ where: { id: a.id } })).photoPath!;
    await removeLecturerPhoto(a.id);
    expect(await storedFileExists(shared)).toBe(true);
    expect((await openLecturerPhoto(b.id))?.size).toBe(photo.length);
  });
});

describe("my teaching", () => {
  test("coming sessions first in time order, then past ones, grouped by day in the academy's zone", async () => {
    const instructor = await createPerson({ roles: ["instructor"] });
    const lecturer = await createLecturer(profile("应志明"));
    await linkLecturerAccount(lecturer.id, instructor.id, await asAdmin());
    const someoneElse = await createLecturer(profile("别人"));
    const cohort = await createCohort({ title: "专精特新班" });
    const module = await createModule(cohort.id, { title: "家族企业治理" });
    const venue = await createVenue({ name: `报告厅${Math.random()}` });
    const at = (date: string, time: string) => zonedInstant(date, time, tz);
    const now = at("2025-03-12", "12:00");
    // 08:00 on the 14th in Shanghai is still the 14th's session, though in UTC it is the 14th at 00:00.
    await createSession(module.id, { startsAt: at("2025-03-14", "08:00"), lecturerIds: [lecturer.id], venueId: venue.id });
    await createSession(module.id, { startsAt: at("2025-03-13", "14:00"), lecturerIds: [lecturer.id], status: "cancelled" });
    await createSession(module.id, { startsAt: at("2025-03-13", "09:00"), lecturerIds: [lecturer.id] });
    // Under way at `now`: still coming.
    await createSession(module.id, { startsAt: at("2025-03-12", "10:00"), lecturerIds: [lecturer.id] });
    await createSession(module.id, { startsAt: at("2025-03-10", "09:00"), lecturerIds: [lecturer.id] });
    await createSession(module.id, { startsAt: at("2025-03-11", "09:00"), lecturerIds: [lecturer.id] });
    await createSession(module.id, { startsAt: at("2025-03-13", "09:00"), lecturerIds: [someoneElse.id] });

    const schedule = await getTeachingSchedule({ personId: instructor.id, now, timeZone: tz, language: "zh-CN" });
    expect(schedule.lecturer?.name).toBe("应志明");
    expect(schedule.upcoming.map((day) => [day.date, day.sessions.map((s) => [s.time, s.cancelled])])).toEqual([
      ["2025-03-12", [["10:00–13:00", false]]],
      [
        "2025-03-13",
        [
          ["09:00–12:00", false],
          ["14:00–17:00", true],
        ],
      ],
      ["2025-03-14", [["08:00–11:00", false]]],
    ]);
    expect(schedule.past.map((day) => day.date)).toEqual(["2025-03-11", "2025-03-10"]);
    const first = schedule.upcoming[2]!.sessions[0]!;
    expect(first).toMatchObject({ cohortId: cohort.id, cohortTitle: "专精特新班", moduleTitle: "家族企业治理", venueName: venue.name });
    expect(schedule.upcoming[0]!.day).toBe("3月12日周三");
  });

  test("a person not linked to a lecturer profile gets an empty schedule", async () => {
    const instructor = await createPerson({ roles: ["instructor"] });
    expect(await getTeachingSchedule({ personId: instructor.id, now: new Date(), timeZone: tz, language: "en" })).toEqual({
      lecturer: null,
      upcoming: [],
      past: [],
    });
  });
});
