// Secrets in the addresses of calendar feeds. Calendar apps fetch feeds without
// cookies, so the address itself is the key: 256 random bits, replaced (and the
// old address dead at once) whenever its owner resets it.
import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";

/** 32 random bytes, base64url: 43 characters that need no escaping in a URL. */
function newCalendarToken(): string {
  return randomBytes(32).toString("base64url");
}

// Anything else cannot be a token: answered without asking the database.
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/** The person's feed secret, made on first use. */
export async function personCalendarToken(personId: string): Promise<string> {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { calendarToken: true } });
  if (person.calendarToken) return person.calendarToken;
  // Two first visits at once: the condition lets one write win, and both read back the winner.
  await db.person.updateMany({
    where: { id: personId, calendarToken: null },
    data: { calendarToken: newCalendarToken() },
  });
  const made = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { calendarToken: true } });
  return made.calendarToken!;
}

/** Who reset a link, from where and when, for the audit log. */
export type ResetContext = { actorId: string; request: Request; now: Date };

/** Replaces the person's feed secret; the old address answers 404 from now on. */
export async function resetPersonCalendarToken(personId: string, context?: ResetContext): Promise<string> {
  return db.$transaction(async (tx) => {
    const person = await tx.person.update({
      where: { id: personId },
      data: { calendarToken: newCalendarToken() },
      select: { calendarToken: true },
    });
    if (context) await recordAudit({ action: "calendar.person_link_reset", actorId: context.actorId, targetType: "person", targetId: personId, request: context.request, at: context.now }, tx);
    return person.calendarToken!;
  });
}

/** The cohort's feed secret, made on first use. */
export async function cohortCalendarToken(cohortId: string): Promise<string> {
  const cohort = await db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { calendarToken: true } });
  if (cohort.calendarToken) return cohort.calendarToken;
  await db.cohort.updateMany({
    where: { id: cohortId, calendarToken: null },
    data: { calendarToken: newCalendarToken() },
  });
  const made = await db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { calendarToken: true } });
  return made.calendarToken!;
}

/** Replaces the cohort's feed secret, e.g. after the link reached people outside the class. */
export async function resetCohortCalendarToken(cohortId: string, context?: ResetContext): Promise<string> {
  return db.$transaction(async (tx) => {
    const cohort = await tx.cohort.update({
      where: { id: cohortId },
      data: { calendarToken: newCalendarToken() },
      select: { calendarToken: true },
    });
    if (context) await recordAudit({ action: "calendar.cohort_link_reset", actorId: context.actorId, targetType: "cohort", targetId: cohortId, request: context.request, at: context.now }, tx);
    return cohort.calendarToken!;
  });
}

/** The active person whose feed this is; deactivated or invited-only accounts have no feed. */
export async function findPersonByCalendarToken(
  token: string,
): Promise<{ id: string; name: string; locale: string | null } | null> {
  if (!tokenShape.test(token)) return null;
  const person = await db.person.findUnique({
    where: { calendarToken: token },
    select: { id: true, name: true, locale: true, status: true },
  });
  if (!person || person.status !== "active") return null;
  return { id: person.id, name: person.name, locale: person.locale };
}

export async function findCohortByCalendarToken(token: string): Promise<{ id: string } | null> {
  if (!tokenShape.test(token)) return null;
  return db.cohort.findUnique({ where: { calendarToken: token }, select: { id: true } });
}
