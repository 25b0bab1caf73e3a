// Zod pieces that several forms share, browser-safe. Messages are translation keys.
import { z } from "zod";

/** A text field that may be left empty: trimmed, at most `max` characters, empty becomes null. */
export const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((value) => value || null);
