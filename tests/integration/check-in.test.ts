// Checking in against a real database: 200 trainees at once give 200 rows and
// no errors; twice is once; a shared phone and a position away from the venue
// are flagged, not refused; wrong typed codes are limited and the limit
// audited; not enrolled records nothing; guests are counted apart; opening the
// check-in link (a prefetch) records nothing.
import { beforeAll, describe, expect, test } from "vitest";
import { codesForSlot, slotAt } from "~/modules/attendance/check-in-codes.ts";
import { checkIn, getCheckInSession, sessionKey, type Proof } from "~/modules/attendance/check-in.server.ts";
import { CODE_FAILURE_LIMIT } from "~/modules/attendance/check-in.ts";
import { reviewFlaggedCheckIn } from "~/modules/attendance/flags.server.ts";
import { checkInGuest, listGuests, matchGuest } from "~/modules/attendance/guests.server.ts";
import { db } from "~/utils/db.server.ts";
import { loader as checkInPageLoader } from "~/routes/check-in.$sessionId.tsx";
import { assign, createCohort, createSession, enroll } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";

const startsAt = new Date("2026-03-02T01:00:00Z");
const inClass = new Date("2026-03-02T01:05:03Z");
const lateTime = new Date("2026-03-02T01:40:03Z");

async function codesAt(sessionId: string, at: Date) {
  const session = (await getCheckInSession(sessionId))!;
  const { keyHex } = sessionKey(session);
  return codesForSlot(keyHex, sessionId, slotAt(at));
}

const qr = async (sessionId: string, at: Date): Promise<Proof> => ({ kind: "qr", token: (await codesAt(sessionId, at)).qrToken });
const typed = async (sessionId: string, at: Date): Promise<Proof> => ({ kind: "code", code: (await codesAt(sessionId, at)).code });

let cohortId: string;
let sessionId: string;
let trainees: { id: string }[];

beforeAll(async () => {
  const cohort = await createCohort({ startDate: "2026-03-01", endDate: "2026-04-30" });
  cohortId = cohort.id;
  sessionId = (await createSession(cohortId, { startsAt, hours: 3 })).id;
  trainees = [];
  for (let i = 0; i < 8; i += 1) {
    const person = await createPerson();
    await enroll(cohortId, person.id);
    trainees.push(person);
  }
});

const base = (personId: string, proof: Proof, at = inClass) => ({ sessionId, personId, proof, codeTime: at, now: at, deviceId: `device-of-${personId}-000000000000000000000000`, position: null });

describe("checking in", () => {
  test("records present once, however often it is sent, and late after the threshold", async () => {
    const [first, second] = trainees;
    const proof = await qr(sessionId, inClass);
    expect(await checkIn(base(first!.id, proof))).toEqual({ ok: true, already: false, status: "present", flag: null });
    expect(await checkIn(base(first!.id, proof))).toEqual({ ok: true, already: true, status: "present", flag: null });
    expect(await db.attendance.count({ where: { sessionId, enrollment: { personId: first!.id } } })).toBe(1);
    const change = await db.attendanceChange.findFirst({ where: { attendance: { sessionId, enrollment: { personId: first!.id } } } });
    expect(change).toMatchObject({ fromStatus: null, toStatus: "present", method: "qr", actorId: first!.id });
    expect(await checkIn(base(second!.id, await typed(sessionId, lateTime), lateTime))).toMatchObject({ ok: true, status: "late" });
  });

  test("refuses an expired or forged code, and nobody who is not enrolled, recording nothing", async () => {
    const [, , third] = trainees;
    const old = await qr(sessionId, inClass);
    const later = new Date(inClass.getTime() + 60_000);
    expect(await checkIn(base(third!.id, old, later))).toEqual({ ok: false, reason: "expired" });
    expect(await checkIn(base(third!.id, { kind: "qr", token: `${slotAt(later)}.${"a".repeat(32)}` }, later))).toEqual({ ok: false, reason: "invalid" });
    const stranger = await createPerson();
    expect(await checkIn(base(stranger.id, await qr(sessionId, later), later))).toEqual({ ok: false, reason: "not_enrolled" });
    expect(await db.attendance.count({ where: { sessionId, enrollment: { personId: { in: [third!.id, stranger.id] } } } })).toBe(0);
  });

  test("a withdrawn trainee, one enrolled in another cohort only, and a cancelled session record nothing", async () => {
    const proof = await qr(sessionId, inClass);
    // Withdrawn after checking in: the earlier record is not answered as "already checked in".
    const withdrawn = await createPerson();
    const seat = await enroll(cohortId, withdrawn.id);
    expect(await checkIn(base(withdrawn.id, proof))).toMatchObject({ ok: true, already: false });
    await db.enrollment.update({ where: { id: seat.id }, data: { status: "withdrawn" } });
    expect(await checkIn(base(withdrawn.id, proof))).toEqual({ ok: false, reason: "not_enrolled" });
    const elsewhere = await createPerson();
    await enroll((await createCohort({ startDate: "2026-03-01", endDate: "2026-04-30" })).id, elsewhere.id);
    expect(await checkIn(base(elsewhere.id, proof))).toEqual({ ok: false, reason: "not_enrolled" });
    const cancelled = await createSession(cohortId, { startsAt, hours: 3 });
    const cancelledProof = await qr(cancelled.id, inClass);
    await db.session.update({ where: { id: cancelled.id }, data: { status: "cancelled" } });
    const enrolled = await createPerson();
    await enroll(cohortId, enrolled.id);
    expect(await checkIn({ ...base(enrolled.id, cancelledProof), sessionId: cancelled.id })).toEqual({ ok: false, reason: "cancelled" });
    expect(await checkIn({ ...base(enrolled.id, proof), sessionId: "no-such-session" })).toEqual({ ok: false, reason: "not_found" });
    expect(await db.attendance.count({ where: { enrollment: { personId: { in: [elsewhere.id, enrolled.id] } } } })).toBe(0);
  });

  test("flags the second trainee checked in from one phone, and a check-in away from the venue", async () => {
    const [, , third, fourth, fifth] = trainees;
    const proof = await qr(sessionId, inClass);
    const phone = "one-phone-for-two-000000000000000000";
    expect(await checkIn({ ...base(third!.id, proof), deviceId: phone })).toMatchObject({ ok: true, flag: null });
    expect(await checkIn({ ...base(fourth!.id, proof), deviceId: phone })).toMatchObject({ ok: true, flag: "shared_device" });

    const venue = await db.venue.create({ data: { name: "签到测试教室", latitude: 31.2304, longitude: 121.4737, radiusMeters: 200 } });
    const placed = (await createSession(cohortId, { startsAt, hours: 3 })).id;
    await db.session.update({ where: { id: placed }, data: { venueId: venue.id } });
    const at = (personId: string, position: { latitude: number; longitude: number } | null) =>
      codesAt(placed, inClass).then((c) => checkIn({ ...base(personId, { kind: "qr", token: c.qrToken }), sessionId: placed, position }));
    expect(await at(third!.id, { latitude: 31.2305, longitude: 121.4738 })).toMatchObject({ ok: true, flag: null });
    expect(await at(fourth!.id, { latitude: 31.3, longitude: 121.4737 })).toMatchObject({ ok: true, flag: "outside_venue" });
    expect(await at(fifth!.id, null)).toMatchObject({ ok: true, flag: "location_unavailable" });
    const far = await db.attendance.findFirstOrThrow({ where: { sessionId: placed, flag: "outside_venue" } });
    expect(far.distanceMeters).toBeGreaterThan(7000);

    // Staff change the flagged one: the change keeps who, from, to and why.
    const staff = await createPerson({ roles: ["staff"] });
    await assign(cohortId, staff.id, "staff");
    await reviewFlaggedCheckIn(asUser(staff.id, ["staff"]), { sessionId: placed, attendanceId: far.id, status: "absent", note: "不在现场", now: lateTime });
    const reviewed = await db.attendance.findUniqueOrThrow({ where: { id: far.id }, include: { changes: { orderBy: { at: "asc" } } } });
    expect(reviewed).toMatchObject({ status: "absent", flagReviewedById: staff.id });
    expect(reviewed.changes.at(-1)).toMatchObject({ fromStatus: "present", toStatus: "absent", actorId: staff.id, note: "不在现场" });
  });

  test("limits wrong typed codes per person and session, and audits the limit", async () => {
    const [, , , , , sixth, seventh] = trainees;
    for (let i = 0; i < CODE_FAILURE_LIMIT; i += 1) {
      expect(await checkIn(base(sixth!.id, { kind: "code", code: "000000" === (await codesAt(sessionId, inClass)).code ? "111111" : "000000" }))).toMatchObject({ ok: false });
    }
    // At the limit even the right code is not looked at.
    expect(await checkIn(base(sixth!.id, await typed(sessionId, inClass)))).toEqual({ ok: false, reason: "too_many" });
    expect(await db.auditEvent.count({ where: { action: "checkin.code_limited", actorId: sixth!.id, targetId: sessionId } })).toBe(1);
    // Another person is not held back, and a scanned code still works for the one at the limit.
    expect(await checkIn(base(seventh!.id, await typed(sessionId, inClass)))).toMatchObject({ ok: true });
    expect(await checkIn(base(sixth!.id, await qr(sessionId, inClass)))).toMatchObject({ ok: true });
  });

  test("200 trainees checking in at once give 200 rows and no errors", async () => {
    const crowdSession = (await createSession(cohortId, { startsAt, hours: 3 })).id;
    const crowd = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const person = await db.person.create({ data: { name: `并发学员${i}`, status: "active" }, select: { id: true } });
        await enroll(cohortId, person.id);
        return person;
      }),
    );
    const proof = await qr(crowdSession, inClass);
    const outcomes = await Promise.all(crowd.map((p) => checkIn({ ...base(p.id, proof), sessionId: crowdSession }).catch((error: unknown) => error)));
    expect(outcomes.filter((o) => !(o && typeof o === "object" && "ok" in o && o.ok))).toEqual([]);
    expect(await db.attendance.count({ where: { sessionId: crowdSession } })).toBe(200);
  }, 120_000);
});

describe("the check-in link", () => {
  test("opening it, signed in or not, as a prefetcher would, records nothing", async () => {
    const token = (await codesAt(sessionId, new Date())).qrToken;
    const before = await db.attendance.count();
    const response = await checkInPageLoader({ request: new Request(`http://localhost/check-in/${sessionId}?t=${token}`, { headers: { Purpose: "prefetch" } }), params: { sessionId }, context: {} }).catch((r: unknown) => r);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=%2Fcheck-in%2F/);
    expect(await db.attendance.count()).toBe(before);
  });
});

describe("guests", () => {
  test("check in once per mobile where the session is open to them, counted apart, matched by staff of the cohort", async () => {
    const proof = await qr(sessionId, inClass);
    const guest = { sessionId, name: "王访客", mobile: "+86 137-0000-0001", company: "某科技公司", proof, codeTime: inClass, now: inClass, deviceId: null };
    expect(await checkInGuest(guest)).toEqual({ ok: false, reason: "not_open_to_guests" });
    await db.session.update({ where: { id: sessionId }, data: { openToGuests: true } });
    await expect(checkInGuest({ ...guest, mobile: "12345" })).rejects.toMatchObject({ messageKey: "checkin.guest.errors.mobile" });
    expect(await checkInGuest(guest)).toMatchObject({ ok: true, already: false });
    expect(await checkInGuest({ ...guest, mobile: "13700000001" })).toMatchObject({ ok: true, already: true });
    expect(await db.guestAttendance.count({ where: { sessionId } })).toBe(1);

    const person = await createPerson({ mobile: "13700000001" });
    await enroll(cohortId, person.id, "completed");
    const staff = await createPerson({ roles: ["staff"] });
    await assign(cohortId, staff.id, "staff");
    const [listed] = await listGuests(asUser(staff.id, ["staff"]), sessionId);
    expect(listed!.candidates).toEqual([{ id: person.id, name: person.name }]);
    const outsider = await createPerson({ roles: ["staff"] });
    expect((await listGuests(asUser(outsider.id, ["staff"]), sessionId))[0]!.candidates).toEqual([]);
    await expect(matchGuest(asUser(outsider.id, ["staff"]), { sessionId, guestId: listed!.id, personId: person.id, now: inClass })).rejects.toMatchObject({ messageKey: "checkin.guest.errors.personNotFound" });
    await matchGuest(asUser(staff.id, ["staff"]), { sessionId, guestId: listed!.id, personId: person.id, now: inClass });
    expect(await db.guestAttendance.findUniqueOrThrow({ where: { id: listed!.id } })).toMatchObject({ matchedPersonId: person.id, matchedById: staff.id });
  });
});
