import type { TrackKey } from "~/modules/academy/tracks.ts";
import { db } from "~/utils/db.server.ts";

let sequence = 0;
const next = () => (sequence += 1);

export async function createModule(
  cohortId: string,
  overrides: { track?: TrackKey; title?: string; creditHours?: number; lecturerIds?: string[] } = {},
) {
  const track = await db.track.findUniqueOrThrow({ where: { key: overrides.track ?? "policy" }, select: { id: true } });
  return db.module.create({
    data: {
      cohortId,
      trackId: track.id,
      title: overrides.title ?? `测试模块${next()}`,
      creditHours: overrides.creditHours ?? 3,
      lecturers: { create: (overrides.lecturerIds ?? []).map((lecturerId) => ({ lecturerId })) },
    },
    select: { id: true, title: true, cohortId: true },
  });
}

export async function createVenue(overrides: { name?: string; kind?: "room" | "offsite"; address?: string } = {}) {
  return db.venue.create({
    data: { name: overrides.name ?? `测试教室${process.pid}-${next()}`, kind: overrides.kind ?? "room", address: overrides.address ?? null },
    select: { id: true, name: true },
  });
}

export async function createLecturer(overrides: { name?: string; personId?: string; kind?: "internal" | "guest" } = {}) {
  return db.lecturer.create({
    data: { name: overrides.name ?? `讲师${next()}`, personId: overrides.personId ?? null, kind: overrides.kind ?? "guest" },
    select: { id: true, name: true },
  });
}

/** A session written directly, bypassing the scheduling rules: for setting the scene in tests. */
export async function createSession(
  moduleId: string,
  overrides: { startsAt: Date; endsAt?: Date; venueId?: string; lecturerIds?: string[]; kind?: string; status?: string },
) {
  return db.session.create({
    data: {
      moduleId,
      startsAt: overrides.startsAt,
      endsAt: overrides.endsAt ?? new Date(overrides.startsAt.getTime() + 3 * 3600_000),
      venueId: overrides.venueId ?? null,
      kind: overrides.kind ?? "lecture",
      status: overrides.status ?? "scheduled",
      lecturers: { create: (overrides.lecturerIds ?? []).map((lecturerId) => ({ lecturerId })) },
    },
    select: { id: true, startsAt: true, endsAt: true },
  });
}
