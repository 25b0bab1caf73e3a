// A cohort's programme: modules in three tracks, their hours, and copying them into the next intake.
import { describe, expect, test } from "vitest";
import { copyModules, createModule, deleteModule, getProgramme, listCopySources, updateModule } from "~/modules/programme/programme.server.ts";
import { ModuleFormSchema } from "~/modules/programme/modules.ts";
import { assign, createCohort } from "../factories/cohort.ts";
import { createLecturer, createModule as createModuleRow, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";

const now = new Date("2026-03-01T02:00:00Z");
const input = (overrides: Partial<Parameters<typeof createModule>[1]> = {}) => ({
  title: "数字经济政策解读",
  track: "policy" as const,
  creditHours: 3,
  description: null,
  lecturerIds: [],
  ...overrides,
});

async function domainError(promise: Promise<unknown>): Promise<{ key: string; field: string | undefined }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return { key: (error as DomainError).messageKey, field: (error as DomainError).field };
}

describe("the module form", () => {
  test("takes hours in half steps and names what is wrong", () => {
    const parse = (hours: string) => ModuleFormSchema.safeParse({ title: "AI", track: "technology", creditHours: hours });
    expect(parse("1.5").success).toBe(true);
    expect(parse("1.25").error?.issues[0]?.message).toBe("programme.errors.hoursHalf");
    expect(parse("0").error?.issues[0]?.message).toBe("programme.errors.hoursRange");
    expect(parse("abc").error?.issues[0]?.message).toBe("programme.errors.hoursRange");
    expect(ModuleFormSchema.safeParse({ title: " ", track: "policy", creditHours: "2" }).error?.issues[0]?.message).toBe("programme.errors.titleRequired");
    expect(ModuleFormSchema.safeParse({ title: "x", track: "cooking", creditHours: "2" }).error?.issues[0]?.message).toBe("programme.errors.trackRequired");
  });
});

describe("a cohort's programme", () => {
  test("sums credit hours per track, in track order", async () => {
    const cohort = await createCohort();
    const lecturer = await createLecturer({ name: "黄教授" });
    await createModule(cohort.id, input({ title: "AI 前沿", track: "technology", creditHours: 6, lecturerIds: [lecturer.id] }), now);
    await createModule(cohort.id, input({ title: "政策解读", track: "policy", creditHours: 3 }), now);
    await createModule(cohort.id, input({ title: "组织管理", track: "management", creditHours: 4.5 }), now);
    await createModule(cohort.id, input({ title: "专精特新政策", track: "policy", creditHours: 1.5 }), now);
    const programme = await getProgramme(cohort.id);
    expect(programme.hoursByTrack).toEqual({ policy: 4.5, technology: 6, management: 4.5 });
    expect(programme.totalHours).toBe(15);
    expect(programme.modules.map((m) => m.title)).toEqual(["政策解读", "专精特新政策", "AI 前沿", "组织管理"]);
    expect(programme.modules[2]!.lecturers.map((l) => l.name)).toEqual(["黄教授"]);
  });

  test("editing changes track, hours and lecturers; unknown lecturers are refused and nothing changes", async () => {
    const cohort = await createCohort();
    const [a, b] = [await createLecturer(), await createLecturer()];
    const id = await createModule(cohort.id, input({ lecturerIds: [a.id] }), now);
    await updateModule(cohort.id, id, input({ track: "management", creditHours: 2, lecturerIds: [b.id] }));
    let programme = await getProgramme(cohort.id);
    expect(programme.hoursByTrack).toEqual({ policy: 0, technology: 0, management: 2 });
    expect(programme.modules[0]!.lecturers.map((l) => l.id)).toEqual([b.id]);

    expect(await domainError(updateModule(cohort.id, id, input({ lecturerIds: [b.id, "no-such-lecturer"] })))).toEqual({ key: "programme.errors.lecturerUnknown", field: "lecturerIds" });
    programme = await getProgramme(cohort.id);
    expect(programme.modules[0]!.track).toBe("management");
    expect(programme.modules[0]!.lecturers.map((l) => l.id)).toEqual([b.id]);
  });

  test("a module of another cohort is not found through this one", async () => {
    const [mine, theirs] = [await createCohort(), await createCohort()];
    const id = await createModule(theirs.id, input(), now);
    await expect(updateModule(mine.id, id, input())).rejects.toMatchObject({ status: 404 });
    await expect(deleteModule(mine.id, id)).rejects.toMatchObject({ status: 404 });
    expect(await db.module.count({ where: { id } })).toBe(1);
  });

  test("a module with sessions cannot be deleted; one without can", async () => {
    const cohort = await createCohort();
    const busy = await createModule(cohort.id, input(), now);
    const idle = await createModule(cohort.id, input({ title: "备用" }), now);
    await createSession(busy, { startsAt: new Date("2026-03-02T01:00:00Z") });
    expect((await domainError(deleteModule(cohort.id, busy))).key).toMatch(/^programme\.errors\.hasSessions::/);
    await deleteModule(cohort.id, idle);
    expect(await db.module.findMany({ where: { cohortId: cohort.id }, select: { id: true } })).toEqual([{ id: busy }]);
  });

  test("an archived cohort's programme is closed", async () => {
    const cohort = await createCohort({ status: "archived" });
    expect((await domainError(createModule(cohort.id, input(), now))).key).toBe("programme.errors.archived");
  });
});

describe("copying modules from an earlier cohort", () => {
  test("copies title, track, hours, description, lecturers and materials, but not sessions; twice copies once", async () => {
    const admin = asUser((await createPerson({ roles: ["admin"] })).id, ["admin"]);
    const [first, second] = [await createCohort({ title: "第一期" }), await createCohort({ title: "第二期", status: "enrolling" })];
    const lecturer = await createLecturer();
    const policy = await createModuleRow(first.id, { track: "policy", title: "政策", creditHours: 3, lecturerIds: [lecturer.id] });
    const tech = await createModuleRow(first.id, { track: "technology", title: "大模型应用", creditHours: 6 });
    const management = await createModuleRow(first.id, { track: "management", title: "战略管理", creditHours: 4 });
    await createSession(tech.id, { startsAt: new Date("2025-03-03T01:00:00Z") });
    await db.material.create({ data: { moduleId: policy.id, kind: "link", title: "政策汇编", url: "https://www.gov.cn/" } });

    const sources = await listCopySources(admin, second.id);
    expect(sources.find((s) => s.cohortId === first.id)?.modules.map((m) => m.title)).toEqual(["政策", "大模型应用", "战略管理"]);
    expect(sources.some((s) => s.cohortId === second.id)).toBe(false);

    expect(await copyModules(admin, second.id, [policy.id, tech.id, management.id], now)).toEqual({ copied: 3, skipped: 0 });
    const programme = await getProgramme(second.id);
    expect(programme.hoursByTrack).toEqual({ policy: 3, technology: 6, management: 4 });
    expect(programme.modules.map((m) => [m.title, m.sessions.length, m.materialCount])).toEqual([
      ["政策", 0, 1],
      ["大模型应用", 0, 0],
      ["战略管理", 0, 0],
    ]);
    expect(programme.modules[0]!.lecturers.map((l) => l.id)).toEqual([lecturer.id]);

    expect(await copyModules(admin, second.id, [policy.id, tech.id], now)).toEqual({ copied: 0, skipped: 2 });
    expect(await db.module.count({ where: { cohortId: second.id } })).toBe(3);
    expect((await listCopySources(admin, second.id)).find((s) => s.cohortId === first.id)!.modules.every((m) => m.alreadyCopied)).toBe(true);
  });

  test("staff copy only from cohorts they are assigned to, and a refused copy writes nothing", async () => {
    const person = await createPerson({ roles: ["staff"] });
    const staff = asUser(person.id, ["staff"]);
    const [mine, target, foreign] = [await createCohort(), await createCohort(), await createCohort()];
    await assign(mine.id, person.id, "staff");
    await assign(target.id, person.id, "staff");
    const ok = await createModuleRow(mine.id, { title: "可复制" });
    const hidden = await createModuleRow(foreign.id, { title: "别人的" });

    expect((await listCopySources(staff, target.id)).map((s) => s.cohortId)).toEqual([mine.id]);
    expect(await domainError(copyModules(staff, target.id, [ok.id, hidden.id], now))).toEqual({ key: "programme.errors.sourceUnknown", field: "moduleIds" });
    expect(await db.module.count({ where: { cohortId: target.id } })).toBe(0);
  });
});
