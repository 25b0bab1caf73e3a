// Rules the production server applies to every request before Remix sees it:
// which Host names it answers to, no legacy `?_data=` requests, and no caching
// of anything a signed-in person receives.
import type { IncomingMessage, ServerResponse } from "node:http";
import { SESSION_COOKIE_NAMES } from "~/utils/session-cookie.ts";
import { getFixedT, languageCookie } from "./i18n.server.ts";
import { defaultLanguage, parseLanguage } from "./i18n.ts";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export type HostPolicy =
  /** APP_URL is set: links and the origin check come from it, whatever the request's Host. */
  | { kind: "app-url"; origin: string }
  /** No APP_URL: only these names (HOST_NAMES) and loopback are answered; links use the Host of the request. */
  | { kind: "host-names"; names: { hostname: string; port: string | null }[] };

/** APP_URL without its trailing slash, or null. One reading for links, the origin check and start-up. */
export function configuredAppUrl(env: Record<string, string | undefined> = process.env): string | null {
  return env.APP_URL?.trim().replace(/\/+$/, "") || null;
}

export function hostPolicy(env: Record<string, string | undefined> = process.env): HostPolicy {
  const origin = configuredAppUrl(env);
  if (origin) return { kind: "app-url", origin };
  const names = (env.HOST_NAMES ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
    .map((name) => splitHost(name));
  return { kind: "host-names", names };
}

function splitHost(host: string): { hostname: string; port: string | null } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  return match ? { hostname: match[1]!, port: match[2] ?? null } : { hostname: host, port: null };
}

/** Whether a Host (or X-Forwarded-Host) value names this site under the policy. */
export function isAllowedHost(host: string | undefined, policy: HostPolicy): boolean {
  if (policy.kind === "app-url") return true;
  if (!host || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return false;
  const { hostname, port } = splitHost(host);
  if (LOOPBACK.has(hostname)) return true;
  return policy.names.some((name) => name.hostname === hostname && (name.port === null || name.port === port));
}

/** The line start-up prints, so the operator knows which addresses are answered. */
export function hostPolicyNotice(policy: HostPolicy): string {
  if (policy.kind === "app-url") return `Links and the cross-site check use APP_URL (${policy.origin}).`;
  const names = policy.names.map((n) => n.hostname + (n.port ? `:${n.port}` : ""));
  return (
    `APP_URL is not set: only requests to ${[...names, "localhost", "127.0.0.1", "[::1]"].join(", ")} are answered, ` +
    "others get 421. Set APP_URL to the public address (https://academy.example.cn) for activation links and calendar feeds " +
    "that work from outside, or HOST_NAMES to the other names this server is reached by."
  );
}

/**
 * Every Host value the request's address can be built from (Host, and
 * X-Forwarded-Host when a proxy is trusted) must name this site: otherwise a
 * forged Host would go into activation links, feed links and the expected origin.
 */
export function requestHostsAllowed(req: IncomingMessage, policy: HostPolicy, trustProxy: boolean): boolean {
  if (policy.kind === "app-url") return true;
  const hosts = [req.headers.host];
  const forwarded = req.headers["x-forwarded-host"];
  if (trustProxy && forwarded) hosts.push(...String(forwarded).split(",").map((h) => h.trim()));
  return hosts.every((host) => isAllowedHost(host, policy));
}

/**
 * `?_data=` is the data protocol of Remix before single fetch, which this app
 * no longer speaks: such a request reaches an action in a way it cannot answer.
 */
export function isLegacyDataRequest(url: string | undefined): boolean {
  return /[?&]_data(?:=|&|$)/.test(url ?? "");
}

const sessionCookie = new RegExp(`(?:^|;\\s*)(?:${SESSION_COOKIE_NAMES.join("|")})=`);

export function carriesSessionCookie(cookieHeader: string | undefined): boolean {
  return sessionCookie.test(cookieHeader ?? "");
}

export const PRIVATE_NO_STORE = "private, no-store";

/**
 * The Cache-Control a response to a signed-in browser leaves with: "private,
 * no-store", unless the route chose a private policy itself (a lecturer's
 * photo may stay five minutes in that browser). Shared caches never keep it.
 */
export function cacheControlForSignedIn(current: string | number | string[] | undefined): string {
  const value = Array.isArray(current) ? current.join(", ") : current === undefined ? "" : String(current);
  return /^\s*private\b/i.test(value) ? value : PRIVATE_NO_STORE;
}

/** Sets the signed-in Cache-Control just before the headers leave, after Remix has written its own. */
export function keepPrivateResponsesPrivate(req: IncomingMessage, res: ServerResponse): void {
  if (!carriesSessionCookie(req.headers.cookie)) return;
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (!this.headersSent) this.setHeader("Cache-Control", cacheControlForSignedIn(this.getHeader("Cache-Control")));
    return writeHead.apply(this, args);
  } as typeof writeHead;
}

/**
 * The server's guard: a request to a Host this site does not answer to is
 * refused with 421, a legacy `?_data=` request with 400, each with a plain
 * message in the reader's language.
 */
export function refuseMisdirectedRequests(options: { trustProxy: boolean; policy?: HostPolicy }) {
  const policy = options.policy ?? hostPolicy();
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    const refusal = !requestHostsAllowed(req, policy, options.trustProxy)
      ? ({ status: 421, key: "errors.unknownHost" } as const)
      : isLegacyDataRequest(req.url)
        ? ({ status: 400, key: "errors.dataRequest" } as const)
        : null;
    if (!refusal) return next();
    const language = parseLanguage(await languageCookie.parse(req.headers.cookie ?? null)) ?? defaultLanguage;
    res.statusCode = refusal.status;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.end(getFixedT(language)(refusal.key));
  };
}
