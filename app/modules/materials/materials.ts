// Materials of a module (files and links): limits, forms and how they are shown,
// shared by server and browser. Messages are translation keys.
import { z } from "zod";
import { optionalText } from "~/utils/form-fields.ts";
import { fileTypes, type FileTypeGroup } from "~/modules/files/file-types.ts";
export { formatBytes } from "~/utils/format-bytes.ts";

export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export const materialKinds = ["file", "link"] as const;
export type MaterialKind = (typeof materialKinds)[number];

/** A material as lists show it. */
export type MaterialView = {
  id: string;
  kind: MaterialKind;
  title: string;
  /** The address of a link; files are fetched at /materials/<id>. */
  url: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  /** pdf, word, … for files; link for links. */
  typeGroup: FileTypeGroup | "link" | "other";
  typeLabel: string | null;
  /** When it was added, already formatted, where a list shows it. */
  addedAt?: string;
};

export function typeOfMime(mimeType: string | null): { group: FileTypeGroup | "other"; label: string | null } {
  const entry = Object.values(fileTypes).find((type) => type.mimeType === mimeType);
  return entry ? { group: entry.group, label: entry.label } : { group: "other", label: null };
}

/** "980 B", "12 KB", "1.4 MB": the same in both languages, never broken across lines. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

export const MaterialUploadSchema = z.object({
  title: optionalText(200, "faculty.errors.titleTooLong"),
  file: z.instanceof(File, { message: "faculty.errors.fileRequired" }),
});

export const MaterialLinkSchema = z.object({
  title: z
    .string({ required_error: "faculty.errors.titleRequired" })
    .trim()
    .min(1, "faculty.errors.titleRequired")
    .max(200, "faculty.errors.titleTooLong"),
  url: z
    .string({ required_error: "faculty.errors.urlRequired" })
    .trim()
    .max(2000, "faculty.errors.urlInvalid")
    .refine(isWebAddress, "faculty.errors.urlInvalid"),
});

export const MaterialActionSchema = z.discriminatedUnion("intent", [
  MaterialUploadSchema.extend({ intent: z.literal("upload") }),
  MaterialLinkSchema.extend({ intent: z.literal("link") }),
  z.object({ intent: z.literal("remove"), materialId: z.string().min(1).max(64) }),
]);
