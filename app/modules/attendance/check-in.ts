// Check-in rules that need no database: the location check, the typed-code
// limit, the form schemas. Shared by server and browser.
import { z } from "zod";
import type { CodeRefusal } from "./check-in-codes.ts";

/** Wrong typed codes a person (or a guest's mobile) may send for one session in the period. */
export const CODE_FAILURE_LIMIT = 5;
export const CODE_FAILURE_PERIOD_MS = 10 * 60_000;

export type CheckInFlag = "shared_device" | "outside_venue" | "location_unavailable";
export const checkInFlags = ["shared_device", "outside_venue", "location_unavailable"] as const satisfies readonly CheckInFlag[];

export type CheckInRefusal = CodeRefusal | "not_found" | "cancelled" | "not_enrolled" | "too_many" | "not_open_to_guests";

/** The check-in page of a session: where the projector's QR code leads and where the confirm is sent. */
export const checkInPath = (sessionId: string) => `/check-in/${sessionId}`;

export type Position = { latitude: number; longitude: number };

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceInMeters(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

type VenuePlace = { latitude: number | null; longitude: number | null; radiusMeters: number | null } | null;

export const hasLocationCheck = (venue: VenuePlace): venue is { latitude: number; longitude: number; radiusMeters: number } =>
  venue?.latitude != null && venue.longitude != null && venue.radiusMeters != null;

/** The location check: nothing to say without one; outside the radius or without a position, flagged, never refused. */
export function locationOutcome(venue: VenuePlace, position: Position | null): { flag: CheckInFlag | null; distanceMeters: number | null } {
  if (!hasLocationCheck(venue)) return { flag: null, distanceMeters: null };
  if (!position) return { flag: "location_unavailable", distanceMeters: null };
  const distance = Math.round(distanceInMeters({ latitude: venue.latitude, longitude: venue.longitude }, position));
  return { flag: distance > venue.radiusMeters ? "outside_venue" : null, distanceMeters: distance };
}

const coordinate = (limit: number) => z.coerce.number().min(-limit).max(limit);

// Built once: every check-in reads its form through it.
const PositionSchema = z.object({ latitude: coordinate(90), longitude: coordinate(180) });

/** The position fields the check-in page fills in when the browser gives one. */
export function parsePosition(form: FormData): Position | null {
  // Most phones send none (no location check at the venue): nothing to parse then.
  if (!form.get("latitude") && !form.get("longitude")) return null;
  const parsed = PositionSchema.safeParse({
    latitude: form.get("latitude") || undefined,
    longitude: form.get("longitude") || undefined,
  });
  return parsed.success ? parsed.data : null;
}

const minutes = (max: number) => z.coerce.number({ invalid_type_error: "checkin.settings.errors.minutes" }).int("checkin.settings.errors.minutes").min(0, "checkin.settings.errors.minutes").max(max, "checkin.settings.errors.minutes");

export const CheckInSettingsSchema = z.object({
  intent: z.literal("settings"),
  opensMinutesBefore: minutes(24 * 60),
  closesMinutesAfter: minutes(24 * 60),
  lateAfterMinutes: z.preprocess((v) => (v === "" || v == null ? null : v), minutes(24 * 60).nullable()),
  openToGuests: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});
export type CheckInSettings = z.infer<typeof CheckInSettingsSchema>;

export const GuestFieldsSchema = z.object({
  name: z.string({ required_error: "checkin.guest.errors.name" }).trim().min(1, "checkin.guest.errors.name").max(50, "checkin.guest.errors.name"),
  mobile: z.string({ required_error: "checkin.guest.errors.mobile" }).trim().min(1, "checkin.guest.errors.mobile"),
  company: z.string().trim().max(100, "checkin.guest.errors.company").optional().transform((v) => v || null),
});
