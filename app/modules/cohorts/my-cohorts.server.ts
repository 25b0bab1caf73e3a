import { db, type Prisma } from "~/utils/db.server.ts";
import { hoursByTrackOf, type TrackKey } from "~/modules/academy/tracks.ts";
import type { CohortStatus, EnrollmentStatus } from "./cohorts.ts";

const myEnrollmentSelect = {
  id: true,
  status: true,
  cohort: {
    select: {
      id: true,
      title: true,
      status: true,
      startDate: true,
      endDate: true,
      venue: { select: { name: true, address: true } },
      organisations: {
        orderBy: { position: "asc" },
        select: { role: true, organisation: { select: { name: true } } },
      },
      modules: { select: { creditHours: true, track: { select: { key: true } } } },
    },
  },
} satisfies Prisma.EnrollmentSelect;

export type MyCohort = {
  enrollmentId: string;
  enrollmentStatus: EnrollmentStatus;
  cohortId: string;
  title: string;
  status: CohortStatus;
  startDate: string;
  endDate: string;
  venue: string | null;
  organisers: string[];
  partners: string[];
  hoursByTrack: Record<TrackKey, number>;
};

/** The cohorts a person applied to or belongs to, newest first. Always scoped to that person. */
export async function getMyCohorts(personId: string): Promise<MyCohort[]> {
  const rows = await db.enrollment.findMany({
    where: { personId, status: { not: "declined" } },
    orderBy: { cohort: { startDate: "desc" } },
    select: myEnrollmentSelect,
  });
  return rows.map(({ id, status, cohort }) => {
    const hoursByTrack = hoursByTrackOf(cohort.modules.map((m) => ({ track: m.track.key as TrackKey, creditHours: m.creditHours })));
    return {
      enrollmentId: id,
      enrollmentStatus: status as EnrollmentStatus,
      cohortId: cohort.id,
      title: cohort.title,
      status: cohort.status as CohortStatus,
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      venue: cohort.venue?.name ?? null,
      organisers: cohort.organisations.filter((o) => o.role !== "teaching_partner").map((o) => o.organisation.name),
      partners: cohort.organisations.filter((o) => o.role === "teaching_partner").map((o) => o.organisation.name),
      hoursByTrack,
    };
  });
}
