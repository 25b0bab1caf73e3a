// `npm run db:migrate`: applies pending migrations to the database named by
// DATABASE_URL (the SQLite file by default). Safe to run while the app starts.
import {
  DatabaseUrlError,
  parseDatabaseUrl,
} from "../../app/utils/database-url.ts";
import { projectRoot } from "../../app/utils/project-root.server.ts";
import { applyMigrations, MigrationError } from "./apply-migrations.ts";

try {
  const target = parseDatabaseUrl(process.env.DATABASE_URL, projectRoot);
  const started = performance.now();
  const applied = await applyMigrations(target, {
    log: (line) => console.log(line),
  });
  const elapsed = `${Math.round(performance.now() - started)} ms`;
  console.log(
    applied.length > 0
      ? `Applied ${applied.length} migration(s) to ${target.provider} in ${elapsed}`
      : `${target.provider} database is up to date (${elapsed})`,
  );
} catch (error) {
  // Expected failures are explained by their message; a stack would only hide it.
  if (!(error instanceof DatabaseUrlError || error instanceof MigrationError))
    throw error;
  console.error(error.message);
  process.exitCode = 1;
}
