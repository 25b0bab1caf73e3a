// What a check-in request carries besides its form: the phone's device cookie
// and the signed time the check-in link was first opened.
import { createCookie } from "@remix-run/node";
import { isHttps, type RequestFacts } from "~/utils/request.server.ts";
import { cookieValue } from "~/utils/cookie-values.server.ts";
import { randomToken } from "~/utils/hashing.server.ts";
import { sessionSecrets } from "~/utils/secrets.server.ts";
import { readOpenedAt, signOpenedAt } from "./check-in-codes.ts";
import type { Proof } from "./check-in.server.ts";

const YEAR_SECONDS = 365 * 24 * 60 * 60;
const cookieOptions = { path: "/", httpOnly: true, sameSite: "lax", maxAge: YEAR_SECONDS } as const;
// A random id per browser, not the IP address: a class shares one Wi-Fi. Only its hash is stored.
const plainDeviceCookie = createCookie("academy_device", cookieOptions);
const httpsDeviceCookie = createCookie("__Host-academy_device", { ...cookieOptions, secure: true });
const deviceCookieFor = (request: RequestFacts) => (isHttps(request) ? httpsDeviceCookie : plainDeviceCookie);

const devicePattern = /^[A-Za-z0-9_-]{32,64}$/;

/** The browser's device id, and the Set-Cookie header to send when it had none. */
export async function deviceOf(request: Request): Promise<{ deviceId: string; setCookie: string | null }> {
  const cookie = deviceCookieFor(request);
  const value = cookieValue(request.headers.get("Cookie"), cookie.name, []);
  if (typeof value === "string" && devicePattern.test(value)) return { deviceId: value, setCookie: null };
  const deviceId = randomToken();
  return { deviceId, setCookie: await cookie.serialize(deviceId) };
}

/** Reads the device id without minting one (a POST from a browser that never opened the page). */
export async function existingDevice(request: RequestFacts): Promise<string | null> {
  const value = cookieValue(request.headers.get("Cookie"), deviceCookieFor(request).name, []);
  return typeof value === "string" && devicePattern.test(value) ? value : null;
}

const secret = () => sessionSecrets()[0]!;

/** The opened-at value to carry: the one given when it is still good, else one for now. */
export function openedAtValue(given: string | null, input: { sessionId: string; token: string; deviceId: string; now: Date }): string {
  return readOpenedAt(secret(), given, input) ? given! : signOpenedAt(secret(), { ...input, openedAt: input.now });
}

/** The proof a form sends (a scanned token or a typed code) and the time to judge it at. */
export function proofFrom(form: FormData, input: { sessionId: string; deviceId: string | null; now: Date }): { proof: Proof; codeTime: Date } | null {
  const token = String(form.get("token") ?? "").trim();
  const code = String(form.get("code") ?? "").trim();
  if (token) {
    const openedAt = input.deviceId
      ? readOpenedAt(secret(), String(form.get("openedAt") ?? ""), { sessionId: input.sessionId, token, deviceId: input.deviceId, now: input.now })
      : null;
    return { proof: { kind: "qr", token }, codeTime: openedAt ?? input.now };
  }
  if (code) return { proof: { kind: "code", code }, codeTime: input.now };
  return null;
}
