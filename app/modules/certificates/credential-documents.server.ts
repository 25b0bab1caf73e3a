// The academy's own credential documents, built from the database: what the
// public /credentials/* addresses serve and what the verifier resolves locally
// (never over the network, even for the academy's own URLs).
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { academyCredentialUrls, credentialPaths } from "./credential.ts";
import { publicKey, publicKeys } from "./credential-keys.server.ts";
import { credentialDocumentLoader, type DocumentLoader } from "./credential-loader.server.ts";
import { issuerProfile, keyDocument } from "./credential-signing.server.ts";
import { statusListCredential, statusListExists } from "./status-list.server.ts";

export async function issuerProfileDocument(origin: string) {
  const [academy, keys] = await Promise.all([getAcademySettings(), publicKeys()]);
  return issuerProfile(origin, academy, keys);
}

export async function keyDocumentFor(origin: string, keyId: string) {
  const key = await publicKey(keyId);
  return key ? keyDocument(origin, key) : null;
}

export async function statusListDocument(origin: string, list: number, now: Date) {
  return (await statusListExists(list)) ? statusListCredential(origin, list, now) : null;
}

/** Resolves the academy's issuer profile, its keys (as issuer#keyId or /credentials/keys/keyId) and status lists. */
export function academyDocumentLoader(origin: string, now: Date): DocumentLoader {
  const urls = academyCredentialUrls(origin);
  const keysPrefix = `${origin}${credentialPaths.key("")}`;
  const statusPrefix = `${origin}${credentialPaths.statusList(0).slice(0, -1)}`;
  return credentialDocumentLoader(async (url) => {
    if (url === urls.issuer) return issuerProfileDocument(origin);
    if (url.startsWith(`${urls.issuer}#`)) return keyDocumentFor(origin, decodeURIComponent(url.slice(urls.issuer.length + 1)));
    if (url.startsWith(keysPrefix)) return keyDocumentFor(origin, decodeURIComponent(url.slice(keysPrefix.length)));
    if (url.startsWith(statusPrefix)) {
      const rest = url.slice(statusPrefix.length);
      return /^[1-9]\d{0,6}$/.test(rest) ? statusListDocument(origin, Number(rest), now) : null;
    }
    return null;
  });
}

/** A public JSON-LD document: readable from any origin (GET only), cached briefly by clients. */
export function jsonLdResponse(document: unknown, maxAgeSeconds: number): Response {
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET",
      "Cache-Control": `public, max-age=${maxAgeSeconds}`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export function notFoundJson(): Response {
  return new Response(JSON.stringify({ error: "not found" }), { status: 404, headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" } });
}
