// A cohort's programme: its modules in the three tracks, their credit hours,
// lecturers and sessions; creating, editing and copying modules.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { cohortScope } from "~/modules/accounts/authorization.server.ts";
import { seatHoldingStatuses } from "~/modules/cohorts/cohorts.ts";
import { db, type Prisma } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import type { Language } from "~/utils/i18n.ts";
import { messageWithValues } from "~/utils/messages.ts";
import { formatDay, formatTimeRange } from "~/utils/time.ts";
import { hoursByTrackOf, trackKeys, type HoursByTrack, type TrackKey } from "~/modules/academy/tracks.ts";
import { copyMaterials, removeFilesIfUnreferenced, storedFilesOf } from "~/modules/materials/materials.server.ts";
import type { ModuleFormInput } from "./modules.ts";

type Tx = Prisma.TransactionClient;

const programmeModuleSelect = {
  id: true,
  title: true,
  description: true,
  creditHours: true,
  track: { select: { key: true } },
  lecturers: { select: { lecturer: { select: { id: true, name: true, title: true } } }, orderBy: { lecturer: { name: "asc" } } },
  sessions: { select: { id: true, startsAt: true, endsAt: true, status: true }, orderBy: { startsAt: "asc" } },
  _count: { select: { materials: true } },
} satisfies Prisma.ModuleSelect;

export type ProgrammeModule = {
  id: string;
  title: string;
  description: string | null;
  track: TrackKey;
  creditHours: number;
  lecturers: { id: string; name: string; title: string | null }[];
  sessions: { id: string; startsAt: Date; endsAt: Date; cancelled: boolean }[];
  materialCount: number;
};

export type Programme = { modules: ProgrammeModule[]; hoursByTrack: HoursByTrack; totalHours: number };

function toProgrammeModule(row: Prisma.ModuleGetPayload<{ select: typeof programmeModuleSelect }>): ProgrammeModule {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    track: row.track.key as TrackKey,
    creditHours: row.creditHours,
    lecturers: row.lecturers.map(({ lecturer }) => lecturer),
    sessions: row.sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, cancelled: s.status === "cancelled" })),
    materialCount: row._count.materials,
  };
}

/** The modules of a cohort in track order, then in the order staff put them. */
export async function getProgramme(cohortId: string): Promise<Programme> {
  const rows = await db.module.findMany({
    where: { cohortId },
    orderBy: [{ track: { position: "asc" } }, { position: "asc" }, { createdAt: "asc" }],
    select: programmeModuleSelect,
  });
  const modules = rows.map(toProgrammeModule);
  const hoursByTrack = hoursByTrackOf(modules);
  return { modules, hoursByTrack, totalHours: trackKeys.reduce((sum, key) => sum + hoursByTrack[key], 0) };
}

/** The programmes of the cohorts where the person holds a seat, newest cohort first. */
export async function getTraineeProgrammes(personId: string): Promise<{ id: string; title: string; programme: Programme }[]> {
  const cohorts = await db.cohort.findMany({
    where: { enrollments: { some: { personId, status: { in: [...seatHoldingStatuses] } } } },
    orderBy: { startDate: "desc" },
    select: { id: true, title: true },
  });
  return Promise.all(cohorts.map(async (cohort) => ({ ...cohort, programme: await getProgramme(cohort.id) })));
}

export async function getModule(cohortId: string, moduleId: string): Promise<ProgrammeModule | null> {
  const row = await db.module.findFirst({ where: { id: moduleId, cohortId }, select: programmeModuleSelect });
  return row ? toProgrammeModule(row) : null;
}

/** Tracks are reference data, made when the database is prepared. */
async function trackId(tx: Tx, key: TrackKey): Promise<string> {
  return (await tx.track.findUniqueOrThrow({ where: { key }, select: { id: true } })).id;
}

async function checkLecturers(tx: Tx, lecturerIds: string[]): Promise<string[]> {
  const unique = [...new Set(lecturerIds)];
  const known = await tx.lecturer.count({ where: { id: { in: unique } } });
  if (known !== unique.length) throw new DomainError("programme.errors.lecturerUnknown", "lecturerIds");
  return unique;
}

async function cohortOpenForChanges(tx: Tx, cohortId: string): Promise<void> {
  const cohort = await tx.cohort.findUnique({ where: { id: cohortId }, select: { status: true } });
  if (!cohort) throw new Response("Not found", { status: 404 });
  if (cohort.status === "archived") throw new DomainError("programme.errors.archived");
}

export async function createModule(cohortId: string, input: ModuleFormInput, now: Date): Promise<string> {
  return db.$transaction(async (tx) => {
    await cohortOpenForChanges(tx, cohortId);
    const lecturerIds = await checkLecturers(tx, input.lecturerIds);
    const last = await tx.module.aggregate({ where: { cohortId }, _max: { position: true } });
    const module = await tx.module.create({
      data: {
        cohortId,
        trackId: await trackId(tx, input.track),
        title: input.title,
        description: input.description,
        creditHours: input.creditHours,
        position: (last._max.position ?? 0) + 1,
        createdAt: now,
        lecturers: { create: lecturerIds.map((lecturerId) => ({ lecturerId })) },
      },
      select: { id: true },
    });
    return module.id;
  });
}

export async function updateModule(cohortId: string, moduleId: string, input: ModuleFormInput): Promise<void> {
  await db.$transaction(async (tx) => {
    await cohortOpenForChanges(tx, cohortId);
    const found = await tx.module.findFirst({ where: { id: moduleId, cohortId }, select: { id: true } });
    if (!found) throw new Response("Not found", { status: 404 });
    const lecturerIds = await checkLecturers(tx, input.lecturerIds);
    await tx.moduleLecturer.deleteMany({ where: { moduleId } });
    await tx.module.update({
      where: { id: moduleId },
      data: {
        trackId: await trackId(tx, input.track),
        title: input.title,
        description: input.description,
        creditHours: input.creditHours,
        lecturers: { create: lecturerIds.map((lecturerId) => ({ lecturerId })) },
      },
    });
  });
}

/**
 * Only a module without sessions can go: sessions carry attendance and
 * trainees' calendars. Its stored files go too, unless another module shares them.
 */
export async function deleteModule(cohortId: string, moduleId: string): Promise<void> {
  const files = await db.$transaction(async (tx) => {
    await cohortOpenForChanges(tx, cohortId);
    const found = await tx.module.findFirst({ where: { id: moduleId, cohortId }, select: { _count: { select: { sessions: true } } } });
    if (!found) throw new Response("Not found", { status: 404 });
    if (found._count.sessions > 0) {
      throw new DomainError(messageWithValues("programme.errors.hasSessions", { count: found._count.sessions }));
    }
    const files = await storedFilesOf(tx, { moduleId });
    await tx.module.delete({ where: { id: moduleId } });
    return files;
  });
  await removeFilesIfUnreferenced(files);
}

export type CopySource = {
  cohortId: string;
  title: string;
  startDate: string;
  modules: { id: string; title: string; track: TrackKey; creditHours: number; lecturers: string[]; materialCount: number; alreadyCopied: boolean }[];
};

/** Other cohorts' modules that this person may read, newest cohort first, marking those already copied here. */
export async function listCopySources(user: CurrentUser, cohortId: string): Promise<CopySource[]> {
  const [cohorts, copied] = await Promise.all([
    db.cohort.findMany({
      where: { AND: [cohortScope(user, "read:curriculum"), { id: { not: cohortId } }, { modules: { some: {} } }] },
      orderBy: [{ startDate: "desc" }, { title: "asc" }],
      take: 20,
      select: {
        id: true,
        title: true,
        startDate: true,
        modules: {
          orderBy: [{ track: { position: "asc" } }, { position: "asc" }],
          select: {
            id: true,
            title: true,
            creditHours: true,
            track: { select: { key: true } },
            lecturers: { select: { lecturer: { select: { name: true } } } },
            _count: { select: { materials: true } },
          },
        },
      },
    }),
    db.module.findMany({ where: { cohortId, copiedFromId: { not: null } }, select: { copiedFromId: true } }),
  ]);
  const copiedIds = new Set(copied.map((m) => m.copiedFromId));
  return cohorts.map((cohort) => ({
    cohortId: cohort.id,
    title: cohort.title,
    startDate: cohort.startDate,
    modules: cohort.modules.map((m) => ({
      id: m.id,
      title: m.title,
      track: m.track.key as TrackKey,
      creditHours: m.creditHours,
      lecturers: m.lecturers.map(({ lecturer }) => lecturer.name),
      materialCount: m._count.materials,
      alreadyCopied: copiedIds.has(m.id),
    })),
  }));
}

/**
 * Copies modules of earlier cohorts into this one: title, track, hours,
 * description, lecturers and materials (the stored files are shared). Sessions
 * are not copied: the new intake has its own dates. Modules already copied
 * here are skipped, so pressing twice does not double the programme.
 */
export async function copyModules(user: CurrentUser, cohortId: string, moduleIds: string[], now: Date): Promise<{ copied: number; skipped: number }> {
  return db.$transaction(async (tx) => {
    await cohortOpenForChanges(tx, cohortId);
    const sources = await tx.module.findMany({
      where: { id: { in: [...new Set(moduleIds)] }, cohortId: { not: cohortId }, cohort: cohortScope(user, "read:curriculum") },
      orderBy: [{ track: { position: "asc" } }, { position: "asc" }],
      select: { id: true, title: true, description: true, creditHours: true, trackId: true, lecturers: { select: { lecturerId: true } } },
    });
    if (sources.length !== new Set(moduleIds).size) throw new DomainError("programme.errors.sourceUnknown", "moduleIds");
    const already = new Set(
      (await tx.module.findMany({ where: { cohortId, copiedFromId: { in: sources.map((s) => s.id) } }, select: { copiedFromId: true } })).map((m) => m.copiedFromId),
    );
    const last = await tx.module.aggregate({ where: { cohortId }, _max: { position: true } });
    let position = last._max.position ?? 0;
    let copied = 0;
    for (const source of sources) {
      if (already.has(source.id)) continue;
      position += 1;
      const module = await tx.module.create({
        data: {
          cohortId,
          trackId: source.trackId,
          title: source.title,
          description: source.description,
          creditHours: source.creditHours,
          position,
          copiedFromId: source.id,
          createdAt: now,
          lecturers: { create: source.lecturers.map(({ lecturerId }) => ({ lecturerId })) },
        },
        select: { id: true },
      });
      await copyMaterials(tx, source.id, module.id);
      copied += 1;
    }
    return { copied, skipped: sources.length - copied };
  });
}

export type ProgrammeView = {
  hoursByTrack: HoursByTrack;
  totalHours: number;
  tracks: {
    key: TrackKey;
    hours: number;
    modules: {
      id: string;
      title: string;
      description: string | null;
      creditHours: number;
      lecturers: string[];
      materialCount: number;
      sessions: { id: string; day: string; time: string; cancelled: boolean }[];
    }[];
  }[];
};

/** The programme as pages show it, with session times formatted in the academy's zone. */
export function programmeView(programme: Programme, timeZone: string, language: Language): ProgrammeView {
  return {
    hoursByTrack: programme.hoursByTrack,
    totalHours: programme.totalHours,
    tracks: trackKeys.map((key) => ({
      key,
      hours: programme.hoursByTrack[key],
      modules: programme.modules
        .filter((module) => module.track === key)
        .map((module) => ({
          id: module.id,
          title: module.title,
          description: module.description,
          creditHours: module.creditHours,
          lecturers: module.lecturers.map((l) => l.name),
          materialCount: module.materialCount,
          sessions: module.sessions.map((s) => ({
            id: s.id,
            day: formatDay(s.startsAt, timeZone, language),
            time: formatTimeRange(s.startsAt, s.endsAt, timeZone),
            cancelled: s.cancelled,
          })),
        })),
    })),
  };
}
