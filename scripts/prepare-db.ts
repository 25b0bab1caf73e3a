// Brings the configured database up to date before the app serves it: applies
// pending migrations to the embedded SQLite database, writes the reference data
// (roles, permissions, tracks), makes the credential signing key if there is
// none, and loads the demo academy into an empty database.
import { pathToFileURL } from "node:url";
import path from "node:path";
import { parseDatabaseUrl, DatabaseUrlError } from "../app/utils/database-url.ts";
import { applyMigrations } from "./db/apply-migrations.ts";

const root = path.resolve(import.meta.dirname, "..");

export async function prepareDatabase(): Promise<void> {
  let target;
  try {
    target = parseDatabaseUrl(process.env.DATABASE_URL, root);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new Error(`Cannot start: ${error.message}`);
    throw error;
  }
  // PostgreSQL is migrated by `npm run db:migrate`, once, not by every instance that starts.
  if (target.provider === "sqlite") {
    const applied = await applyMigrations(target);
    if (applied.length) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
  }
  const { db } = await import("../app/utils/db.server.ts");
  const { ensureReferenceData } = await import("../app/modules/academy/reference-data.server.ts");
  await ensureReferenceData(db);
  // The academy's credential signing key, made once like the session secret (sealed with it).
  const { ensureSigningKey } = await import("../app/modules/certificates/credential-keys.server.ts");
  await ensureSigningKey(db);
  if (process.env.DEMO_DATA !== "off" && (await db.person.count()) === 0) {
    const { seedDemo } = await import("./seed.ts");
    await seedDemo(db);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  prepareDatabase()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
