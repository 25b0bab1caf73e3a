// Trainees checking in to a session: by the projector's QR code or its typed
// six-digit code, once, late after the threshold, flagged for review when the
// phone already checked in somebody else or the position does not fit.
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { batchedPerTurn } from "~/utils/batched-per-turn.ts";
import { db, driver, Prisma } from "~/utils/db.server.ts";
import { sha256 } from "~/utils/hashing.server.ts";
import type { RequestFacts } from "~/utils/request.server.ts";
import { sessionSecrets } from "~/utils/secrets.server.ts";
import { checkQrToken, checkTypedCode, windowKey, type CheckInWindowRange, type CodeCheck } from "./check-in-codes.ts";
import { CODE_FAILURE_LIMIT, CODE_FAILURE_PERIOD_MS, locationOutcome, type CheckInFlag, type CheckInRefusal, type Position } from "./check-in.ts";
import { writeCheckIn } from "./check-in-writes.server.ts";
import { checkInStatus, checkInWindow, sessionPhase, type SessionPhase } from "./rules.ts";

const sessionSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  status: true,
  checkInSecret: true,
  checkInOpensMinutesBefore: true,
  checkInClosesMinutesAfter: true,
  lateAfterMinutes: true,
  openToGuests: true,
  venue: { select: { name: true, latitude: true, longitude: true, radiusMeters: true } },
  module: { select: { title: true, cohortId: true, cohort: { select: { title: true, lateAfterMinutes: true } } } },
} as const;

export async function getCheckInSession(sessionId: string) {
  return db.session.findUnique({ where: { id: sessionId }, select: sessionSelect });
}
export type CheckInSession = NonNullable<Awaited<ReturnType<typeof getCheckInSession>>>;

/** The key of the session's current window: what the projector derives its codes from. */
export function sessionKey(session: Pick<CheckInSession, "id" | "checkInSecret"> & Parameters<typeof checkInWindow>[0]): { keyHex: string; window: CheckInWindowRange } {
  const window = checkInWindow(session);
  const secret = sessionSecrets()[0]!;
  const sessionSecret = session.checkInSecret ?? "";
  // A key depends on nothing else, so each is derived once: every check-in of a class asks for the same one.
  const known = `${secret}|${session.id}|${sessionSecret}|${window.opensAt.getTime()}|${window.closesAt.getTime()}`;
  let keyHex = derivedKeys.get(known);
  if (keyHex === undefined) {
    if (derivedKeys.size >= MAX_DERIVED_KEYS) derivedKeys.clear();
    keyHex = windowKey(secret, session.id, window, sessionSecret);
    derivedKeys.set(known, keyHex);
  }
  return { keyHex, window };
}

const MAX_DERIVED_KEYS = 1000;
const derivedKeys = new Map<string, string>();

export type Proof = { kind: "qr"; token: string } | { kind: "code"; code: string };

export function checkProof(session: CheckInSession, proof: Proof, at: Date): CodeCheck {
  if (session.status === "cancelled") return { ok: false, reason: "invalid" };
  const { keyHex, window } = sessionKey(session);
  return proof.kind === "qr"
    ? checkQrToken({ keyHex, sessionId: session.id, window, token: proof.token, at })
    : checkTypedCode({ keyHex, sessionId: session.id, window, code: proof.code, at });
}

export const deviceHashOf = (deviceId: string | null) => (deviceId ? sha256(`device|${deviceId}`) : null);

/**
 * Typed codes are limited per person (or guest mobile) and session: at the
 * limit nothing is checked; a wrong code is counted, and reaching the limit is audited.
 */
export async function limitedCodeCheck(
  session: CheckInSession,
  actorKey: string,
  proof: Proof,
  at: Date,
  context: { now: Date; actorId: string | null; request?: RequestFacts },
): Promise<CodeCheck | { ok: false; reason: "too_many" }> {
  if (proof.kind === "qr") return checkProof(session, proof, at);
  const since = new Date(context.now.getTime() - CODE_FAILURE_PERIOD_MS);
  const failures = await db.checkInCodeFailure.count({ where: { sessionId: session.id, actorKey, at: { gte: since } } });
  if (failures >= CODE_FAILURE_LIMIT) return { ok: false, reason: "too_many" };
  const result = checkProof(session, proof, at);
  if (result.ok || result.reason === "not_open" || result.reason === "closed") return result;
  await db.$transaction(async (tx) => {
    await tx.checkInCodeFailure.create({ data: { sessionId: session.id, actorKey, at: context.now } });
    if (failures + 1 === CODE_FAILURE_LIMIT) {
      await recordAudit(
        { action: "checkin.code_limited", actorId: context.actorId, targetType: "session", targetId: session.id, request: context.request, detail: { actorKey, failures: failures + 1 }, at: context.now },
        tx,
      );
    }
  });
  return result;
}

export type CheckInOutcome =
  | { ok: true; already: boolean; status: string; flag: string | null }
  | { ok: false; reason: CheckInRefusal };

export type CheckInInput = {
  sessionId: string;
  personId: string;
  proof: Proof;
  /** When the code was read: the link's signed opened-at time when there is one, else now. */
  codeTime: Date;
  now: Date;
  deviceId: string | null;
  position: Position | null;
  request?: RequestFacts;
};

type CheckInRow = {
  id: string; startsAt: Date | string; endsAt: Date | string; status: string; checkInSecret: string | null;
  checkInOpensMinutesBefore: number | null; checkInClosesMinutesAfter: number | null; lateAfterMinutes: number | null; openToGuests: boolean | number;
  venueName: string | null; latitude: number | null; longitude: number | null; radiusMeters: number | null;
  moduleTitle: string; cohortId: string; cohortTitle: string; cohortLateAfterMinutes: number;
  enrollmentId: string | null; enrollmentStatus: string | null; attendanceStatus: string | null; attendanceFlag: string | null; sharedDevice: number | bigint;
};

export type CheckInFacts = {
  session: CheckInSession;
  enrollmentId: string | null;
  existing: { status: string; flag: string | null } | null;
  sharedDevice: boolean;
};

type Asked = { sessionId: string; personId: string | null; deviceHash: string | null };

/**
 * What a trainee's check-in needs, in one query: the session as `getCheckInSession`
 * reads it, the person's enrollment in its cohort (when enrolled), what is
 * already recorded for them there, and whether this phone already checked in
 * somebody else (by the (sessionId, deviceHash) index). Null when there is no
 * such session. Everyone asking at the same time (a class tapping at once) is
 * answered by one query per session, a row each.
 */
export const readCheckIn = (sessionId: string, personId: string | null, deviceHash: string | null): Promise<CheckInFacts | null> =>
  readTogether({ sessionId, personId, deviceHash });

const readTogether = batchedPerTurn(async (asked: Asked[]): Promise<(CheckInFacts | null)[]> => {
  const answers: (CheckInFacts | null)[] = new Array(asked.length);
  for (const sessionId of new Set(asked.map((a) => a.sessionId))) {
    const places = asked.flatMap((a, i) => (a.sessionId === sessionId ? [i] : []));
    const facts = await readMany(sessionId, places.map((i) => asked[i]!));
    places.forEach((place, k) => (answers[place] = facts[k]!));
  }
  return answers;
}, Number.MAX_SAFE_INTEGER);

/** At most this many people in one query (two bound values each). */
const MAX_ASKED = 200;

async function readMany(sessionId: string, asked: readonly Asked[]): Promise<(CheckInFacts | null)[]> {
  const answers: (CheckInFacts | null)[] = [];
  for (let from = 0; from < asked.length; from += MAX_ASKED) answers.push(...(await readChunk(sessionId, asked.slice(from, from + MAX_ASKED))));
  return answers;
}

async function readChunk(sessionId: string, asked: readonly Asked[]): Promise<(CheckInFacts | null)[]> {
  // Each asker is numbered by a literal (its place in the list), so the rows can be handed back in order.
  const values = asked.map((a, i) => Prisma.sql`(${Prisma.raw(String(i))}, ${a.personId}, ${a.deviceHash})`);
  const rows = await driver.query<CheckInRow & { n: number | bigint }>(Prisma.sql`
    WITH "asked" ("n", "personId", "deviceHash") AS (VALUES ${Prisma.join(values)})
    SELECT q."n", s."id", s."startsAt", s."endsAt", s."status", s."checkInSecret", s."checkInOpensMinutesBefore", s."checkInClosesMinutesAfter",
      s."lateAfterMinutes", s."openToGuests", v."name" AS "venueName", v."latitude", v."longitude", v."radiusMeters",
      m."title" AS "moduleTitle", m."cohortId", c."title" AS "cohortTitle", c."lateAfterMinutes" AS "cohortLateAfterMinutes",
      e."id" AS "enrollmentId", e."status" AS "enrollmentStatus", a."status" AS "attendanceStatus", a."flag" AS "attendanceFlag",
      CASE WHEN EXISTS (
        SELECT 1 FROM "Attendance" d
        WHERE d."sessionId" = s."id" AND d."deviceHash" = q."deviceHash" AND (e."id" IS NULL OR d."enrollmentId" <> e."id")
      ) THEN 1 ELSE 0 END AS "sharedDevice"
    FROM "asked" q
    JOIN "Session" s ON s."id" = ${sessionId}
    JOIN "Module" m ON m."id" = s."moduleId"
    JOIN "Cohort" c ON c."id" = m."cohortId"
    LEFT JOIN "Venue" v ON v."id" = s."venueId"
    LEFT JOIN "Enrollment" e ON e."cohortId" = m."cohortId" AND e."personId" = q."personId"
    LEFT JOIN "Attendance" a ON a."enrollmentId" = e."id" AND a."sessionId" = s."id"`);
  const byPlace = new Map(rows.map((row) => [Number(row.n), row]));
  return asked.map((_, i) => {
    const row = byPlace.get(i);
    return row ? factsOf(row) : null;
  });
}

function factsOf(row: CheckInRow): CheckInFacts {
  const session: CheckInSession = {
    id: row.id,
    startsAt: new Date(row.startsAt),
    endsAt: new Date(row.endsAt),
    status: row.status,
    checkInSecret: row.checkInSecret,
    checkInOpensMinutesBefore: row.checkInOpensMinutesBefore,
    checkInClosesMinutesAfter: row.checkInClosesMinutesAfter,
    lateAfterMinutes: row.lateAfterMinutes,
    openToGuests: Boolean(row.openToGuests),
    venue: row.venueName === null ? null : { name: row.venueName, latitude: row.latitude, longitude: row.longitude, radiusMeters: row.radiusMeters },
    module: { title: row.moduleTitle, cohortId: row.cohortId, cohort: { title: row.cohortTitle, lateAfterMinutes: row.cohortLateAfterMinutes } },
  };
  const existing = row.attendanceStatus === null ? null : { status: row.attendanceStatus, flag: row.attendanceFlag };
  const enrollmentId = row.enrollmentStatus === "enrolled" ? row.enrollmentId : null;
  return { session, enrollmentId, existing, sharedDevice: Number(row.sharedDevice) === 1 };
}

/** Records one enrolled trainee's check-in; a second call records nothing more. */
export async function checkIn(input: CheckInInput): Promise<CheckInOutcome> {
  const deviceHash = deviceHashOf(input.deviceId);
  const context = await readCheckIn(input.sessionId, input.personId, deviceHash);
  if (!context) return { ok: false, reason: "not_found" };
  const { session, enrollmentId, existing } = context;
  if (session.status === "cancelled") return { ok: false, reason: "cancelled" };
  if (!enrollmentId) return { ok: false, reason: "not_enrolled" };
  if (existing) return { ok: true, already: true, ...existing };

  const check = await limitedCodeCheck(session, input.personId, input.proof, input.codeTime, { now: input.now, actorId: input.personId, request: input.request });
  if (!check.ok) return { ok: false, reason: check.reason };

  const location = locationOutcome(session.venue, input.position);
  const flag: CheckInFlag | null = context.sharedDevice ? "shared_device" : location.flag;
  const status = checkInStatus(session, session.module.cohort.lateAfterMinutes, input.codeTime);
  const method = input.proof.kind;
  // The row and its history row in one transaction, with whichever check-ins arrive at the same time.
  const written = await writeCheckIn({
    enrollmentId,
    sessionId: session.id,
    status,
    method,
    personId: input.personId,
    now: input.now,
    checkedInAt: input.codeTime,
    deviceHash,
    flag,
    distanceMeters: location.distanceMeters,
  });
  if (!written.inserted) {
    // The same trainee, twice at once: the other request recorded it.
    const row = await db.attendance.findUniqueOrThrow({
      where: { enrollmentId_sessionId: { enrollmentId, sessionId: session.id } },
      select: { status: true, flag: true },
    });
    return { ok: true, already: true, ...row };
  }
  return { ok: true, already: false, status, flag: written.flag };
}

export type MyCheckIn = { sessionId: string; phase: SessionPhase; status: string | null; enrolled: boolean };

/** For the portal home: each of these sessions' phase and what is recorded for the person. */
export async function myCheckIns(personId: string, sessionIds: readonly string[], now: Date): Promise<Record<string, MyCheckIn>> {
  if (sessionIds.length === 0) return {};
  const sessions = await db.session.findMany({
    where: { id: { in: [...sessionIds] } },
    select: {
      id: true, startsAt: true, endsAt: true, status: true, checkInOpensMinutesBefore: true, checkInClosesMinutesAfter: true,
      module: { select: { cohort: { select: { enrollments: { where: { personId, status: "enrolled" }, select: { id: true } } } } } },
      attendances: { where: { enrollment: { personId } }, select: { status: true } },
    },
  });
  return Object.fromEntries(
    sessions.map((s) => [
      s.id,
      { sessionId: s.id, phase: sessionPhase(s, now), status: s.attendances[0]?.status ?? null, enrolled: s.module.cohort.enrollments.length > 0 },
    ]),
  );
}
