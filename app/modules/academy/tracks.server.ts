import type { Db, Prisma } from "~/utils/db.server.ts";
import { trackKeys } from "./tracks.ts";

/** The three tracks exist in every academy; their names come from the translation files. */
export async function ensureTracks(db: Db | Prisma.TransactionClient): Promise<void> {
  for (const [index, key] of trackKeys.entries()) {
    await db.track.upsert({ where: { key }, update: { position: index + 1 }, create: { key, position: index + 1 } });
  }
}
