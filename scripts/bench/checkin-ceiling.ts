// The ceiling for the check-in benchmark: a plain Node HTTP handler doing the
// same work as a check-in without the app around it (find the signed-in
// person by the hash of the cookie's token, their enrollment, whether the
// phone already checked in somebody else, insert the attendance row and its
// history row), with better-sqlite3 or pg directly. The session is the path
// ("/<sessionId>"). Started as a child process with CEILING_DATABASE_URL and CEILING_PORT.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";

const url = process.env.CEILING_DATABASE_URL!;
const port = Number(process.env.CEILING_PORT);
const secret = process.env.SESSION_SECRET!;
const id = () => `c${randomBytes(12).toString("hex")}`;
const hash = (value: string) => createHash("sha256").update(value).digest("hex");

type Store = (sessionId: string, tokenHash: string, deviceHash: string | null, now: Date) => Promise<boolean>;

function sqliteStore(file: string): Store {
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma("busy_timeout = 5000");
  const person = database.prepare("SELECT personId FROM AuthSession WHERE tokenHash = ? AND revokedAt IS NULL");
  const enrollment = database.prepare("SELECT e.id FROM Enrollment e JOIN Module m ON m.cohortId = e.cohortId JOIN Session s ON s.moduleId = m.id WHERE s.id = ? AND e.personId = ? AND e.status = 'enrolled'");
  const shared = database.prepare("SELECT id FROM Attendance WHERE sessionId = ? AND deviceHash = ? AND enrollmentId <> ? LIMIT 1");
  const insert = database.prepare("INSERT INTO Attendance (id, enrollmentId, sessionId, status, method, recordedById, recordedAt, checkedInAt, updatedAt, deviceHash, flag) VALUES (?, ?, ?, 'present', 'qr', ?, ?, ?, ?, ?, ?) ON CONFLICT (enrollmentId, sessionId) DO NOTHING");
  const change = database.prepare("INSERT INTO AttendanceChange (id, attendanceId, toStatus, method, actorId, at) VALUES (?, ?, 'present', 'qr', ?, ?)");
  const record = database.transaction((sessionId: string, tokenHash: string, deviceHash: string | null, now: number) => {
    const who = person.get(tokenHash) as { personId: string } | undefined;
    if (!who) return false;
    const seat = enrollment.get(sessionId, who.personId) as { id: string } | undefined;
    if (!seat) return false;
    const flag = deviceHash && shared.get(sessionId, deviceHash, seat.id) ? "shared_device" : null;
    const attendanceId = id();
    if (insert.run(attendanceId, seat.id, sessionId, who.personId, now, now, now, deviceHash, flag).changes) change.run(id(), attendanceId, who.personId, now);
    return true;
  });
  return async (sessionId, tokenHash, deviceHash, now) => record(sessionId, tokenHash, deviceHash, now.getTime());
}

function postgresStore(connectionString: string): Store {
  const pool = new pg.Pool({ connectionString, max: 10 });
  return async (sessionId, tokenHash, deviceHash, now) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const who = await client.query<{ personId: string }>('SELECT "personId" FROM "AuthSession" WHERE "tokenHash" = $1 AND "revokedAt" IS NULL', [tokenHash]);
      const personId = who.rows[0]?.personId;
      const seat = personId
        ? await client.query<{ id: string }>('SELECT e.id FROM "Enrollment" e JOIN "Module" m ON m."cohortId" = e."cohortId" JOIN "Session" s ON s."moduleId" = m.id WHERE s.id = $1 AND e."personId" = $2 AND e.status = \'enrolled\'', [sessionId, personId])
        : null;
      const enrollmentId = seat?.rows[0]?.id;
      if (!enrollmentId) {
        await client.query("ROLLBACK");
        return false;
      }
      const shared = deviceHash ? await client.query('SELECT id FROM "Attendance" WHERE "sessionId" = $1 AND "deviceHash" = $2 AND "enrollmentId" <> $3 LIMIT 1', [sessionId, deviceHash, enrollmentId]) : null;
      const flag = shared?.rowCount ? "shared_device" : null;
      const attendanceId = id();
      const inserted = await client.query('INSERT INTO "Attendance" (id, "enrollmentId", "sessionId", status, method, "recordedById", "recordedAt", "checkedInAt", "updatedAt", "deviceHash", flag) VALUES ($1, $2, $3, \'present\', \'qr\', $4, $5, $5, $5, $6, $7) ON CONFLICT ("enrollmentId", "sessionId") DO NOTHING', [attendanceId, enrollmentId, sessionId, personId, now, deviceHash, flag]);
      if (inserted.rowCount) await client.query('INSERT INTO "AttendanceChange" (id, "attendanceId", "toStatus", method, "actorId", at) VALUES ($1, $2, \'present\', \'qr\', $3, $4)', [id(), attendanceId, personId, now]);
      await client.query("COMMIT");
      return true;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}

const store = url.startsWith("file:") ? sqliteStore(url.slice("file:".length)) : postgresStore(url);

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const token = /academy_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
      if (!token || !form.get("token")) {
        res.writeHead(400).end();
        return;
      }
      // The app's cookie is signed ("value.signature", base64 of the JSON string): checked as the app checks it.
      const [raw = "", signature = ""] = decodeURIComponent(token).split(".");
      const expected = Buffer.from(createHmac("sha256", secret).update(raw).digest("base64").replace(/=+$/, ""));
      if (expected.length !== signature.length || !timingSafeEqual(expected, Buffer.from(signature))) {
        res.writeHead(403).end();
        return;
      }
      const value = JSON.parse(Buffer.from(raw, "base64").toString("utf8")) as string;
      // The device cookie is unsigned: base64 of the JSON string, hashed as the app hashes it.
      const device = /academy_device=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
      const deviceHash = device ? hash(`device|${JSON.parse(Buffer.from(decodeURIComponent(device), "base64").toString("utf8")) as string}`) : null;
      const sessionId = decodeURIComponent((req.url ?? "/").slice(1));
      store(sessionId, hash(value), deviceHash, new Date()).then(
        (ok) => res.writeHead(ok ? 200 : 403, { "Content-Type": "text/plain" }).end(ok ? "ok" : "no"),
        () => res.writeHead(500).end(),
      );
    });
  })
  .listen(port, "127.0.0.1", () => console.error(`ceiling listening on ${port}`));
