// The parts of the font libraries the certificate documents use (they ship no types).

declare module "fontkit" {
  export type Glyph = { id: number; advanceWidth: number };
  export type GlyphRun = { glyphs: Glyph[]; advanceWidth: number };
  export type Subset = { includeGlyph(glyph: number | Glyph): number; encode(): Uint8Array };
  export type Font = {
    familyName: string;
    unitsPerEm: number;
    layout(text: string): GlyphRun;
    createSubset(): Subset;
  };
  export function create(buffer: Uint8Array): Font;
}

declare module "subset-font" {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: "sfnt" | "woff" | "woff2"; preserveNameIds?: number[] },
  ): Promise<Buffer>;
}
