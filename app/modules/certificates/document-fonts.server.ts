// The certificate's fonts: Noto Serif SC (regular and bold) from the npm font
// package, cut once per batch to exactly the characters the batch prints, so
// Chinese renders on any machine and every document stays small.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import type { Font } from "fontkit";
import subsetFont from "subset-font";
import type { CertificateSnapshot } from "./certificates.ts";
import { fixedDocumentText, snapshotText, type DocumentSeals, type FontFace, type Measure } from "./document-layout.ts";

const require = createRequire(import.meta.url);
const fontFiles: Record<FontFace, string> = {
  regular: "@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf",
};

/** The batch's font subsets (TrueType bytes) and a measure that agrees with both renderers. */
export type DocumentBatch = {
  fonts: Record<FontFace, Uint8Array>;
  /** The same subsets as files, for resvg (which reads fonts from files fastest). */
  fontFiles: Record<FontFace, string>;
  measure: Measure;
};

let wholeFonts: Promise<Record<FontFace, Buffer>> | null = null;
function loadWholeFonts(): Promise<Record<FontFace, Buffer>> {
  wholeFonts ??= Promise.all([readFile(require.resolve(fontFiles.regular)), readFile(require.resolve(fontFiles.bold))]).then(
    ([regular, bold]) => ({ regular, bold }),
  );
  return wholeFonts;
}

/** Every character the batch's certificates can print: their snapshots, the signatories and the fixed text in both languages. */
export function batchCharacters(snapshots: readonly CertificateSnapshot[], seals?: DocumentSeals): string {
  const text = [fixedDocumentText(), ...snapshots.map(snapshotText)];
  for (const seal of seals?.values() ?? []) text.push(seal.signatoryName ?? "", seal.signatoryTitle ?? "");
  const characters = new Set<string>();
  for (const part of text) for (const character of part) characters.add(character);
  for (const character of "ABCDEFGHIJKLMNOPQRSTUVWXYZ") characters.add(character);
  return [...characters].sort().join("");
}

/** Subsets the fonts once for all of `snapshots`; render each of them with the result. */
export async function prepareDocumentBatch(snapshots: readonly CertificateSnapshot[], seals?: DocumentSeals): Promise<DocumentBatch> {
  const whole = await loadWholeFonts();
  const characters = batchCharacters(snapshots, seals);
  const [regular, bold] = await Promise.all([
    subsetFont(whole.regular, characters, { targetFormat: "sfnt" }),
    subsetFont(whole.bold, characters, { targetFormat: "sfnt" }),
  ]);
  const fonts = { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
  const opened: Record<FontFace, Font> = { regular: openFont(fonts.regular), bold: openFont(fonts.bold) };
  const measure: Measure = (text, face, size) => {
    const font = opened[face];
    return (font.layout(text).advanceWidth / font.unitsPerEm) * size;
  };
  const fontFiles = { regular: await subsetFile(fonts.regular), bold: await subsetFile(fonts.bold) };
  return { fonts, fontFiles, measure };
}

/** A subset written once under the temporary folder, named by its content, so batches share it and none is half-written. */
async function subsetFile(bytes: Uint8Array): Promise<string> {
  const folder = path.join(tmpdir(), "academy-certificate-fonts");
  await mkdir(folder, { recursive: true });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const file = path.join(folder, `${sha256}.ttf`);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
  return file;
}

/** One face cut to `characters`, as a file (for one-off drawings such as demonstration seals). */
export async function subsetFontFile(face: FontFace, characters: string): Promise<string> {
  const whole = await loadWholeFonts();
  return subsetFile(new Uint8Array(await subsetFont(whole[face], characters, { targetFormat: "sfnt" })));
}

/**
 * A batch's font, opened once and shared by every document of the batch: laying
 * out text (shaping) is the slow part of drawing a page, and the same strings
 * recur on every certificate, so each text's layout is kept.
 */
const openedFonts = new WeakMap<Uint8Array, Font>();
function openFont(bytes: Uint8Array): Font {
  const known = openedFonts.get(bytes);
  if (known) return known;
  const font = fontkit.create(bytes);
  const layout = font.layout.bind(font);
  const layouts = new Map<string, ReturnType<Font["layout"]>>();
  font.layout = (text: string) => {
    let run = layouts.get(text);
    if (!run) layouts.set(text, (run = layout(text)));
    return run;
  };
  openedFonts.set(bytes, font);
  return font;
}

/** The font family resvg and the SVG template know the subsets by. */
export const documentFontFamily = "Noto Serif SC";

/**
 * fontkit 2 for pdf-lib: pdf-lib asks a subset for `encodeStream()` (fontkit 1's
 * API), fontkit 2 gives `encode()`. pdf-lib's own fork of fontkit 1 writes broken
 * TrueType subsets (glyphs render blank), so the upstream one is used.
 */
export const pdfFontkit = {
  create(buffer: Uint8Array): Font {
    const font = openFont(buffer);
    if (patchedForPdf.has(font)) return font;
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      return Object.assign(subset, {
        encodeStream() {
          const bytes = subset.encode();
          const listeners: Record<string, (value?: unknown) => void> = {};
          const stream = {
            on(event: string, listener: (value?: unknown) => void) {
              listeners[event] = listener;
              return stream;
            },
          };
          queueMicrotask(() => {
            listeners.data?.(bytes);
            listeners.end?.();
          });
          return stream;
        },
      });
    };
    patchedForPdf.add(font);
    return font;
  },
};
const patchedForPdf = new WeakSet<Font>();
