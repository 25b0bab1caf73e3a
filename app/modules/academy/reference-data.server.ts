import { ensureRolesAndPermissions } from "~/modules/accounts/permissions.server.ts";
import { ensureTracks } from "~/modules/academy/tracks.server.ts";
import type { Db } from "~/utils/db.server.ts";

/** Rows every installation needs whatever its data: roles, permissions, tracks. Safe to run at every start. */
export async function ensureReferenceData(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    await ensureRolesAndPermissions(tx);
    await ensureTracks(tx);
  });
}
