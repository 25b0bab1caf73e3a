// `npm run db:migration -- <name>`: writes the migration that brings each
// provider's migrations folder to the current models, for SQLite and
// PostgreSQL alike. The PostgreSQL diff replays the history on a shadow
// database (SHADOW_DATABASE_URL, wiped first).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../app/utils/project-root.server.ts";
import { migrationsDirectory, type Provider } from "./apply-migrations.ts";
import { diffMigrationsToSchema, lockFileContent } from "./engine.ts";

const PROVIDERS: Provider[] = ["sqlite", "postgresql"];

function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** UTC YYYYMMDDHHMMSS, Prisma's folder prefix. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

const name = snakeCase(process.argv.slice(2).join(" "));
if (!name) {
  console.error(
    "Usage: npm run db:migration -- <name>   (for example: add_session_capacity)",
  );
  process.exit(1);
}

// Both diffs first, so that a failing one leaves neither folder half-updated.
const shadowDatabaseUrl = process.env.SHADOW_DATABASE_URL || undefined;
const scripts = new Map<Provider, string>();
try {
  for (const provider of PROVIDERS) {
    scripts.set(
      provider,
      await diffMigrationsToSchema(provider, { shadowDatabaseUrl }),
    );
  }
} catch (error) {
  console.error(
    `No migration written: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}

if ([...scripts.values()].every((script) => !script.trim())) {
  console.log("no changes");
  process.exit(0);
}

const folder = `${timestamp(new Date())}_${name}`;
for (const [provider, script] of scripts) {
  if (!script.trim()) {
    console.log(`${provider}: no changes`);
    continue;
  }
  const dir = migrationsDirectory(provider);
  mkdirSync(path.join(dir, folder), { recursive: true });
  const file = path.join(dir, folder, "migration.sql");
  writeFileSync(file, script);
  const lock = path.join(dir, "migration_lock.toml");
  if (!existsSync(lock)) writeFileSync(lock, lockFileContent(provider));
  console.log(`${provider}: wrote ${path.relative(projectRoot, file)}`);
}
