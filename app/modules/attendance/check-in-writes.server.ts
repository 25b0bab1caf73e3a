// Writing check-ins: a row and its history row, in one transaction. When a
// class taps at once, the check-ins that arrive while a write is under way are
// written together in the next one (two statements for all of them), so a
// burst costs a few short transactions instead of one per trainee. A trainee
// whose row already exists (twice at once) gets no second row and no history
// row: the caller is told it was not inserted. The shared-phone check is made
// again as the rows are written (a phone that checked in somebody else in the
// same batch, or in one written since the check-in was read), so checking two
// trainees in at once from one phone is flagged as surely as one after the
// other. A batch that fails is written again row by row, so one bad row costs
// only its own check-in.
import { randomBytes } from "node:crypto";
import { db, driver, isUniqueViolation, Prisma } from "~/utils/db.server.ts";

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

export type Written = { inserted: boolean; flag: string | null };

const SHARED_DEVICE = "shared_device";

type Pending = { row: CheckInRow; id: string; resolve: (written: Written) => void; reject: (error: unknown) => void };

const queue: Pending[] = [];
let writing = false;

const newId = () => `c${randomBytes(12).toString("hex")}`;

/** Records the row and its history row; not inserted when the trainee's row was already there. */
export function writeCheckIn(row: CheckInRow): Promise<Written> {
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
      const { inserted, shared } = await writeBatch(batch);
      for (const { id, row, resolve } of batch) resolve({ inserted: inserted.has(id), flag: shared.has(id) ? SHARED_DEVICE : row.flag });
    } catch {
      await Promise.all(batch.map((pending) => writeOne(pending)));
    }
  }
  writing = false;
}

/** A phone that checks in a second trainee in the same batch flags the second, as one after the other would. */
function flagSharedPhonesWithin(batch: readonly Pending[]): void {
  const firstSeat = new Map<string, string>();
  for (const { row } of batch) {
    if (!row.deviceHash) continue;
    const key = `${row.sessionId}|${row.deviceHash}`;
    const seat = firstSeat.get(key);
    if (seat === undefined) firstSeat.set(key, row.enrollmentId);
    else if (seat !== row.enrollmentId) row.flag = SHARED_DEVICE;
  }
}

/**
 * One transaction for the batch: the rows (a trainee's existing row wins, ON
 * CONFLICT DO NOTHING); the shared-phone flag for a new row whose phone checked
 * in somebody else in an earlier write; a history row for each new row, read
 * from the row itself. Returns the ids of the new rows and of those flagged in the write.
 */
async function writeBatch(batch: readonly Pending[]): Promise<{ inserted: Set<string>; shared: Set<string> }> {
  flagSharedPhonesWithin(batch);
  const ids = Prisma.join(batch.map(({ id }) => id));
  const rows = batch.map(({ id, row }) =>
    Prisma.sql`(${id}, ${row.enrollmentId}, ${row.sessionId}, ${row.status}, ${row.method}, ${row.personId}, ${row.now}, ${row.checkedInAt}, ${row.deviceHash}, ${row.flag}, ${row.distanceMeters}, ${row.now})`,
  );
  const changes = batch.map(({ id }) => Prisma.sql`(${newId()}, ${id})`);
  // Straight to the driver (db-driver.server.ts): Prisma's own work per statement would cost more than the batch's SQL.
  const [inserted = [], shared = []] = (await driver.transaction([
    Prisma.sql`
      INSERT INTO "Attendance" ("id", "enrollmentId", "sessionId", "status", "method", "recordedById", "recordedAt", "checkedInAt", "deviceHash", "flag", "distanceMeters", "updatedAt")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("enrollmentId", "sessionId") DO NOTHING
      RETURNING "id"`,
    Prisma.sql`
      UPDATE "Attendance" SET "flag" = ${SHARED_DEVICE}
      WHERE "id" IN (${ids}) AND "deviceHash" IS NOT NULL AND ("flag" IS NULL OR "flag" <> ${SHARED_DEVICE})
        AND EXISTS (
          SELECT 1 FROM "Attendance" d
          WHERE d."sessionId" = "Attendance"."sessionId" AND d."deviceHash" = "Attendance"."deviceHash"
            AND d."enrollmentId" <> "Attendance"."enrollmentId" AND d."id" NOT IN (${ids})
        )
      RETURNING "id"`,
    Prisma.sql`
      WITH "fresh" ("changeId", "attendanceId") AS (VALUES ${Prisma.join(changes)})
      INSERT INTO "AttendanceChange" ("id", "attendanceId", "fromStatus", "toStatus", "method", "actorId", "at")
      SELECT f."changeId", a."id", NULL, a."status", a."method", a."recordedById", a."recordedAt"
      FROM "fresh" f JOIN "Attendance" a ON a."id" = f."attendanceId"`,
  ])) as { id: string }[][];
  return { inserted: new Set(inserted.map((r) => r.id)), shared: new Set(shared.map((r) => r.id)) };
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
    resolve({ inserted: true, flag: row.flag });
  } catch (error) {
    if (isUniqueViolation(error)) resolve({ inserted: false, flag: null });
    else reject(error);
  }
}
