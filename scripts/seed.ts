// `npm run db:seed`: brings the database named by DATABASE_URL up to date and,
// if nobody has an account yet, loads the demo academy. A database that already
// has people is left alone, so running it twice is harmless.
//   SEED_DATE=2025-11-26 npm run db:seed   (the day the demo treats as "today")
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DatabaseUrlError, parseDatabaseUrl } from "../app/utils/database-url.ts";
import type { Db } from "../app/utils/db.server.ts";
import { academyDate, assertCalendarDate } from "../prisma/seed/demo-data.ts";
import { printDemoLogins } from "../prisma/seed/demo-logins.ts";
import { seedDemoAcademy, type SeedCounts } from "../prisma/seed/seed-demo-academy.ts";
import { applyMigrations, MigrationError } from "./db/apply-migrations.ts";

const root = path.resolve(import.meta.dirname, "..");

/** SEED_DATE if set, otherwise today in the academy's time zone. */
export function seedAnchorDate(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const configured = env.SEED_DATE?.trim();
  if (!configured) return academyDate(now);
  assertCalendarDate(configured);
  return configured;
}

/** Seeds the demo academy into an empty database and says how to sign in. Used by `npm start` too. */
export async function seedDemo(
  db: Db,
  options: { anchorDate?: string; log?: (line: string) => void } = {},
): Promise<SeedCounts> {
  const log = options.log ?? console.log;
  const anchorDate = options.anchorDate ?? seedAnchorDate();
  const began = performance.now();
  const counts = await seedDemoAcademy(db, { anchorDate });
  const elapsed = Math.round(performance.now() - began);
  log(
    `Seeded the demo academy as of ${anchorDate} in ${elapsed} ms: ${counts.cohorts} cohorts, ` +
      `${counts.trainees} trainees, ${counts.sessions} sessions, ${counts.attendances} attendances.`,
  );
  printDemoLogins(log);
  return counts;
}

async function main(): Promise<void> {
  const target = parseDatabaseUrl(process.env.DATABASE_URL, root);
  const anchorDate = seedAnchorDate();
  const applied = await applyMigrations(target);
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);

  // Imported only now: the client reads DATABASE_URL when its module loads.
  const { db } = await import("../app/utils/db.server.ts");
  try {
    const people = await db.person.count();
    if (people > 0) {
      console.log(`The database already has data (${people} people); nothing was seeded.`);
      return;
    }
    await seedDemo(db, { anchorDate });
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    // Expected failures are explained by their message; a stack would only hide it.
    const expected =
      error instanceof DatabaseUrlError || error instanceof MigrationError || error instanceof RangeError;
    console.error(expected ? error.message : error);
    process.exitCode = 1;
  });
}
