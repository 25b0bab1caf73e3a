// Known devices: a browser that has signed in to an account before keeps a
// signed cookie naming that account, and is not held back by the lock on its
// address (see docs/decisions/0003-passwords-and-throttling.md). A classroom
// behind one shared address therefore cannot be locked out by one person
// guessing at other accounts: whoever has signed in on their phone before
// still signs in with the right password.
import { createCookie } from "@remix-run/node";
import { sha256 } from "~/utils/hashing.server.ts";
import { isHttps } from "~/utils/request.server.ts";
import { sessionSecrets } from "~/utils/secrets.server.ts";

/** How long a device stays known after its last sign-in. */
export const KNOWN_DEVICE_MS = 180 * 24 * 60 * 60 * 1000;
/** Accounts remembered per browser (a family's shared phone), most recent first. */
const MAX_ACCOUNTS = 5;

const options = { path: "/", httpOnly: true, sameSite: "lax", secrets: sessionSecrets(), maxAge: KNOWN_DEVICE_MS / 1000 } as const;
const httpsCookie = createCookie("__Host-academy_device", { ...options, secure: true });
const plainCookie = createCookie("academy_device", { ...options, secure: false });
const cookieFor = (request: Request) => (isHttps(request) ? httpsCookie : plainCookie);

// The cookie names accounts by a hash, so a shared computer's cookie jar does not list who used it.
const entryFor = (personId: string) => sha256(`known-device:${personId}`).slice(0, 32);

async function knownEntries(request: Request): Promise<string[]> {
  const value: unknown = await cookieFor(request).parse(request.headers.get("Cookie"));
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string").slice(0, MAX_ACCOUNTS) : [];
}

/** Whether this browser signed in to `personId` before (the cookie's signature is checked). */
export async function isKnownDevice(request: Request, personId: string): Promise<boolean> {
  return (await knownEntries(request)).includes(entryFor(personId));
}

/** The Set-Cookie value that makes this browser known for `personId`, keeping the other accounts it knows. */
export async function rememberDevice(request: Request, personId: string): Promise<string> {
  const entry = entryFor(personId);
  const entries = [entry, ...(await knownEntries(request)).filter((known) => known !== entry)].slice(0, MAX_ACCOUNTS);
  return cookieFor(request).serialize(entries);
}
