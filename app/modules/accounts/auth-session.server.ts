// Server-side sign-in sessions. The cookie carries 256 random bits; the database
// keeps only their SHA-256, so a leaked database cannot be replayed as cookies.
import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { db } from "~/utils/db.server.ts";
import { sessionSecrets } from "~/utils/secrets.server.ts";
import { homePathFor, type RoleKey } from "./roles.ts";

export const SESSION_ABSOLUTE_MS = 1000 * 60 * 60 * 24 * 30;
export const SESSION_IDLE_MS = 1000 * 60 * 60 * 24 * 7;
// lastSeenAt is written at most this often, not on every request.
const TOUCH_INTERVAL_MS = 1000 * 60 * 5;

export const authCookie = createCookie("academy_session", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false",
  secrets: sessionSecrets(),
});

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type CurrentUser = {
  id: string;
  name: string;
  roles: RoleKey[];
  authSessionId: string;
};

export async function createAuthSession(
  personId: string,
  meta: { ip?: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.authSession.create({
    data: {
      tokenHash: hashToken(token),
      personId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return authCookie.serialize(token, { maxAge: SESSION_ABSOLUTE_MS / 1000 });
}

async function readToken(request: Request): Promise<string | null> {
  const value = await authCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

export async function getCurrentUser(request: Request, now = new Date()): Promise<CurrentUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const session = await db.authSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      lastSeenAt: true,
      revokedAt: true,
      person: { select: { id: true, name: true, status: true, roles: { select: { role: { select: { key: true } } } } } },
    },
  });
  if (!session || session.revokedAt || session.person.status !== "active") return null;
  if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.authSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    id: session.person.id,
    name: session.person.name,
    roles: session.person.roles.map((r) => r.role.key as RoleKey),
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
  return authCookie.serialize("", { maxAge: 0 });
}
