import { configuredAppUrl } from "./request-guards.server.ts";

/**
 * What server code reads of a request to know who and where it comes from:
 * its address and its headers. A Fetch Request is one; the server's check-in
 * fast path passes one without building a Request (check-in-fast-path.server.ts).
 */
export type RequestFacts = { readonly url: string; readonly headers: Pick<Headers, "get"> };

/**
 * How many reverse proxies stand in front of the app (TRUST_PROXY): a count of
 * hops, with `1`/`true` meaning one and unset, `0` or `false` meaning none.
 * Anything else is a mistake in the configuration, refused rather than guessed.
 */
export function trustedProxyHops(value = process.env.TRUST_PROXY): number {
  const setting = value?.trim().toLowerCase() ?? "";
  if (setting === "" || setting === "false" || setting === "0") return 0;
  if (setting === "true") return 1;
  if (/^[1-9]\d?$/.test(setting)) return Number(setting);
  throw new Error(`TRUST_PROXY must be a number of proxy hops (1, 2, …) or true/false, not "${value}"`);
}

/**
 * The client's address behind `hops` proxies. Each proxy appends the address it
 * was reached from to X-Forwarded-For, so only the last `hops` entries were
 * written by our proxies; the client is the `hops`-th from the right. Whatever
 * a client writes itself stands further left and is never chosen. With fewer
 * entries than hops (a request that skipped a proxy), the leftmost is taken.
 */
export function forwardedClientAddress(input: { forwardedFor: string | null; peer: string | null; hops: number }): string | null {
  if (input.hops < 1) return input.peer;
  const entries = (input.forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return input.peer;
  return entries[Math.max(0, entries.length - input.hops)]!;
}

/**
 * The client's address. X-Forwarded-For is read only as far as TRUST_PROXY
 * hops reach, since anyone can send that header; the peer address is the one
 * the production server passes on (see scripts/server.ts).
 */
export function clientAddress(request: RequestFacts): string | null {
  return forwardedClientAddress({
    forwardedFor: request.headers.get("X-Forwarded-For"),
    peer: request.headers.get("X-Academy-Client-Address"),
    hops: trustedProxyHops(),
  });
}

/** Whether the client reached us over HTTPS: directly, or as the trusted proxy says. */
export function isHttps(request: RequestFacts): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  return trustedProxyHops() > 0 && request.headers.get("X-Forwarded-Proto")?.split(",")[0]?.trim() === "https";
}

/** Where the app is reached from outside: APP_URL, or the address of this request (proxy-aware with TRUST_PROXY). */
export function publicOrigin(request: Request): string {
  return configuredAppUrl() || new URL(request.url).origin;
}
