// Clash detection: which scheduled sessions a new or changed session would
// collide with, by venue, lecturer (across cohorts) or cohort.
import { db, type Prisma } from "~/utils/db.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatDay, formatTimeRange } from "~/utils/time.ts";
import type { ClashKind, ClashView } from "./sessions.ts";

export type Clash = {
  kind: ClashKind;
  session: {
    id: string;
    cohortId: string;
    cohortTitle: string;
    moduleTitle: string;
    startsAt: Date;
    endsAt: Date;
    venueName: string | null;
    lecturerNames: string[];
  };
  /** For a lecturer clash: who is double-booked. */
  lecturerName?: string;
};

const clashSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  venueId: true,
  venue: { select: { name: true } },
  module: { select: { title: true, cohortId: true, cohort: { select: { title: true } } } },
  lecturers: {
    select: { lecturerId: true, lecturer: { select: { name: true } } },
    orderBy: { lecturer: { name: "asc" } },
  },
} satisfies Prisma.SessionSelect;

/**
 * Scheduled sessions that overlap [startsAt, endsAt) and share the venue, a
 * lecturer (in any cohort: a guest lecturer cannot teach two classes at once)
 * or the cohort. Back-to-back sessions do not overlap; cancelled ones never clash.
 */
export async function findClashes(
  input: {
    cohortId: string;
    startsAt: Date;
    endsAt: Date;
    venueId?: string | null;
    lecturerIds?: readonly string[];
    excludeSessionId?: string;
  },
): Promise<Clash[]> {
  const lecturerIds = [...new Set(input.lecturerIds ?? [])];
  const sharing: Prisma.SessionWhereInput[] = [{ module: { cohortId: input.cohortId } }];
  if (input.venueId) sharing.push({ venueId: input.venueId });
  if (lecturerIds.length) sharing.push({ lecturers: { some: { lecturerId: { in: lecturerIds } } } });
  const rows = await db.session.findMany({
    where: {
      status: "scheduled",
      startsAt: { lt: input.endsAt },
      endsAt: { gt: input.startsAt },
      ...(input.excludeSessionId ? { id: { not: input.excludeSessionId } } : {}),
      OR: sharing,
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: clashSelect,
    take: 50,
  });
  return rows.flatMap((row) => {
    const session = {
      id: row.id,
      cohortId: row.module.cohortId,
      cohortTitle: row.module.cohort.title,
      moduleTitle: row.module.title,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      venueName: row.venue?.name ?? null,
      lecturerNames: row.lecturers.map((l) => l.lecturer.name),
    };
    const clashes: Clash[] = [];
    if (input.venueId && row.venueId === input.venueId) clashes.push({ kind: "venue", session });
    for (const shared of row.lecturers.filter((l) => lecturerIds.includes(l.lecturerId))) {
      clashes.push({ kind: "lecturer", session, lecturerName: shared.lecturer.name });
    }
    if (row.module.cohortId === input.cohortId) clashes.push({ kind: "cohort", session });
    return clashes;
  });
}

/** Clashes as the session form lists them, in the academy's zone and the reader's language. */
export function presentClashes(clashes: Clash[], cohortId: string, timeZone: string, language: Language): ClashView[] {
  return clashes.map((clash) => ({
    kind: clash.kind,
    sessionId: clash.session.id,
    sameCohort: clash.session.cohortId === cohortId,
    cohortTitle: clash.session.cohortTitle,
    moduleTitle: clash.session.moduleTitle,
    day: formatDay(clash.session.startsAt, timeZone, language),
    time: formatTimeRange(clash.session.startsAt, clash.session.endsAt, timeZone),
    venueName: clash.session.venueName,
    lecturerNames: clash.session.lecturerNames,
    lecturerName: clash.lecturerName ?? null,
  }));
}
