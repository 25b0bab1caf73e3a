// Walk-in guests at a session open to guests: checked in with name, mobile and
// company, counted apart from enrolled trainees, matched to a person later.
import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { personScope } from "~/modules/accounts/authorization.server.ts";
import { normalizeMobile } from "~/modules/accounts/identifiers.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db, isUniqueViolation } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import type { RequestFacts } from "~/utils/request.server.ts";
import { deviceHashOf, getCheckInSession, limitedCodeCheck, type CheckInOutcome, type Proof } from "./check-in.server.ts";
import { checkInStatus } from "./rules.ts";

export type GuestInput = {
  sessionId: string;
  name: string;
  mobile: string;
  company: string | null;
  proof: Proof;
  codeTime: Date;
  now: Date;
  deviceId: string | null;
  request?: RequestFacts;
};

/** A guest's check-in; the same mobile twice at one session is recorded once. A wrong mobile is the form's error. */
export async function checkInGuest(input: GuestInput): Promise<CheckInOutcome> {
  const mobile = normalizeMobile(input.mobile);
  if (!mobile) throw new DomainError("checkin.guest.errors.mobile", "mobile");
  const session = await getCheckInSession(input.sessionId);
  if (!session) return { ok: false, reason: "not_found" };
  if (session.status === "cancelled") return { ok: false, reason: "cancelled" };
  if (!session.openToGuests) return { ok: false, reason: "not_open_to_guests" };
  const existing = await db.guestAttendance.findUnique({ where: { sessionId_mobile: { sessionId: session.id, mobile } }, select: { status: true } });
  if (existing) return { ok: true, already: true, status: existing.status, flag: null };
  const check = await limitedCodeCheck(session, `guest:${mobile}`, input.proof, input.codeTime, { now: input.now, actorId: null, request: input.request });
  if (!check.ok) return { ok: false, reason: check.reason };
  const status = checkInStatus(session, session.module.cohort.lateAfterMinutes, input.codeTime);
  try {
    await db.guestAttendance.create({
      data: { sessionId: session.id, name: input.name, mobile, company: input.company, status, deviceHash: deviceHashOf(input.deviceId), checkedInAt: input.codeTime },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: true, already: true, status, flag: null };
  }
  return { ok: true, already: false, status, flag: null };
}

/** The session's guests, each with the people the viewer may see who have that mobile number. */
export async function listGuests(actor: CurrentUser, sessionId: string) {
  const guests = await db.guestAttendance.findMany({
    where: { sessionId },
    orderBy: { checkedInAt: "asc" },
    select: { id: true, name: true, mobile: true, company: true, status: true, checkedInAt: true, matchedPerson: { select: { id: true, name: true } } },
  });
  const mobiles = guests.filter((g) => !g.matchedPerson).map((g) => g.mobile);
  const people = mobiles.length
    ? await db.person.findMany({ where: { AND: [{ mobile: { in: mobiles } }, personScope(actor, "read:person")] }, select: { id: true, name: true, mobile: true } })
    : [];
  return guests.map((g) => ({ ...g, candidates: people.filter((p) => p.mobile === g.mobile).map((p) => ({ id: p.id, name: p.name })) }));
}

/** Staff of the session's cohort (the caller checked) match a guest to a person they may see. */
export async function matchGuest(actor: CurrentUser, input: { sessionId: string; guestId: string; personId: string; now: Date; request?: Request }): Promise<void> {
  const guest = await db.guestAttendance.findFirst({ where: { id: input.guestId, sessionId: input.sessionId }, select: { id: true } });
  if (!guest) throw new DomainError("checkin.guest.errors.notFound");
  const person = await db.person.findFirst({ where: { AND: [{ id: input.personId }, personScope(actor, "read:person")] }, select: { id: true } });
  if (!person) throw new DomainError("checkin.guest.errors.personNotFound");
  await db.$transaction(async (tx) => {
    await tx.guestAttendance.update({ where: { id: guest.id }, data: { matchedPersonId: person.id, matchedById: actor.id, matchedAt: input.now } });
    await recordAudit({ action: "checkin.guest_matched", actorId: actor.id, targetType: "person", targetId: person.id, request: input.request, detail: { guestId: guest.id, sessionId: input.sessionId }, at: input.now }, tx);
  });
}
