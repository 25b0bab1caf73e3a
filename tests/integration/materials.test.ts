// Module materials as staff upload them and the cohort's people download them:
// files checked by their content, stored once under the data folder, and
// invisible (404) to everybody outside the cohort.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAuthSession, type CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import type { RoleKey } from "~/modules/accounts/roles.ts";
import { dataDir, readStoredFile, storedFileExists } from "~/modules/files/file-storage.server.ts";
import {
  addFileMaterial,
  addLinkMaterial,
  copyMaterials,
  listMaterials,
  openMaterialForUser,
  removeFilesIfUnreferenced,
  removeMaterial,
  storedFilesOf,
} from "~/modules/materials/materials.server.ts";
import { MAX_MATERIAL_BYTES } from "~/modules/materials/materials.ts";
import { action as materialsAction, loader as materialsLoader } from "~/routes/admin.cohorts.$cohortId.modules.$moduleId.materials.tsx";
import { loader as downloadLoader } from "~/routes/materials.$materialId.tsx";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { splitMessage } from "~/utils/messages.ts";
import { demoPolicyLink, seedDemoMaterials } from "../../prisma/seed/demo-materials.ts";
import { assign, createCohort, enroll } from "../factories/cohort.ts";
import { createLecturer, createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";
import { docx, minimalPdf, windowsProgram, xlsx } from "../factories/upload-files.ts";
import { asUser } from "../factories/user.ts";

let uploads: string;
beforeAll(() => {
  uploads = mkdtempSync(path.join(os.tmpdir(), "academy-materials-"));
  process.env.DATA_DIR = uploads;
});
afterAll(() => {
  delete process.env.DATA_DIR;
  rmSync(uploads, { recursive: true, force: true });
});

/** Every stored file under the data folder. */
function storedFiles(): string[] {
  const root = path.join(dataDir(), "uploads");
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** What opening the material does for `user`: its bytes, or the status it was refused with. */
async function open(user: CurrentUser, materialId: string): Promise<Uint8Array | number> {
  try {
    return await bytesOf((await openMaterialForUser(user, materialId)).body);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function refusal(promise: Promise<unknown>): Promise<[string, Record<string, unknown> | undefined]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return splitMessage((error as DomainError).messageKey);
}

async function signedIn(roles: RoleKey[]) {
  const person = await createPerson({ roles });
  const cookie = (await createAuthSession(new Request("http://localhost/"), person.id, {})).split(";")[0]!;
  return { person, cookie };
}

const staffActor = async () => asUser((await createPerson({ roles: ["staff"] })).id, ["staff"]);

describe("who may download a cohort's file", () => {
  test("the cohort's people can; trainees and staff of another cohort, and withdrawn trainees, get 404", async () => {
    const a = await createCohort({ title: "A班" });
    const b = await createCohort({ title: "B班" });
    const moduleA = await createModule(a.id);
    const otherModuleA = await createModule(a.id);
    const pdf = minimalPdf(["Cohort A handout"]);
    const uploader = await staffActor();
    const material = await addFileMaterial({ cohortId: a.id, moduleId: moduleA.id, file: { name: "讲义.pdf", bytes: pdf }, actor: uploader });

    const person = async (roles: RoleKey[]) => {
      const p = await createPerson({ roles });
      return { id: p.id, user: asUser(p.id, roles) };
    };
    const enrolledA = await person(["trainee"]);
    await enroll(a.id, enrolledA.id, "enrolled");
    const completedA = await person(["trainee"]);
    await enroll(a.id, completedA.id, "completed");
    const withdrawnA = await person(["trainee"]);
    await enroll(a.id, withdrawnA.id, "withdrawn");
    const waitlistedA = await person(["trainee"]);
    await enroll(a.id, waitlistedA.id, "waitlisted");
    const enrolledB = await person(["trainee"]);
    await enroll(b.id, enrolledB.id, "enrolled");
    const staffA = await person(["staff"]);
    await assign(a.id, staffA.id, "head_teacher");
    const staffB = await person(["staff"]);
    await assign(b.id, staffB.id, "staff");
    const instructorA = await person(["instructor"]);
    await assign(a.id, instructorA.id, "instructor");
    const admin = await person(["admin"]);
    // Lecturers with accounts but no assignment: one teaches a session of the module, one another module.
    const sessionLecturer = await person(["instructor"]);
    const lecturerOfSession = await createLecturer({ personId: sessionLecturer.id });
    await createSession(moduleA.id, { startsAt: new Date("2025-03-10T01:00:00Z"), lecturerIds: [lecturerOfSession.id] });
    const otherLecturer = await person(["instructor"]);
    const lecturerOfOther = await createLecturer({ personId: otherLecturer.id });
    await db.moduleLecturer.create({ data: { moduleId: otherModuleA.id, lecturerId: lecturerOfOther.id } });
    const moduleLecturer = await person(["instructor"]);
    const lecturerOfModule = await createLecturer({ personId: moduleLecturer.id });
    await db.moduleLecturer.create({ data: { moduleId: moduleA.id, lecturerId: lecturerOfModule.id } });

    for (const who of [enrolledA, completedA, staffA, instructorA, admin, sessionLecturer, moduleLecturer]) {
      expect(await open(who.user, material.id)).toEqual(pdf);
    }
    for (const who of [enrolledB, staffB, withdrawnA, waitlistedA, otherLecturer]) {
      expect(await open(who.user, material.id)).toBe(404);
    }
    // A material that does not exist answers exactly the same.
    expect(await open(enrolledB.user, "no-such-material")).toBe(404);
    expect(await open(admin.user, "no-such-material")).toBe(404);
  });

  test("the download is an attachment with its Chinese name, its type, and no caching by others", async () => {
    const cohort = await createCohort();
    const module = await createModule(cohort.id);
    const trainee = await signedIn(["trainee"]);
    await enroll(cohort.id, trainee.person.id);
    const outsider = await signedIn(["trainee"]);
    const bytes = docx("第一讲");
    const material = await addFileMaterial({ cohortId: cohort.id, moduleId: module.id, file: { name: "第一讲 课程讲义.docx", bytes }, actor: await staffActor() });

    const get = (cookie?: string) =>
      downloadLoader({
        request: new Request(`http://localhost/materials/${material.id}`, { headers: cookie ? { Cookie: cookie } : {} }),
        params: { materialId: material.id },
        context: {},
      });
    const response = (await get(trainee.cookie)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="___ ____.docx"; filename*=UTF-8''${encodeURIComponent("第一讲 课程讲义.docx")}`,
    );
    // nosniff is the server's, on every response (once); a personal download is kept by no cache.
    expect(response.headers.get("X-Content-Type-Options")).toBeNull();
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("Content-Length")).toBe(String(bytes.length));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);

    const refused = await get(outsider.cookie).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect((refused as Response).status).toBe(404);
    const anonymous = await get().then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect((anonymous as Response).status).toBe(302);
    expect((anonymous as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  test("a link has no file to download", async () => {
    const cohort = await createCohort();
    const module = await createModule(cohort.id);
    const link = await addLinkMaterial({ cohortId: cohort.id, moduleId: module.id, title: "政策原文", url: "https://www.gov.cn/zhengce/" });
    const admin = asUser((await createPerson({ roles: ["admin"] })).id, ["admin"]);
    expect(await open(admin, link.id)).toBe(404);
  });
});

describe("what may be uploaded", () => {
  test("a Windows program renamed handout.pdf is refused by name, and nothing is kept", async () => {
    const cohort = await createCohort();
    const module = await createModule(cohort.id);
    const before = storedFiles().length;
    const [key, values] = await refusal(
      addFileMaterial({ cohortId: cohort.id, moduleId: module.id, file: { name: "handout.pdf", bytes: windowsProgram() }, actor: await staffActor() }),
    );
    expect(key).toBe("faculty.errors.fileType");
    expect(values).toEqual({ name: "handout.pdf" });
    expect(await db.material.count({ where: { moduleId: module.id } })).toBe(0);
    expect(storedFiles().length).toBe(before);
  });

  test("a file over 20 MB is refused with the limit", async () => {
    const cohort = await createCohort();
    const module = await createModule(cohort.id);
    const pdf = minimalPdf(["big"]);
    const big = new Uint8Array(MAX_MATERIAL_BYTES + 1);
    big.set(pdf);
    const [key, values] = await refusal(
      addFileMaterial({ cohortId: cohort.id, moduleId: module.id, file: { name: "big.pdf", bytes: big }, actor: await staffActor() }),
    );
    expect(key).toBe("faculty.errors.fileTooLarge");
    expect(values).toEqual({ name: "big.pdf", limit: "20\u00a0MB" });
  });

  test("Word and Excel documents are accepted and listed with their type and size", async () => {
    const cohort = await createCohort();
    const module = await createModule(cohort.id);
    const actor = await staffActor();
    const word = docx();
    const sheet = await xlsx();
    await addFileMaterial({ cohortId: cohort.id, moduleId: module.id, title: "课前阅读", file: { name: "阅读材料.docx", bytes: word }, actor, now: new Date("2025-03-01T00:00:00Z") });
    await addFileMaterial({ cohortId: cohort.id, moduleId: module.id, file: { name: "日程安排.xlsx", bytes: sheet }, actor, now: new Date("2025-03-02T00:00:00Z") });
    const listed = await listMaterials(module.id);
    expect(listed.map((m) => [m.title, m.fileName, m.typeGroup, m.typeLabel, m.sizeBytes])).toEqual([
      ["课前阅读", "阅读材料.docx", "word", "Word", word.length],
      ["日程安排", "日程安排.xlsx", "excel", "Excel", sheet.length],
    ]);
    const row = await db.material.findFirstOrThrow({ where: { moduleId: module.id, fileName: "阅读材料.docx" } });
    expect(row.uploadedById).toBe(actor.id);
    expect(row.storagePath).toMatch(/^uploads\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
    expect(new Uint8Array(await readStoredFile(row.storagePath!))).toEqual(word);
  });

  test("a module of another cohort is not found", async () => {
    const a = await createCohort();
    const b = await createCohort();
    const moduleB = await createModule(b.id);
    const error = await addFileMaterial({ cohortId: a.id, moduleId: moduleB.id, file: { name: "a.pdf", bytes: minimalPdf(["x"]) }, actor: await staffActor() }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect((error as Response).status).toBe(404);
    expect(await db.material.count({ where: { moduleId: moduleB.id } })).toBe(0);
  });

  test("links must be http or https", async () => {
    const cohort = await createCohort();
    const module = await createModule(cohort.id);
    const [key] = await refusal(addLinkMaterial({ cohortId: cohort.id, moduleId: module.id, title: "x", url: "javascript:alert(1)" }));
    expect(key).toBe("faculty.errors.urlInvalid");
    await addLinkMaterial({ cohortId: cohort.id, moduleId: module.id, title: "政策原文", url: " https://www.gov.cn/zhengce/ " });
    expect((await listMaterials(module.id)).map((m) => [m.kind, m.url, m.typeGroup])).toEqual([["link", "https://www.gov.cn/zhengce/", "link"]]);
  });

  test("a stored link that is not a web address never reaches a page as one", async () => {
    const cohort = await createCohort();
    const module = await createModule(cohort.id);
    // Written past the form, as a restored backup or a hand edit could.
    await db.material.create({ data: { moduleId: module.id, kind: "link", title: "x", url: "javascript:alert(1)" } });
    expect((await listMaterials(module.id)).map((m) => m.url)).toEqual([null]);
  });
});

describe("stored once, shared by copies", () => {
  test("copyMaterials shares the file; removing one copy keeps the other's file, removing the last deletes it", async () => {
    const earlier = await createCohort({ title: "第一期" });
    const later = await createCohort({ title: "第二期" });
    const from = await createModule(earlier.id);
    const to = await createModule(later.id);
    const pdf = minimalPdf(["Shared handout", String(Math.random())]);
    const original = await addFileMaterial({ cohortId: earlier.id, moduleId: from.id, file: { name: "讲义.pdf", bytes: pdf }, actor: await staffActor() });
    await addLinkMaterial({ cohortId: earlier.id, moduleId: from.id, title: "政策原文", url: "https://www.gov.cn/" });

    const copied = await db.$transaction((tx) => copyMaterials(tx, from.id, to.id));
    expect(copied).toBe(2);
    const copies = await listMaterials(to.id);
    expect(copies.map((m) => [m.kind, m.title])).toEqual([
      ["file", "讲义"],
      ["link", "政策原文"],
    ]);
    const [originalRow, copyRow] = await Promise.all([
      db.material.findUniqueOrThrow({ where: { id: original.id } }),
      db.material.findUniqueOrThrow({ where: { id: copies[0]!.id } }),
    ]);
    expect(copyRow.storagePath).toBe(originalRow.storagePath);
    const storagePath = originalRow.storagePath!;

    // The copy belongs to the later cohort: its trainees get it, the earlier cohort's do not.
    const laterTrainee = await createPerson();
    await enroll(later.id, laterTrainee.id);
    expect(await open(asUser(laterTrainee.id, ["trainee"]), copyRow.id)).toEqual(pdf);
    expect(await open(asUser(laterTrainee.id, ["trainee"]), original.id)).toBe(404);

    await removeMaterial(earlier.id, original.id);
    expect(await storedFileExists(storagePath)).toBe(true);
    expect(await open(asUser(laterTrainee.id, ["trainee"]), copyRow.id)).toEqual(pdf);

    await removeMaterial(later.id, copyRow.id);
    expect(await storedFileExists(storagePath)).toBe(false);
  });

  test("the same content uploaded twice is one file on disk", async () => {
    const cohort = await createCohort();
    const module = await createModule(cohort.id);
    const actor = await staffActor();
    const pdf = minimalPdf(["Twice", String(Math.random())]);
    const before = storedFiles().length;
    const first = await addFileMaterial({ cohortId: cohort.id, moduleId: module.id, file: { name: "a.pdf", bytes: pdf }, actor });
    await addFileMaterial({ cohortId: cohort.id, moduleId: module.id, file: { name: "b.pdf", bytes: pdf }, actor });
    expect(storedFiles().length).toBe(before + 1);
    await removeMaterial(cohort.id, first.id);
    expect(storedFiles().length).toBe(before + 1);
  });

  test("a deleted module's files go once nothing else uses them", async () => {
    const earlier = await createCohort();
    const later = await createCohort();
    const from = await createModule(earlier.id);
    const to = await createModule(later.id);
    const actor = await staffActor();
    const shared = minimalPdf(["Shared", String(Math.random())]);
    const own = minimalPdf(["Own", String(Math.random())]);
    await addFileMaterial({ cohortId: earlier.id, moduleId: from.id, file: { name: "shared.pdf", bytes: shared }, actor });
    await addFileMaterial({ cohortId: earlier.id, moduleId: from.id, file: { name: "own.pdf", bytes: own }, actor });
    await db.$transaction((tx) => copyMaterials(tx, from.id, to.id));
    await db.material.deleteMany({ where: { moduleId: to.id, fileName: "own.pdf" } });

    const files = await storedFilesOf(db, { moduleId: from.id });
    expect(files).toHaveLength(2);
    await db.module.delete({ where: { id: from.id } });
    await removeFilesIfUnreferenced(files);
    // The copy of the shared file keeps it; the other file had no copy left.
    const remaining = await storedFilesOf(db, { moduleId: to.id });
    expect(remaining).toHaveLength(1);
    expect(await storedFileExists(remaining[0]!)).toBe(true);
    expect(await Promise.all(files.filter((f) => f !== remaining[0]).map(storedFileExists))).toEqual([false]);
  });

  test("a material is removed only through its own cohort", async () => {
    const a = await createCohort();
    const b = await createCohort();
    const module = await createModule(a.id);
    const link = await addLinkMaterial({ cohortId: a.id, moduleId: module.id, title: "链接", url: "https://example.com/" });
    const error = await removeMaterial(b.id, link.id).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect((error as Response).status).toBe(404);
    expect(await db.material.count({ where: { id: link.id } })).toBe(1);
  });
});

describe("the materials page", () => {
  async function page() {
    const cohort = await createCohort();
    const module = await createModule(cohort.id, { title: "数字化转型" });
    const staff = await signedIn(["staff"]);
    await assign(cohort.id, staff.person.id, "staff");
    const url = `http://localhost/admin/cohorts/${cohort.id}/modules/${module.id}/materials`;
    const params = { cohortId: cohort.id, moduleId: module.id };
    const post = (body: FormData | URLSearchParams, cookie = staff.cookie) =>
      materialsAction({ request: new Request(url, { method: "POST", body, headers: { Cookie: cookie } }), params, context: {} });
    return { cohort, module, staff, url, params, post };
  }

  test("an upload through the form is stored; a file over the limit gets the size message, not an error page", async () => {
    const { module, post } = await page();
    const form = new FormData();
    form.set("intent", "upload");
    form.set("title", "");
    form.set("file", new File([minimalPdf(["via form"])], "表单上传.pdf", { type: "application/pdf" }));
    const ok = await post(form);
    expect(ok.result.error).toBeUndefined();
    expect((await listMaterials(module.id)).map((m) => m.fileName)).toEqual(["表单上传.pdf"]);

    const big = new FormData();
    big.set("intent", "upload");
    big.set("file", new File([new Uint8Array(MAX_MATERIAL_BYTES + 10)], "录像.pdf", { type: "application/pdf" }));
    const refused = await post(big);
    expect(refused.intent).toBe("upload");
    const [key, values] = splitMessage(refused.result.error!["file"]![0]!);
    expect(key).toBe("faculty.errors.fileTooLarge");
    expect(values).toEqual({ name: "录像.pdf", limit: "20\u00a0MB" });
    expect(await db.material.count({ where: { moduleId: module.id } })).toBe(1);
  });

  test("a body that is not a readable form is refused like any bad form, not with a server error", async () => {
    const { module, url, params, staff } = await page();
    const send = (body: string, contentType: string) =>
      materialsAction({ request: new Request(url, { method: "POST", body, headers: { Cookie: staff.cookie, "Content-Type": contentType } }), params, context: {} });
    for (const [body, contentType] of [
      ["intent=link", "text/plain"],
      ['{"intent":"link"}', "application/json"],
      ["--b\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\nupl", "multipart/form-data; boundary=b"],
    ] as const) {
      expect((await send(body, contentType)).result.status).toBe("error");
    }
    expect(await db.material.count({ where: { moduleId: module.id } })).toBe(0);
  });

  test("a file whose name the form parser cannot read gets a message under the file, not silence", async () => {
    const { module, post } = await page();
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", new File([minimalPdf(["x"])], "议程;定稿.pdf", { type: "application/pdf" }));
    const refused = await post(form);
    expect(refused.intent).toBe("upload");
    expect(refused.result.error).toEqual({ file: ["faculty.errors.fileUnreadable"] });
    expect(await db.material.count({ where: { moduleId: module.id } })).toBe(0);
  });

  test("an unknown intent changes nothing; instructors read but may not change; another cohort's module is 404", async () => {
    const { cohort, module, url, params, post } = await page();
    const probe = await post(new URLSearchParams({ intent: "matrix-probe" }));
    expect(probe.result.status).toBe("error");
    expect(await db.material.count({ where: { moduleId: module.id } })).toBe(0);

    const instructor = await signedIn(["instructor"]);
    await assign(cohort.id, instructor.person.id, "instructor");
    const view = await materialsLoader({ request: new Request(url, { headers: { Cookie: instructor.cookie } }), params, context: {} });
    expect(view.canManage).toBe(false);
    const forbidden = await post(new URLSearchParams({ intent: "link", title: "x", url: "https://example.com" }), instructor.cookie).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect((forbidden as Response).status).toBe(403);

    const other = await createCohort();
    const otherModule = await createModule(other.id);
    const admin = await signedIn(["admin"]);
    const notHere = await materialsLoader({
      request: new Request(url, { headers: { Cookie: admin.cookie } }),
      params: { cohortId: cohort.id, moduleId: otherModule.id },
      context: {},
    }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect((notHere as Response).status).toBe(404);
  });
});

test("the demo seed gives modules a real PDF handout and a policy link", async () => {
  const cohort = await createCohort();
  const policy = await createModule(cohort.id, { track: "policy" });
  const technology = await createModule(cohort.id, { track: "technology" });
  const counts = await db.$transaction((tx) => seedDemoMaterials(tx, [policy.id, technology.id]));
  expect(counts).toEqual({ files: 2, links: 1 });
  const [policyMaterials, technologyMaterials] = await Promise.all([listMaterials(policy.id), listMaterials(technology.id)]);
  expect(policyMaterials.map((m) => m.kind).sort()).toEqual(["file", "link"]);
  expect(policyMaterials.find((m) => m.kind === "link")?.url).toBe(demoPolicyLink.url);
  expect(technologyMaterials.map((m) => [m.kind, m.typeGroup])).toEqual([["file", "pdf"]]);
  const file = await db.material.findFirstOrThrow({ where: { moduleId: technology.id, kind: "file" } });
  const bytes = await readStoredFile(file.storagePath!);
  expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
  expect(bytes.length).toBeLessThan(2000);
  expect(bytes.toString("latin1")).toMatch(/startxref\n\d+\n%%EOF\n$/);
});
