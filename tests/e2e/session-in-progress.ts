// A fresh session of the first demo cohort, in progress now (its check-in window open), written straight
// into the end-to-end database, and a second demo trainee who signs in with the demo password.
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { demo } from "./demo-logins.ts";

export const secondTrainee = "13800000002";

export function sessionInProgress(idPrefix: string): { cohortId: string; sessionId: string } {
  const database = new Database(path.resolve("data/e2e.db"));
  try {
    const cohort = database.prepare("SELECT id FROM Cohort WHERE title = ?").get("人工智能赋能产业升级专题班（第一期）") as { id: string };
    const template = database.prepare("SELECT s.id, s.startsAt FROM Session s JOIN Module m ON m.id = s.moduleId WHERE m.cohortId = ? ORDER BY s.startsAt LIMIT 1").get(cohort.id) as { id: string; startsAt: unknown };
    const now = Date.now();
    const at = (ms: number) => (typeof template.startsAt === "number" ? ms : new Date(ms).toISOString());
    const sessionId = `${idPrefix}-${randomBytes(4).toString("hex")}`;
    database
      .prepare("INSERT INTO Session (id, moduleId, startsAt, endsAt, venueId, kind, notes, status, sequence, openToGuests, createdAt, updatedAt) SELECT ?, moduleId, ?, ?, NULL, kind, NULL, 'scheduled', 0, 0, createdAt, updatedAt FROM Session WHERE id = ?")
      .run(sessionId, at(now - 10 * 60_000), at(now + 80 * 60_000), template.id);
    database.prepare("UPDATE Person SET passwordHash = (SELECT passwordHash FROM Person WHERE mobile = ?), status = 'active' WHERE mobile = ?").run(demo.trainee.login, secondTrainee);
    return { cohortId: cohort.id, sessionId };
  } finally {
    database.close();
  }
}
