import type { Prisma } from "~/utils/db.server.ts";

/**
 * Serialises everything that hands out seats in one cohort: the first write of
 * the transaction touches the cohort's row, so on PostgreSQL a second
 * transaction waits here until the first commits, and then counts the seats
 * the first one took. (SQLite runs one writing transaction at a time anyway.)
 * Call it before counting seats.
 */
export async function lockCohortSeats(tx: Prisma.TransactionClient, cohortId: string, now: Date): Promise<void> {
  await tx.cohort.update({ where: { id: cohortId }, data: { updatedAt: now }, select: { id: true } });
}
