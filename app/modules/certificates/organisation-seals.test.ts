import { deflateSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { demoSealPng } from "./document-samples.server.ts";
import { checkSealImage, pngHasTransparency } from "./organisation-seals.server.ts";

/** A 1×1 PNG of the given colour type (2: RGB, 6: RGBA), with an optional tRNS chunk. */
function tinyPng(colourType: 2 | 6, withTrns = false): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(Buffer.from(type, "latin1"), 4);
    out.set(data, 8);
    return out; // the CRC is not checked by what is tested here
  };
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, 1);
  view.setUint32(4, 1);
  header.set([8, colourType, 0, 0, 0], 8);
  const pixel = deflateSync(new Uint8Array(colourType === 6 ? [0, 1, 2, 3, 4] : [0, 1, 2, 3]));
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    ...(withTrns ? [chunk("tRNS", new Uint8Array([0, 0, 0, 0, 0, 0]))] : []),
    chunk("IDAT", pixel),
    chunk("IEND", new Uint8Array()),
  ];
  return Buffer.concat(parts);
}

describe("seal and signature images", () => {
  test("transparency is read from the PNG: an alpha channel or a tRNS chunk, not an opaque RGB image", () => {
    expect(pngHasTransparency(tinyPng(6))).toBe(true);
    expect(pngHasTransparency(tinyPng(2, true))).toBe(true);
    expect(pngHasTransparency(tinyPng(2))).toBe(false);
  });

  test("a seal must be a PNG with transparency, not empty, at most 1 MB; a demo seal passes", async () => {
    const reason = (bytes: Uint8Array, name = "seal.png") => {
      try {
        checkSealImage({ name, bytes });
        return "accepted";
      } catch (error) {
        return (error as Error).message.split("|")[0];
      }
    };
    expect(reason(await demoSealPng("云溪大学"))).toBe("accepted");
    expect(reason(new Uint8Array())).toContain("organisations.errors.imageEmpty");
    expect(reason(tinyPng(2))).toContain("organisations.errors.imageOpaque");
    expect(reason(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), "seal.png")).toContain("organisations.errors.imageNotPng");
    const large = new Uint8Array(1024 * 1024 + 1);
    large.set(tinyPng(6));
    expect(reason(large)).toContain("organisations.errors.imageTooLarge");
  });
});
