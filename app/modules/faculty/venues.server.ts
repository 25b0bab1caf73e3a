// Venues: where sessions take place. Names are unique so that staff pick the right one.
import { db, isUniqueViolation } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import type { VenueInput, VenueKind } from "./venues.ts";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export type VenueRow = {
  id: string;
  name: string;
  kind: VenueKind;
  address: string | null;
  capacity: number | null;
  notes: string | null;
  latitude: number | null;
  longitude: number | null;
  radiusMeters: number | null;
  sessionCount: number;
};

const venueSelect = {
  id: true,
  name: true,
  kind: true,
  address: true,
  capacity: true,
  notes: true,
  latitude: true,
  longitude: true,
  radiusMeters: true,
  _count: { select: { sessions: true } },
} as const;

function toRow(row: Omit<VenueRow, "kind" | "sessionCount"> & { kind: string; _count: { sessions: number } }): VenueRow {
  const { _count, ...venue } = row;
  return { ...venue, kind: venue.kind as VenueKind, sessionCount: _count.sessions };
}

/** Rooms first, then off-site places, each by name. */
export async function listVenues(): Promise<VenueRow[]> {
  const rows = await db.venue.findMany({ orderBy: [{ kind: "desc" }, { name: "asc" }], select: venueSelect, take: 1000 });
  return rows.map(toRow);
}

export async function getVenue(venueId: string): Promise<VenueRow> {
  const row = await db.venue.findUnique({ where: { id: venueId }, select: venueSelect });
  if (!row) notFound();
  return toRow(row);
}

// The unique index on the name decides, also when two people save the same name at once.
export async function createVenue(input: VenueInput): Promise<{ id: string }> {
  try {
    return await db.venue.create({ data: input, select: { id: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("faculty.errors.venueNameTaken", "name");
    throw error;
  }
}

export async function updateVenue(venueId: string, input: VenueInput): Promise<void> {
  try {
    const { count } = await db.venue.updateMany({ where: { id: venueId }, data: input });
    if (count === 0) notFound();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("faculty.errors.venueNameTaken", "name");
    throw error;
  }
}
