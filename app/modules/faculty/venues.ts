// Venues: rooms and off-site places (a memorial museum, a partner company).
// The form, shared by server and browser.
import { z } from "zod";
import { refineVenueLocation, venueLocationFields } from "~/modules/faculty/venue-location.ts";
import { optionalText } from "~/utils/form-fields.ts";

export const venueKinds = ["room", "offsite"] as const;
export type VenueKind = (typeof venueKinds)[number];

export const VenueFormSchema = z
  .object({
    name: z
      .string({ required_error: "faculty.errors.venueNameRequired" })
      .trim()
      .min(1, "faculty.errors.venueNameRequired")
      .max(100, "faculty.errors.textTooLong"),
    kind: z.enum(venueKinds, { errorMap: () => ({ message: "faculty.errors.kindRequired" }) }),
    address: optionalText(200, "faculty.errors.addressTooLong"),
    capacity: z.coerce
      .number({ invalid_type_error: "faculty.errors.capacityInvalid" })
      .int("faculty.errors.capacityInvalid")
      .min(1, "faculty.errors.capacityInvalid")
      .max(100_000, "faculty.errors.capacityInvalid")
      .optional()
      .transform((value) => value ?? null),
    notes: optionalText(500, "faculty.errors.notesTooLong"),
    ...venueLocationFields,
  })
  .superRefine((value, ctx) => {
    refineVenueLocation(value, ctx);
    // Trainees find their way to a site visit from this address.
    if (value.kind === "offsite" && !value.address) {
      ctx.addIssue({ code: "custom", path: ["address"], message: "faculty.errors.addressRequired" });
    }
  });

type VenueOutput = z.output<typeof VenueFormSchema>;
/** The check-in location fields may be left out (kept as they are). */
export type VenueInput = Omit<VenueOutput, "latitude" | "longitude" | "radiusMeters"> & Partial<Pick<VenueOutput, "latitude" | "longitude" | "radiusMeters">>;
