// Applies the SQL migrations in prisma/<provider>/migrations without Prisma's
// native engine, keeping Prisma's bookkeeping so that `prisma migrate status`
// and `prisma migrate deploy` agree wherever that engine is available.
// Runs at every start, so the nothing-to-do path is a single read.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "../../app/utils/database-url.ts";
import { projectRoot } from "../../app/utils/project-root.server.ts";

export type Provider = DatabaseTarget["provider"];

export interface Migration {
  /** The folder name, e.g. 20250101120000_init; Prisma applies them in name order. */
  name: string;
  script: string;
  /** SHA-256 of the file, hex, as Prisma records it. */
  checksum: string;
}

export interface ApplyOptions {
  log?: (line: string) => void;
  /** Defaults to prisma/<provider>/migrations. */
  migrationsDir?: string;
}

export class MigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "MigrationError";
  }
}

export function migrationsDirectory(provider: Provider): string {
  return path.join(projectRoot, "prisma", provider, "migrations");
}

export function readMigrations(dir: string): Migration[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  // Code-unit order, like Prisma's byte-wise sort (not the locale's).
  return names.sort().map((name) => {
    const file = path.join(dir, name, "migration.sql");
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new MigrationError(
        `Migration folder ${name} has no readable migration.sql (${file})`,
        { cause: error },
      );
    }
    return { name, script: bytes.toString("utf8"), checksum: sha256(bytes) };
  });
}

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

// Prisma accepts a file whose line endings git converted after it was applied.
function matchesChecksum(migration: Migration, checksum: string): boolean {
  if (migration.checksum === checksum) return true;
  return (
    sha256(migration.script.replaceAll("\r\n", "\n")) === checksum ||
    sha256(
      migration.script.replaceAll("\r\n", "\n").replaceAll("\n", "\r\n"),
    ) === checksum
  );
}

interface RecordedMigration {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  logs: string | null;
}

const RECORDED_COLUMNS =
  "migration_name, checksum, finished_at, rolled_back_at, logs";

/** The migrations still to apply, after checking that the recorded history is one this folder can continue. */
function pendingMigrations(
  migrations: Migration[],
  recorded: RecordedMigration[],
  where: string,
  dir: string,
): Migration[] {
  const onDisk = new Map(
    migrations.map((migration) => [migration.name, migration]),
  );
  const applied = new Set<string>();
  for (const row of recorded) {
    // Marked rolled back (`prisma migrate resolve --rolled-back`): history only.
    if (row.rolled_back_at !== null) continue;
    const migration = onDisk.get(row.migration_name);
    if (!migration) {
      throw new MigrationError(
        `Migration ${row.migration_name} is recorded as applied to ${where} but is missing from ${dir}. ` +
          `Restore its folder (this code may be older than the database).`,
      );
    }
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} started on ${where} but never finished${row.logs ? ` (${row.logs.trim()})` : ""}. ` +
          `Repair the database by hand, then set rolled_back_at on its _prisma_migrations row to retry it.`,
      );
    }
    if (!matchesChecksum(migration, row.checksum)) {
      throw new MigrationError(
        `Migration ${row.migration_name} was edited after it was applied to ${where} ` +
          `(recorded checksum ${row.checksum}, file ${migration.checksum}). ` +
          `Restore the file and put the change in a new migration.`,
      );
    }
    applied.add(row.migration_name);
  }
  return migrations.filter((migration) => !applied.has(migration.name));
}

function failure(
  migration: Migration,
  where: string,
  error: unknown,
): MigrationError {
  const reason = error instanceof Error ? error.message : String(error);
  return new MigrationError(
    `Migration ${migration.name} failed on ${where} and was rolled back: ${reason}`,
    { cause: error },
  );
}

// Prisma's own definition, so that its engine finds the table it expects.
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

// The text form Prisma's engine writes through the SQLite driver adapter.
function sqliteTimestamp(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}

function applySqlite(
  target: Extract<DatabaseTarget, { provider: "sqlite" }>,
  migrations: Migration[],
  dir: string,
  log: (line: string) => void,
): string[] {
  mkdirSync(path.dirname(target.file), { recursive: true });
  const db = new Database(target.file);
  const where = target.file;
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.exec(SQLITE_MIGRATIONS_TABLE);
    const readRecorded = () =>
      db
        .prepare(`SELECT ${RECORDED_COLUMNS} FROM "_prisma_migrations"`)
        .all() as RecordedMigration[];
    if (pendingMigrations(migrations, readRecorded(), where, dir).length === 0)
      return [];

    const record = db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );
    const applied: string[] = [];
    for (;;) {
      // SQLite ignores `PRAGMA foreign_keys` inside a transaction, and Prisma's
      // table redefinitions (DROP TABLE of a parent) would otherwise cascade
      // deletes to child rows. Integrity is checked before committing instead.
      db.pragma("foreign_keys = OFF");
      // IMMEDIATE takes the write lock before re-reading, so two processes
      // starting together cannot both apply the same migration.
      db.exec("BEGIN IMMEDIATE");
      let migration: Migration | undefined;
      try {
        migration = pendingMigrations(
          migrations,
          readRecorded(),
          where,
          dir,
        )[0];
        if (!migration) {
          db.exec("COMMIT");
          break;
        }
        log(`Applying ${migration.name}`);
        const startedAt = sqliteTimestamp();
        db.exec(migration.script);
        const violations = db.pragma("foreign_key_check") as Array<{
          table: string;
          parent: string;
        }>;
        if (violations.length > 0) {
          const first = violations[0]!;
          throw new Error(
            `${violations.length} foreign key violation(s), first in ${first.table} referencing ${first.parent}`,
          );
        }
        record.run(
          randomUUID(),
          migration.checksum,
          sqliteTimestamp(),
          migration.name,
          startedAt,
        );
        db.exec("COMMIT");
        applied.push(migration.name);
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw migration && !(error instanceof MigrationError)
          ? failure(migration, where, error)
          : error;
      } finally {
        db.pragma("foreign_keys = ON");
      }
    }
    return applied;
  } finally {
    db.close();
  }
}

const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

// The key Prisma's own engine locks, so its `migrate deploy` and this script also exclude each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

function describePostgres(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL database ${decodeURIComponent(parsed.pathname.slice(1))} on ${parsed.host}`;
}

async function openClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

// `prisma migrate deploy` does not create a missing database; starting the app should.
async function createDatabase(url: string): Promise<void> {
  const server = new URL(url);
  const database = decodeURIComponent(server.pathname.slice(1));
  server.pathname = "/postgres";
  const admin = await openClient(server.toString());
  try {
    await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } catch (error) {
    // 42P04: it exists; 23505: another instance created it at the same moment.
    const code = (error as { code?: string }).code;
    if (code !== "42P04" && code !== "23505") throw error;
  } finally {
    await admin.end();
  }
}

// "localhost" tries ::1 and 127.0.0.1; refused on both, Node reports an AggregateError with no message.
function connectionProblem(error: unknown): string {
  const errors = error instanceof AggregateError ? error.errors : [error];
  return errors
    .map((each) => (each instanceof Error ? each.message : String(each)))
    .join("; ");
}

/** A connection to `url`, whose database is created first if it does not exist. */
export async function connectPostgres(url: string): Promise<pg.Client> {
  try {
    try {
      return await openClient(url);
    } catch (error) {
      if ((error as { code?: string }).code !== "3D000") throw error;
    }
    await createDatabase(url);
    return await openClient(url);
  } catch (error) {
    throw new MigrationError(
      `Cannot connect to ${describePostgres(url)}: ${connectionProblem(error)}`,
      { cause: error },
    );
  }
}

async function applyPostgres(
  url: string,
  migrations: Migration[],
  dir: string,
  log: (line: string) => void,
): Promise<string[]> {
  const where = describePostgres(url);
  const client = await connectPostgres(url);
  try {
    // Session-level, so it spans the separate transaction of each migration; it
    // is released when the connection closes, however this ends.
    await client.query("SELECT pg_advisory_lock($1)", [
      PRISMA_ADVISORY_LOCK_KEY,
    ]);
    await client.query(POSTGRES_MIGRATIONS_TABLE);
    const { rows } = await client.query<RecordedMigration>(
      `SELECT ${RECORDED_COLUMNS} FROM _prisma_migrations`,
    );
    const applied: string[] = [];
    for (const migration of pendingMigrations(migrations, rows, where, dir)) {
      log(`Applying ${migration.name}`);
      try {
        await client.query("BEGIN");
        // No parameters: the simple query protocol runs a multi-statement script as is.
        await client.query(migration.script);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        // If the connection itself broke, the server rolls back; the original error is the one to report.
        await client.query("ROLLBACK").catch(() => {});
        throw failure(migration, where, error);
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.end();
  }
}

/** Applies the pending migrations in order, each in its own transaction; returns the names applied. */
export async function applyMigrations(
  target: DatabaseTarget,
  options: ApplyOptions = {},
): Promise<string[]> {
  const dir = options.migrationsDir ?? migrationsDirectory(target.provider);
  const log = options.log ?? (() => {});
  const migrations = readMigrations(dir);
  return target.provider === "sqlite"
    ? applySqlite(target, migrations, dir, log)
    : applyPostgres(target.url, migrations, dir, log);
}
