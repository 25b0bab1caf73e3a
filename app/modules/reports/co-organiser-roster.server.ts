// The read-only roster that co-organisers (organisation viewers), instructors,
// staff and admins may open for the cohorts within their `read:roster` reach:
// names, companies, positions and attendance (the rate and every held
// session's mark), and nothing that reaches a person (no mobile, e-mail,
// credit code or account). Every field is picked here by name, so a column
// added to a profile never reaches a co-organiser by accident.
import { forbidden, can } from "~/modules/accounts/authorization.server.ts";
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { rosterCohortScope } from "~/modules/accounts/organisation-viewers.server.ts";
import { presentGrid } from "~/modules/attendance/grid-view.server.ts";
import { cohortGrid } from "~/modules/attendance/grid.server.ts";
import { db } from "~/utils/db.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { formatDateRange } from "~/utils/time.ts";

type Reader = Pick<CurrentUser, "id" | "permissions">;

/** Signed in with `read:roster` at some reach; everyone else is refused outright. */
export function requireRosterReader(user: Reader): void {
  if (!(["any", "cohort", "organisation"] as const).some((access) => can(user, "read:roster", access))) forbidden();
}

export type RosterCohort = { id: string; title: string; code: string; dates: string; status: string; enrolled: number; organisations: string[] };

/** The cohorts whose rosters the user may open, newest first. */
export async function listRosterCohorts(user: Reader, language: Language): Promise<RosterCohort[]> {
  requireRosterReader(user);
  const cohorts = await db.cohort.findMany({
    where: await rosterCohortScope(user),
    orderBy: [{ startDate: "desc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      code: true,
      startDate: true,
      endDate: true,
      status: true,
      organisations: { where: { role: { in: ["organiser", "co_organiser"] } }, orderBy: { position: "asc" }, select: { organisation: { select: { name: true } } } },
      _count: { select: { enrollments: { where: { status: { in: ["enrolled", "completed"] } } } } },
    },
  });
  return cohorts.map((c) => ({
    id: c.id,
    title: c.title,
    code: c.code,
    dates: formatDateRange(c.startDate, c.endDate, language),
    status: c.status,
    enrolled: c._count.enrollments,
    organisations: c.organisations.map((o) => o.organisation.name),
  }));
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/**
 * One cohort's roster with attendance. A cohort outside the user's reach is
 * not found, whether or not it exists: a viewer learns nothing of other cohorts.
 */
export async function coOrganiserRoster(input: { user: Reader; cohortId: string; now: Date; timeZone: string; language: Language }) {
  requireRosterReader(input.user);
  const cohort = await db.cohort.findFirst({
    where: { AND: [{ id: input.cohortId }, await rosterCohortScope(input.user)] },
    select: { id: true, title: true, code: true, startDate: true, endDate: true },
  });
  if (!cohort) notFound();
  const grid = presentGrid(await cohortGrid({ cohortId: cohort.id, now: input.now }), input.timeZone, input.language);
  const positions = new Map(
    (
      await db.traineeProfile.findMany({
        where: { personId: { in: grid.rows.map((row) => row.personId) } },
        select: { personId: true, position: true },
      })
    ).map((profile) => [profile.personId, profile.position]),
  );
  return {
    cohort: { id: cohort.id, title: cohort.title, code: cohort.code, dates: formatDateRange(cohort.startDate, cohort.endDate, input.language) },
    excusedLeaveDenominator: grid.excusedLeaveDenominator,
    total: grid.cohort,
    sessions: grid.sessions.map((s) => ({ id: s.id, date: s.date, time: s.time, moduleTitle: s.moduleTitle, trackKey: s.trackKey, phase: s.phase })),
    rows: grid.rows.map((row) => ({
      key: row.enrollmentId,
      name: row.name,
      company: row.company,
      position: positions.get(row.personId) ?? null,
      cells: row.cells,
      rate: row.standing.rate,
      attended: row.standing.attended,
      counted: row.standing.counted,
    })),
  };
}

export type CoOrganiserRoster = Awaited<ReturnType<typeof coOrganiserRoster>>;
