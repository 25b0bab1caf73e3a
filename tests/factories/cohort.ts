import { db } from "~/utils/db.server.ts";

let sequence = 0;

async function academyId(): Promise<string> {
  const academy = await db.academy.upsert({
    where: { slug: "test" },
    update: {},
    create: { slug: "test", name: "测试企业家学院", nameEn: "Test Academy" },
    select: { id: true },
  });
  return academy.id;
}

export async function createCohort(
  overrides: { title?: string; status?: string; capacity?: number; startDate?: string; endDate?: string } = {},
) {
  const n = (sequence += 1);
  return db.cohort.create({
    data: {
      academyId: await academyId(),
      code: `T-${process.pid}-${n}`,
      title: overrides.title ?? `测试班次${n}`,
      startDate: overrides.startDate ?? "2025-03-01",
      endDate: overrides.endDate ?? "2025-04-30",
      capacity: overrides.capacity ?? 50,
      status: overrides.status ?? "running",
    },
    select: { id: true, title: true, code: true },
  });
}

export async function enroll(cohortId: string, personId: string, status = "enrolled") {
  return db.enrollment.create({ data: { cohortId, personId, status }, select: { id: true } });
}

export async function assign(cohortId: string, personId: string, role: "staff" | "head_teacher" | "instructor") {
  await db.cohortAssignment.create({ data: { cohortId, personId, role } });
}

/** A module in `track` with one session from `startsAt` lasting `hours`. */
export async function createSession(
  cohortId: string,
  input: { startsAt: Date; hours?: number; track?: "policy" | "technology" | "management"; title?: string },
) {
  const track = await db.track.findUniqueOrThrow({ where: { key: input.track ?? "policy" }, select: { id: true } });
  const module = await db.module.create({
    data: { cohortId, trackId: track.id, title: input.title ?? "测试模块", creditHours: input.hours ?? 3 },
    select: { id: true },
  });
  return db.session.create({
    data: {
      moduleId: module.id,
      startsAt: input.startsAt,
      endsAt: new Date(input.startsAt.getTime() + (input.hours ?? 3) * 3_600_000),
    },
    select: { id: true, moduleId: true },
  });
}
