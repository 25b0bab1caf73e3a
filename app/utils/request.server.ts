import { configuredAppUrl } from "./request-guards.server.ts";

/**
 * The client's address. X-Forwarded-For is believed only when TRUST_PROXY is
 * set, since anyone can send that header to a server that is not behind a proxy.
 */
export function clientAddress(request: Request): string | null {
  if (process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true") {
    const forwarded = request.headers.get("X-Forwarded-For")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return request.headers.get("X-Academy-Client-Address");
}

/** Where the app is reached from outside: APP_URL, or the address of this request (proxy-aware with TRUST_PROXY). */
export function publicOrigin(request: Request): string {
  return configuredAppUrl() || new URL(request.url).origin;
}
