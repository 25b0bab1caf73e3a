import { db } from "~/utils/db.server.ts";

/** Choices the cohort form offers: venues, organisers (federations, governments) and partners. */
export async function cohortFormOptions() {
  const [venues, organisations] = await Promise.all([
    db.venue.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.organisation.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], select: { id: true, name: true, kind: true, level: true } }),
  ]);
  return { venues, organisations };
}
