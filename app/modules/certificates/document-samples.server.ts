// Demonstration seals and signatures (the demo academy's organisations have no
// real ones), drawn as SVG and rendered with resvg: a red round seal with the
// organisation's name around a star, and a pen stroke for a signature.
import { Resvg } from "@resvg/resvg-js";
import { subsetFontFile } from "./document-fonts.server.ts";

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A round red seal (公章) with `name` along its upper rim, transparent outside the ink. */
export async function demoSealPng(name: string): Promise<Uint8Array> {
  const font = await subsetFontFile("bold", `${name}★`);
  const characters = [...name];
  // The name runs along an arc of about 250°, centred on the top.
  const sweep = Math.min(250, 24 * characters.length);
  const glyphs = characters
    .map((character, index) => {
      const angle = -sweep / 2 + (sweep * (index + 0.5)) / characters.length;
      return `<text x="100" y="44" font-size="25" text-anchor="middle" transform="rotate(${angle.toFixed(2)} 100 100)">${escapeXml(character)}</text>`;
    })
    .join("");
  const star = Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? 30 : 12;
    const angle = (Math.PI / 5) * i - Math.PI / 2;
    return `${(100 + radius * Math.cos(angle)).toFixed(2)},${(108 + radius * Math.sin(angle)).toFixed(2)}`;
  }).join(" ");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200" font-family="Noto Serif SC" font-weight="700">
<g fill="#d2161e" fill-opacity="0.85"><circle cx="100" cy="100" r="92" fill="none" stroke="#d2161e" stroke-opacity="0.85" stroke-width="7"/>${glyphs}<polygon points="${star}"/></g></svg>`;
  const resvg = new Resvg(svg, { fitTo: { mode: "width", value: 300 }, font: { fontFiles: [font], loadSystemFonts: false } });
  return new Uint8Array(resvg.render().asPng());
}

/** A signature-like pen stroke, different for each `seed`. */
export function demoSignaturePng(seed: string): Uint8Array {
  let state = [...seed].reduce((hash, ch) => (hash * 31 + ch.charCodeAt(0)) >>> 0, 7);
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  let d = `M10 ${40 + random() * 20}`;
  for (let x = 10; x < 230; x += 22) d += ` Q${x + 11} ${10 + random() * 60} ${x + 22} ${25 + random() * 35}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80"><path d="${d}" fill="none" stroke="#1b2a6b" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  return new Uint8Array(new Resvg(svg, { fitTo: { mode: "width", value: 240 }, font: { loadSystemFonts: false } }).render().asPng());
}
