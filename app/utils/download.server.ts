/**
 * The Content-Disposition of a download (RFC 6266 / 5987): a plain ASCII name
 * for old clients and the real one (Chinese names) percent-encoded.
 * `fallback` replaces the plain name when the real one is not all ASCII;
 * without it, the characters that are not become "_".
 */
export function contentDisposition(kind: "attachment" | "inline", fileName: string, fallback?: string): string {
  const plain = /^[\x20-\x7e]*$/.test(fileName);
  const ascii = (!plain && fallback ? fallback : fileName).replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "download";
  // encodeURIComponent leaves ' ( ) * as they are; RFC 5987 wants them encoded.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** An .xlsx file as a download; the name may be Chinese. */
export function xlsxResponse(body: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": contentDisposition("attachment", fileName),
      "Cache-Control": "no-store",
    },
  });
}
