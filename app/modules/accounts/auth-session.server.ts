// Server-side sign-in sessions. The cookie carries 256 random bits; the database
// keeps only their SHA-256, so a leaked database cannot be replayed as cookies.
import { randomToken, sha256 } from "~/utils/hashing.server.ts";
import { createCookie, redirect } from "@remix-run/node";
import { batchedPerTurn } from "~/utils/batched-per-turn.ts";
import { cookieValue } from "~/utils/cookie-values.server.ts";
import { db, driver, Prisma } from "~/utils/db.server.ts";
import { clientAddress, isHttps, type RequestFacts } from "~/utils/request.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";
import { sessionSecrets } from "~/utils/secrets.server.ts";
import { rememberDevice } from "./known-device.server.ts";
import { permissionsOf } from "./permissions.server.ts";
import { homePathFor, type PermissionString, type RoleKey } from "./roles.ts";
import { HTTPS_SESSION_COOKIE, PLAIN_SESSION_COOKIE } from "~/utils/session-cookie.ts";

const HOUR = 60 * 60 * 1000;
/** Trainees sign in on their own phones and stay signed in for a course's weeks. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * HOUR;
export const SESSION_IDLE_MS = 7 * 24 * HOUR;
/** Staff-side accounts reach many people's data: a working day at most, idle for a morning at most. */
export const STAFF_SESSION_ABSOLUTE_MS = 12 * HOUR;
export const STAFF_SESSION_IDLE_MS = 4 * HOUR;
// lastSeenAt is written at most this often, not on every request.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

const isStaffSide = (roles: readonly string[]) => roles.some((role) => role !== "trainee");

function sessionLimits(roles: readonly string[]) {
  return isStaffSide(roles)
    ? { absolute: STAFF_SESSION_ABSOLUTE_MS, idle: STAFF_SESSION_IDLE_MS }
    : { absolute: SESSION_ABSOLUTE_MS, idle: SESSION_IDLE_MS };
}

const secureCookies = process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false";
const secrets = sessionSecrets();
const cookieOptions = { path: "/", httpOnly: true, sameSite: "lax", secrets } as const;
const httpsCookie = createCookie(HTTPS_SESSION_COOKIE, { ...cookieOptions, secure: true });
const plainCookie = createCookie(PLAIN_SESSION_COOKIE, { ...cookieOptions, secure: secureCookies });

export const authCookieFor = (request: RequestFacts) => (isHttps(request) ? httpsCookie : plainCookie);

const hashToken = sha256;

export type CurrentUser = {
  id: string;
  name: string;
  roles: RoleKey[];
  /** "action:entity:access" strings granted by the person's roles. */
  permissions: PermissionString[];
  authSessionId: string;
};

/**
 * Starts a session for `personId` and returns the Set-Cookie value. Any session
 * the browser already carried is ended: a new sign-in always gets a new id.
 */
export async function createAuthSession(
  request: Request,
  personId: string,
  meta: { ip?: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<string> {
  const previous = await readToken(request);
  if (previous) {
    await db.authSession.updateMany({ where: { tokenHash: hashToken(previous), revokedAt: null }, data: { revokedAt: now } });
  }
  const roles = await db.personRole.findMany({ where: { personId }, select: { role: { select: { key: true } } } });
  const limits = sessionLimits(roles.map((r) => r.role.key));
  const token = randomToken();
  await db.authSession.create({
    data: {
      tokenHash: hashToken(token),
      personId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + limits.absolute),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return authCookieFor(request).serialize(token, { maxAge: limits.absolute / 1000 });
}

/**
 * Signs the person in on this browser (a new session) and redirects, as sign-in, activation and applying end.
 * The target is checked first, so an unusable one never leaves a session behind without its cookie.
 */
export async function signInAndRedirect(request: Request, personId: string, to: string): Promise<Response> {
  const target = safeRedirect(to);
  const cookie = await createAuthSession(request, personId, {
    ip: clientAddress(request),
    userAgent: request.headers.get("User-Agent"),
  });
  // The browser also becomes a known device for this account (known-device.server.ts).
  return redirect(target, { headers: [["Set-Cookie", cookie], ["Set-Cookie", await rememberDevice(request, personId)]] });
}

async function readToken(request: RequestFacts): Promise<string | null> {
  // Read as the cookie's own parse reads it, checked at once (cookie-values.server.ts): this runs on every request.
  const value = cookieValue(request.headers.get("Cookie"), authCookieFor(request).name, secrets);
  return typeof value === "string" && value.length > 20 ? value : null;
}

// One request asks several times (root loader, layout, page, permission checks): one query answers them all.
const usersByRequest = new WeakMap<RequestFacts, Promise<CurrentUser | null>>();

export function getCurrentUser(request: RequestFacts, now?: Date): Promise<CurrentUser | null> {
  if (now) return readCurrentUser(request, now);
  let user = usersByRequest.get(request);
  if (!user) {
    user = readCurrentUser(request, new Date());
    usersByRequest.set(request, user);
  }
  return user;
}

type SessionRow = {
  tokenHash: string;
  id: string;
  expiresAt: Date | string;
  lastSeenAt: Date | string;
  revokedAt: Date | string | null;
  personId: string;
  name: string;
  status: string;
  roleKey: string | null;
};

// Requests that arrive together (a class checking in at once) are answered by one query: lookups asked in the
// same turn of the event loop wait for the next and are read together. Nothing is kept after the answer, so a
// signed-out or revoked session stops working at once, as with a query of its own.
const sessionRows = batchedPerTurn(async (tokenHashes: string[]) => {
  const rows = await readSessionRows([...new Set(tokenHashes)]);
  return tokenHashes.map((hash) => rows.filter((row) => row.tokenHash === hash));
});

function readSessionRows(tokenHashes: string[]): Promise<SessionRow[]> {
  // The session, its person and their roles (a row per role); straight to the driver, as it runs on every request.
  return driver.query<SessionRow>(Prisma.sql`
    SELECT s."tokenHash", s."id", s."expiresAt", s."lastSeenAt", s."revokedAt", p."id" AS "personId", p."name", p."status", r."key" AS "roleKey"
    FROM "AuthSession" s
    JOIN "Person" p ON p."id" = s."personId"
    LEFT JOIN "PersonRole" pr ON pr."personId" = p."id"
    LEFT JOIN "Role" r ON r."id" = pr."roleId"
    WHERE s."tokenHash" IN (${Prisma.join(tokenHashes)})`);
}

async function readCurrentUser(request: RequestFacts, now: Date): Promise<CurrentUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const rows = await sessionRows(hashToken(token));
  const session = rows[0];
  if (!session || session.revokedAt || session.status !== "active") return null;
  const roles = rows.flatMap((row) => (row.roleKey ? [row.roleKey as RoleKey] : []));
  const lastSeenAt = new Date(session.lastSeenAt);
  const idleFor = now.getTime() - lastSeenAt.getTime();
  if (new Date(session.expiresAt) <= now || idleFor > sessionLimits(roles).idle) return null;
  if (idleFor > TOUCH_INTERVAL_MS) {
    await db.authSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    id: session.personId,
    name: session.name,
    roles,
    permissions: permissionsOf(roles),
    authSessionId: session.id,
  };
}

function signInRedirect(request: Request): never {
  const url = new URL(request.url);
  const redirectTo = url.pathname + url.search;
  const search = redirectTo === "/" ? "" : `?${new URLSearchParams({ redirectTo })}`;
  throw redirect(`/login${search}`);
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  return (await getCurrentUser(request)) ?? signInRedirect(request);
}

/** Signed out → sign-in page; signed in without one of the roles → 403. */
export async function requireRole(request: Request, allowed: readonly RoleKey[]): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!user.roles.some((role) => allowed.includes(role))) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

export async function requireAnonymous(request: Request): Promise<void> {
  const user = await getCurrentUser(request);
  if (user) throw redirect(homePathFor(user.roles));
}

export async function endAuthSession(request: Request, now = new Date()): Promise<string> {
  const token = await readToken(request);
  if (token) {
    await db.authSession.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: now } });
  }
  return authCookieFor(request).serialize("", { maxAge: 0 });
}

/** Ends every session of a person: deactivation, re-invitation, a new password. */
export async function revokeAllSessions(
  tx: Prisma.TransactionClient,
  personId: string,
  now: Date,
  options: { except?: string } = {},
): Promise<number> {
  const { count } = await tx.authSession.updateMany({
    where: { personId, revokedAt: null, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}

export type ActiveSession = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null };

/** The person's sessions that can still be used, most recent first. */
export async function listActiveSessions(personId: string, now = new Date()): Promise<ActiveSession[]> {
  return db.authSession.findMany({
    where: { personId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
  });
}

/** Ends one of the person's own sessions; an id of somebody else's session does nothing. */
export async function revokeOwnSession(personId: string, sessionId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.authSession.updateMany({ where: { id: sessionId, personId, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}
