// The production server answers the check-in confirm a loaded page sends
// (`POST /check-in/<session>.data`) on a fast path in front of Remix. Each
// story here sends the same confirm twice: through the server (scripts/server.ts,
// every guard and the fast path) for one trainee, and to Remix's own Express
// handler with the real check-in route, without the fast path, for another.
// The answers must be the same, byte for byte, and so must what is recorded. The server's
// guards still refuse what they refused; a page before JavaScript still
// reaches the route.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAuthSession, endAuthSession } from "~/modules/accounts/auth-session.server.ts";
import { codesForSlot, slotAt } from "~/modules/attendance/check-in-codes.ts";
import { checkIn, deviceHashOf, getCheckInSession, sessionKey } from "~/modules/attendance/check-in.server.ts";
import { writeCheckIn } from "~/modules/attendance/check-in-writes.server.ts";
import { CODE_FAILURE_LIMIT } from "~/modules/attendance/check-in.ts";
import * as checkInRoute from "~/routes/check-in.$sessionId.tsx";
import { db } from "~/utils/db.server.ts";
import { createServer } from "../../scripts/server.ts";
import { createCohort, createSession, enroll } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";

const ROUTE_ID = "routes/check-in.$sessionId";
const DOCUMENT_MARK = "rendered by the route's page";
/** The `.data` requests Remix's handler answered (its entry hook sees each one). */
const answeredByRemix: string[] = [];

// Only what a check-in POST uses: the root, the check-in route, and an entry that marks document renders.
const build = {
  mode: "production",
  entry: {
    module: {
      default: () => new Response(DOCUMENT_MARK, { status: 200, headers: { "Content-Type": "text/plain" } }),
      handleError: () => undefined,
      handleDataRequest: (response: Response, { request }: { request: Request }) => {
        answeredByRemix.push(new URL(request.url).pathname);
        return response;
      },
    },
  },
  routes: {
    root: { id: "root", path: "", module: { default: () => null } },
    [ROUTE_ID]: { id: ROUTE_ID, parentId: "root", path: "check-in/:sessionId", module: checkInRoute },
  },
  assets: { entry: { module: "/entry.js", imports: [] }, routes: {}, url: "/manifest.js", version: "test" },
  publicPath: "/",
  assetsBuildDirectory: "build/client",
  future: { v3_singleFetch: true, v3_lazyRouteDiscovery: true },
  isSpaMode: false,
} as unknown as ServerBuild;

let server: http.Server;
let origin = "";
let remix: http.Server;
let remixOrigin = "";

async function listen(app: express.Express | http.Server): Promise<[http.Server, string]> {
  const listening = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => listening.once("listening", resolve));
  return [listening, `http://127.0.0.1:${(listening.address() as AddressInfo).port}`];
}

const startsAt = new Date(Date.now() - 5 * 60_000);
let cohortId: string;
let sessionId: string;
let otherSessionId: string;

beforeAll(async () => {
  const cohort = await createCohort({ startDate: "2026-01-01", endDate: "2027-12-31" });
  cohortId = cohort.id;
  sessionId = (await createSession(cohortId, { startsAt, hours: 3 })).id;
  otherSessionId = (await createSession(cohortId, { startsAt, hours: 3 })).id;
  [server, origin] = await listen(createServer({ build, clientDir: "/nonexistent" }));
  // Remix as the server hands requests to it, without the fast path in front.
  [remix, remixOrigin] = await listen(express().all("*", createRequestHandler({ build, mode: process.env.NODE_ENV })));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => remix.close(resolve));
});

async function trainee(enrolled = true) {
  const person = await createPerson();
  if (enrolled) await enroll(cohortId, person.id);
  const cookie = (await createAuthSession(new Request(origin), person.id, {})).split(";")[0]!;
  return { id: person.id, cookie };
}

const deviceCookie = (device: string) => `academy_device=${encodeURIComponent(Buffer.from(JSON.stringify(device)).toString("base64"))}`;

async function codesNow(id: string, at = new Date()) {
  const { keyHex } = sessionKey((await getCheckInSession(id))!);
  return codesForSlot(keyHex, id, slotAt(at));
}

type Sent = { path?: string; cookie?: string; body: Record<string, string>; headers?: Record<string, string> };
type Answer = { status: number; body: string; contentType: string | null; remixResponse: string | null; location: string | null; setCookie: string[] };

function post(to: string, sent: Sent): Promise<Answer> {
  const body = new URLSearchParams(sent.body).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${to}${sent.path ?? `/check-in/${sessionId}.data`}`,
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Origin: to, ...(sent.cookie ? { Cookie: sent.cookie } : {}), ...sent.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            contentType: res.headers["content-type"] ?? null,
            remixResponse: (res.headers["x-remix-response"] as string | undefined) ?? null,
            location: res.headers.location ?? null,
            setCookie: res.headers["set-cookie"] ?? [],
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Through the production server: guards, fast path, Remix behind it. */
const viaServer = (sent: Sent) => post(origin, sent);
/** Straight to Remix with the real route. */
const viaRemix = (sent: Sent) => post(remixOrigin, sent);

const rowsOf = (personId: string, id = sessionId) => db.attendance.count({ where: { sessionId: id, enrollment: { personId } } });

describe("the fast path answers as the route does", () => {
  test("a valid scanned code is recorded once, and sending it again records nothing more", async () => {
    const [fast, routed] = [await trainee(), await trainee()];
    const { qrToken } = await codesNow(sessionId);
    const first = await viaServer({ cookie: fast.cookie, body: { intent: "trainee", token: qrToken } });
    // The server answered without handing the request to Remix; the other one went through Remix.
    expect(answeredByRemix).toEqual([]);
    const expected = await viaRemix({ cookie: routed.cookie, body: { intent: "trainee", token: qrToken } });
    expect(answeredByRemix).toEqual([`/check-in/${sessionId}.data`]);
    expect(first).toEqual(expected);
    expect(first.status).toBe(200);
    expect(first.contentType).toBe("text/x-script; charset=utf-8");
    expect(first.body).toContain('"recorded"');
    const again = await viaServer({ cookie: fast.cookie, body: { intent: "trainee", token: qrToken } });
    expect(again).toEqual(await viaRemix({ cookie: routed.cookie, body: { intent: "trainee", token: qrToken } }));
    expect(again.body).not.toEqual(first.body);
    expect(await rowsOf(fast.id)).toBe(1);
    expect(await rowsOf(routed.id)).toBe(1);
    // The history row is written with the row, at the same moment, by the trainee.
    const row = await db.attendance.findFirstOrThrow({ where: { sessionId, enrollment: { personId: fast.id } }, include: { changes: true } });
    expect(row).toMatchObject({ status: "present", method: "qr", recordedById: fast.id });
    expect(row.changes).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "present", method: "qr", actorId: fast.id, at: row.recordedAt })]);
    expect(row.updatedAt).toEqual(row.recordedAt);
  });

  test("an old, forged or other session's code gets the same message as from the route, and nothing is recorded", async () => {
    const [fast, routed] = [await trainee(), await trainee()];
    const proofs: Record<string, string>[] = [
      { intent: "trainee", token: (await codesNow(sessionId, new Date(Date.now() - 5 * 60_000))).qrToken },
      { intent: "trainee", token: `${slotAt(new Date())}.${"a".repeat(32)}` },
      { intent: "trainee", token: (await codesNow(otherSessionId)).qrToken },
      { intent: "trainee", code: "000000x" },
      { intent: "trainee" },
    ];
    for (const body of proofs) {
      const answer = await viaServer({ cookie: fast.cookie, body });
      expect(answer).toEqual(await viaRemix({ cookie: routed.cookie, body }));
      expect(answer.body).toContain('"refused"');
    }
    expect(await rowsOf(fast.id)).toBe(0);
    expect(await rowsOf(routed.id)).toBe(0);
  });

  test("wrong typed codes are limited and the limit audited, as through the route", async () => {
    const fast = await trainee();
    const wrong = { intent: "trainee", code: "999999" === (await codesNow(sessionId)).code ? "999998" : "999999" };
    const answers: string[] = [];
    for (let i = 0; i <= CODE_FAILURE_LIMIT; i += 1) answers.push((await viaServer({ cookie: fast.cookie, body: wrong })).body);
    expect(answers.at(0)).toContain('"invalid"');
    expect(answers.at(-1)).toContain('"too_many"');
    expect(await db.checkInCodeFailure.count({ where: { sessionId, actorKey: fast.id } })).toBe(CODE_FAILURE_LIMIT);
    const audits = await db.auditEvent.findMany({ where: { action: "checkin.code_limited", actorId: fast.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.ip).toBe("127.0.0.1");
    // Even the right code is refused now: the limit holds on the fast path.
    const right = await viaServer({ cookie: fast.cookie, body: { intent: "trainee", code: (await codesNow(sessionId)).code } });
    expect(right.body).toContain('"too_many"');
    expect(await rowsOf(fast.id)).toBe(0);
  });

  test("somebody not enrolled in the cohort gets the same message, and nothing is recorded", async () => {
    const [fast, routed] = [await trainee(false), await trainee(false)];
    const body = { intent: "trainee", token: (await codesNow(sessionId)).qrToken };
    const answer = await viaServer({ cookie: fast.cookie, body });
    expect(answer).toEqual(await viaRemix({ cookie: routed.cookie, body }));
    expect(answer.body).toContain('"not_enrolled"');
    expect(await db.attendance.count({ where: { sessionId, enrollment: { personId: { in: [fast.id, routed.id] } } } })).toBe(0);
  });

  test("signed out (or signed out elsewhere), the trainee is sent to sign in and back to the check-in", async () => {
    const body = { intent: "trainee", token: (await codesNow(sessionId)).qrToken };
    const answer = await viaServer({ body });
    expect(answer).toEqual(await viaRemix({ body }));
    expect(answer.status).toBe(202);
    expect(answer.location).toBe(`/login?redirectTo=${encodeURIComponent(`/check-in/${sessionId}`)}`);
    expect(answer.body).toContain(`"/login?redirectTo=%2Fcheck-in%2F${sessionId}"`);
    // A revoked session is not remembered anywhere on the way: the next confirm is sent to sign in too.
    const revoked = await trainee();
    await endAuthSession(new Request(origin, { headers: { Cookie: revoked.cookie } }));
    expect((await viaServer({ cookie: revoked.cookie, body })).status).toBe(202);
    expect(await rowsOf(revoked.id)).toBe(0);
  });

  test("a session that does not exist is 404 as from the route; a guest's form is answered the same", async () => {
    const someone = await trainee();
    const missing = { path: "/check-in/no-such-session.data", cookie: someone.cookie, body: { intent: "trainee", token: "1.abc" } };
    const answer = await viaServer(missing);
    expect(answer).toEqual(await viaRemix(missing));
    expect(answer.status).toBe(404);
    const guest = { body: { intent: "guest", name: "", mobile: "12", token: (await codesNow(sessionId)).qrToken } };
    const guestAnswer = await viaServer(guest);
    expect(guestAnswer).toEqual(await viaRemix(guest));
    expect(guestAnswer.body).toContain('"guestErrors"');
  });

  test("one phone checking in a second trainee is recorded and flagged, from the device cookie", async () => {
    const [first, second] = [await trainee(), await trainee()];
    const device = deviceCookie("shared-phone-0123456789abcdef0123456789");
    const body = { intent: "trainee", token: (await codesNow(sessionId)).qrToken };
    await viaServer({ cookie: `${first.cookie}; ${device}`, body });
    await viaServer({ cookie: `${second.cookie}; ${device}`, body });
    const flags = await db.attendance.findMany({ where: { sessionId, enrollment: { personId: { in: [first.id, second.id] } } }, select: { flag: true, enrollment: { select: { personId: true } } } });
    expect(Object.fromEntries(flags.map((f) => [f.enrollment.personId, f.flag]))).toEqual({ [first.id]: null, [second.id]: "shared_device" });
  });

  test("fifty trainees confirming at once give fifty rows, each with its history row", async () => {
    const people = await Promise.all(Array.from({ length: 50 }, () => trainee()));
    const body = { intent: "trainee", token: (await codesNow(otherSessionId)).qrToken };
    const answers = await Promise.all(people.flatMap((p) => [viaServer({ path: `/check-in/${otherSessionId}.data`, cookie: p.cookie, body }), viaServer({ path: `/check-in/${otherSessionId}.data`, cookie: p.cookie, body })]));
    expect(answers.every((a) => a.status === 200 && a.body.includes('"recorded"'))).toBe(true);
    expect(await db.attendance.count({ where: { sessionId: otherSessionId } })).toBe(50);
    expect(await db.attendanceChange.count({ where: { attendance: { sessionId: otherSessionId } } })).toBe(50);
  });
});

describe("the server's guards still stand in front of it", () => {
  test("a confirm sent from another site is refused and records nothing", async () => {
    const fast = await trainee();
    const body = { intent: "trainee", token: (await codesNow(sessionId)).qrToken };
    const answer = await viaServer({ cookie: fast.cookie, body, headers: { Origin: "https://evil.example" } });
    expect(answer.status).toBe(403);
    const sniffed = await viaServer({ cookie: fast.cookie, body, headers: { Origin: "", "Sec-Fetch-Site": "cross-site" } });
    expect(sniffed.status).toBe(403);
    expect(await rowsOf(fast.id)).toBe(0);
  });

  test("an Origin Remix would refuse behind APP_URL is left to Remix, which refuses it", async () => {
    const fast = await trainee();
    const body = { intent: "trainee", token: (await codesNow(sessionId)).qrToken };
    process.env.APP_URL = "https://academy.example.cn";
    try {
      const answer = await viaServer({ cookie: fast.cookie, body, headers: { Origin: "https://academy.example.cn" } });
      expect(answer.status).toBe(500);
      expect(answer.body).toContain("SanitizedError");
      expect(answeredByRemix.at(-1)).toBe(`/check-in/${sessionId}.data`);
    } finally {
      delete process.env.APP_URL;
    }
    expect(await rowsOf(fast.id)).toBe(0);
  });

  test("an answer carries the security headers and stays out of shared caches; a body over the limit is refused", async () => {
    const fast = await trainee();
    const body = new URLSearchParams({ intent: "trainee", token: (await codesNow(sessionId)).qrToken }).toString();
    const response = await fetch(`${origin}/check-in/${sessionId}.data`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, Cookie: fast.cookie }, body });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("permissions-policy")).toContain("geolocation=(self)");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const big = await fetch(`${origin}/check-in/${sessionId}.data`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, Cookie: fast.cookie }, body: `${body}&pad=${"a".repeat(70 * 1024)}` });
    expect(big.status).toBe(413);
    const json = await fetch(`${origin}/check-in/${sessionId}.data`, { method: "POST", headers: { "Content-Type": "application/json", Origin: origin, Cookie: fast.cookie }, body: "{}" });
    expect(json.status).toBe(415);
  });

  test("a page before JavaScript posts the form to the page itself, and the route records it", async () => {
    const fast = await trainee();
    const answer = await viaServer({ path: `/check-in/${sessionId}`, cookie: fast.cookie, body: { intent: "trainee", token: (await codesNow(sessionId)).qrToken } });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(DOCUMENT_MARK);
    expect(await rowsOf(fast.id)).toBe(1);
  });
});

describe("check-ins arriving together are read and written together", () => {
  test("one phone checking in three trainees in the same moment: all recorded, all but the first flagged", async () => {
    const people = [await trainee(), await trainee(), await trainee()];
    const { qrToken } = await codesNow(sessionId);
    const now = new Date();
    // Started in the same turn: read in one query before any of them is written, written in one transaction.
    const outcomes = await Promise.all(
      people.map((p) => checkIn({ sessionId, personId: p.id, proof: { kind: "qr", token: qrToken }, codeTime: now, now, deviceId: "same-moment-phone-0123456789abcdef0123", position: null })),
    );
    expect(outcomes.map((o) => (o.ok ? o.flag : o.reason))).toEqual([null, "shared_device", "shared_device"]);
    const rows = await db.attendance.findMany({ where: { sessionId, enrollment: { personId: { in: people.map((p) => p.id) } } }, select: { flag: true, enrollment: { select: { personId: true } } } });
    expect(Object.fromEntries(rows.map((r) => [r.enrollment.personId, r.flag]))).toEqual({ [people[0]!.id]: null, [people[1]!.id]: "shared_device", [people[2]!.id]: "shared_device" });
  });

  test("a phone that checked somebody in after the check-in was read is still seen when it is written", async () => {
    const [first, second] = [await trainee(), await trainee()];
    const seat = async (personId: string) => (await db.enrollment.findFirstOrThrow({ where: { cohortId, personId }, select: { id: true } })).id;
    const deviceHash = deviceHashOf("written-meanwhile-phone-0123456789abcdef");
    const row = (enrollmentId: string, personId: string) => ({ enrollmentId, sessionId, status: "present", method: "qr", personId, now: new Date(), checkedInAt: new Date(), deviceHash, flag: null, distanceMeters: null });
    expect(await writeCheckIn(row(await seat(first.id), first.id))).toEqual({ inserted: true, flag: null });
    // Read before the first was written, so it comes without a flag: the write finds the other check-in.
    expect(await writeCheckIn(row(await seat(second.id), second.id))).toEqual({ inserted: true, flag: "shared_device" });
    expect(await writeCheckIn(row(await seat(second.id), second.id))).toEqual({ inserted: false, flag: null });
    const flagged = await db.attendance.findFirstOrThrow({ where: { sessionId, enrollment: { personId: second.id } }, include: { changes: true } });
    expect(flagged.flag).toBe("shared_device");
    expect(flagged.changes).toHaveLength(1);
  });
});
