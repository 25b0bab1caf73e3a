// The venue's position for the check-in location check: latitude, longitude
// and radius, all three or none. Fields for the venue form, shared by server and browser.
import { z } from "zod";

const optionalNumber = (min: number, max: number, message: string, int = false) =>
  z.preprocess(
    (v) => (v === "" || v == null ? undefined : v),
    (int ? z.coerce.number({ invalid_type_error: message }).int(message) : z.coerce.number({ invalid_type_error: message })).min(min, message).max(max, message).optional(),
  ).transform((v) => v ?? null);

export const venueLocationFields = {
  latitude: optionalNumber(-90, 90, "checkin.venue.errors.latitude"),
  longitude: optionalNumber(-180, 180, "checkin.venue.errors.longitude"),
  radiusMeters: optionalNumber(10, 100_000, "checkin.venue.errors.radius", true),
};

/** All three or none: a check with a position but no radius (or the reverse) would mean nothing. */
export function refineVenueLocation(value: { latitude: number | null; longitude: number | null; radiusMeters: number | null }, ctx: z.RefinementCtx) {
  const given = [value.latitude, value.longitude, value.radiusMeters].filter((v) => v !== null).length;
  if (given !== 0 && given !== 3) ctx.addIssue({ code: "custom", path: ["radiusMeters"], message: "checkin.venue.errors.incomplete" });
}
