// Writing check-ins: a row and its history row, in one transaction. When a
// class taps at once, the check-ins that arrive while a write is under way are
// written together in the next one (two statements for all of them), so a
// burst costs a few short transactions instead of one per trainee. A trainee
// whose row already exists (twice at once) gets no second row and no history
// row: the caller is told it was not inserted. A batch that fails is written
// again row by row, so one bad row costs only its own check-in.
import { randomBytes } from "node:crypto";
import { db, isUniqueViolation, Prisma } from "~/utils/db.server.ts";

export type CheckInRow = {
  enrollmentId: string;
  sessionId: string;
  status: string;
  method: string;
  personId: string;
  now: Date;
  checkedInAt: Date;
  deviceHash: string | null;
  flag: string | null;
  distanceMeters: number | null;
};

/** At most this many rows in one write (each takes 12 bound values; both databases allow thousands). */
const MAX_BATCH = 100;

type Pending = { row: CheckInRow; id: string; resolve: (inserted: boolean) => void; reject: (error: unknown) => void };

const queue: Pending[] = [];
let writing = false;

const newId = () => `c${randomBytes(12).toString("hex")}`;

/** Records the row and its history row; false when the trainee's row was already there. */
export function writeCheckIn(row: CheckInRow): Promise<boolean> {
  return new Promise((resolve, reject) => {
    queue.push({ row, id: newId(), resolve, reject });
    if (!writing) {
      writing = true;
      // After the current turn of the event loop: every check-in that got this far in it joins the first write.
      setImmediate(drain);
    }
  });
}

async function drain(): Promise<void> {
  while (queue.length > 0) {
    const batch = queue.splice(0, MAX_BATCH);
    try {
      const inserted = await writeBatch(batch);
      for (const pending of batch) pending.resolve(inserted.has(pending.id));
    } catch {
      await Promise.all(batch.map((pending) => writeOne(pending)));
    }
  }
  writing = false;
}

/**
 * One transaction for the batch: the rows (a trainee's existing row wins, ON
 * CONFLICT DO NOTHING), then a history row for each row that was inserted, read
 * from the row itself. Returns the ids of the inserted rows.
 */
async function writeBatch(batch: readonly Pending[]): Promise<Set<string>> {
  const rows = batch.map(({ id, row }) =>
    Prisma.sql`(${id}, ${row.enrollmentId}, ${row.sessionId}, ${row.status}, ${row.method}, ${row.personId}, ${row.now}, ${row.checkedInAt}, ${row.deviceHash}, ${row.flag}, ${row.distanceMeters}, ${row.now})`,
  );
  const changes = batch.map(({ id }) => Prisma.sql`(${newId()}, ${id})`);
  const [inserted] = await db.$transaction([
    db.$queryRaw<{ id: string }[]>`
      INSERT INTO "Attendance" ("id", "enrollmentId", "sessionId", "status", "method", "recordedById", "recordedAt", "checkedInAt", "deviceHash", "flag", "distanceMeters", "updatedAt")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("enrollmentId", "sessionId") DO NOTHING
      RETURNING "id"`,
    db.$executeRaw`
      WITH "fresh" ("changeId", "attendanceId") AS (VALUES ${Prisma.join(changes)})
      INSERT INTO "AttendanceChange" ("id", "attendanceId", "fromStatus", "toStatus", "method", "actorId", "at")
      SELECT f."changeId", a."id", NULL, a."status", a."method", a."recordedById", a."recordedAt"
      FROM "fresh" f JOIN "Attendance" a ON a."id" = f."attendanceId"`,
  ]);
  return new Set(inserted.map((r) => r.id));
}

/** The same write for one row, as it was before batching: after a batch failed, each row on its own. */
async function writeOne({ row, id, resolve, reject }: Pending): Promise<void> {
  try {
    await db.attendance.create({
      data: {
        id,
        enrollmentId: row.enrollmentId,
        sessionId: row.sessionId,
        status: row.status,
        method: row.method,
        recordedById: row.personId,
        recordedAt: row.now,
        checkedInAt: row.checkedInAt,
        deviceHash: row.deviceHash,
        flag: row.flag,
        distanceMeters: row.distanceMeters,
        changes: { create: { fromStatus: null, toStatus: row.status, method: row.method, actorId: row.personId, at: row.now } },
      },
      select: { id: true },
    });
    resolve(true);
  } catch (error) {
    if (isUniqueViolation(error)) resolve(false);
    else reject(error);
  }
}
