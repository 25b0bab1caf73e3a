// Reading a figure's list from the address: which figure, its filter (each
// value bounded and checked) and the page; and the names of the filter's
// cohort or organisation, to say what the list is narrowed to.
import { sessionKinds, trackKeys } from "~/modules/academy/tracks.ts";
import { db } from "~/utils/db.server.ts";
import { loadList } from "./lists.server.ts";
import { filterKeys } from "./present.ts";
import { listFigures, type ListFigure, type ListFilter } from "./report.ts";
import { readReportRequest } from "./report-page.server.ts";

const MAX_VALUE = 100;

function readFilter(params: URLSearchParams): ListFilter {
  const filter: ListFilter = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim().slice(0, MAX_VALUE);
    if (!value) continue;
    if (key === "who") {
      if (value === "trainees" || value === "guests") filter.who = value;
    } else if (key === "kind") {
      if ((sessionKinds as readonly string[]).includes(value)) filter.kind = value;
    } else if (key === "track") {
      if ((trackKeys as readonly string[]).includes(value)) filter.track = value;
    } else filter[key] = value;
  }
  return filter;
}

export async function listForRequest(request: Request) {
  const context = await readReportRequest(request);
  const params = new URL(request.url).searchParams;
  const asked = params.get("figure");
  const figure = listFigures.includes(asked as ListFigure) ? (asked as ListFigure) : null;
  const filter = readFilter(params);
  const page = Number(params.get("page")?.slice(0, 6) ?? "1");
  if (!figure || !context.parsed.ok) return { ...context, figure, filter, list: null, names: {} };
  const [list, cohort, organisation] = await Promise.all([
    loadList({ figure, range: context.parsed.range, cohortIds: context.cohortIds, filter, page, timeZone: context.academy.timeZone, now: context.now }),
    filter.cohortId ? db.cohort.findUnique({ where: { id: filter.cohortId }, select: { title: true } }) : null,
    filter.organisationId ? db.organisation.findUnique({ where: { id: filter.organisationId }, select: { name: true } }) : null,
  ]);
  return { ...context, figure, filter, list, names: { cohort: cohort?.title ?? null, organisation: organisation?.name ?? null } };
}
