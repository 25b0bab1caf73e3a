// The plain-SQL migration runner, on SQLite and PostgreSQL. Prisma's own
// engine (wasm) is asked to read the resulting history, so that "Prisma would
// agree" is checked rather than assumed.
import { createHash, randomBytes } from "node:crypto";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  test,
} from "vitest";
import {
  parseDatabaseUrl,
  type DatabaseTarget,
} from "../../app/utils/database-url.ts";
import { projectRoot } from "../../app/utils/project-root.server.ts";
import {
  applyMigrations,
  migrationsDirectory,
} from "../../scripts/db/apply-migrations.ts";
import { diagnoseMigrationHistory } from "../../scripts/db/engine.ts";

const POSTGRES_SERVER =
  process.env.MIGRATION_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432";
const SOME_TABLES = [
  "Person",
  "Cohort",
  "Enrollment",
  "Session",
  "Attendance",
  "Certificate",
  "AuditEvent",
];

interface Row {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  applied_steps_count: number | bigint;
}

function migrationNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function fileChecksum(dir: string, name: string): string {
  return createHash("sha256")
    .update(readFileSync(path.join(dir, name, "migration.sql")))
    .digest("hex");
}

function expectRecorded(rows: Row[], dir: string) {
  const names = migrationNames(dir);
  expect(names.length).toBeGreaterThan(0);
  expect(rows.map((row) => row.migration_name).sort()).toEqual(names);
  for (const row of rows) {
    expect(row.checksum).toBe(fileChecksum(dir, row.migration_name));
    expect(row.finished_at).not.toBeNull();
    expect(row.rolled_back_at).toBeNull();
    expect(Number(row.applied_steps_count)).toBe(1);
  }
}

async function expectPrismaAgrees(target: DatabaseTarget, dir: string) {
  const status = await diagnoseMigrationHistory(target, dir);
  expect(status).toEqual({
    editedMigrationNames: [],
    failedMigrationNames: [],
    hasMigrationsTable: true,
    history: null,
  });
}

function writeMigration(dir: string, name: string, sql: string) {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

function editFirstMigration(dir: string): string {
  const first = migrationNames(dir)[0]!;
  appendFileSync(
    path.join(dir, first, "migration.sql"),
    "\n-- edited after the fact\n",
  );
  return first;
}

describe("SQLite", () => {
  const repoMigrations = migrationsDirectory("sqlite");
  let tmp: string;
  let target: Extract<DatabaseTarget, { provider: "sqlite" }>;

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "academy-migrations-"));
    // A folder that does not exist yet, as on a fresh install.
    target = parseDatabaseUrl(
      `file:${path.join(tmp, "data", "academy.db")}`,
      projectRoot,
    ) as typeof target;
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  function query<T>(sql: string): T[] {
    const db = new Database(target.file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }

  function copyOfMigrations(): string {
    const dir = path.join(tmp, "migrations");
    cpSync(repoMigrations, dir, { recursive: true });
    return dir;
  }

  test("applying to an empty file creates the tables and records every migration with its checksum", async () => {
    expect(await applyMigrations(target)).toEqual(
      migrationNames(repoMigrations),
    );

    const tables = query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table'",
    ).map((row) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining([...SOME_TABLES, "_prisma_migrations"]),
    );
    expectRecorded(
      query<Row>("SELECT * FROM _prisma_migrations"),
      repoMigrations,
    );
    expect(
      query<{ journal_mode: string }>("PRAGMA journal_mode")[0]?.journal_mode,
    ).toBe("wal");
    await expectPrismaAgrees(target, repoMigrations);
  });

  test("applying twice applies nothing the second time", async () => {
    await applyMigrations(target);
    expect(await applyMigrations(target)).toEqual([]);
    expect(query("SELECT * FROM _prisma_migrations")).toHaveLength(
      migrationNames(repoMigrations).length,
    );
  });

  test("an applied migration that was edited is refused, as Prisma would", async () => {
    const dir = copyOfMigrations();
    await applyMigrations(target, { migrationsDir: dir });
    const edited = editFirstMigration(dir);

    await expect(
      applyMigrations(target, { migrationsDir: dir }),
    ).rejects.toThrow(`Migration ${edited} was edited after it was applied`);
    expect(
      (await diagnoseMigrationHistory(target, dir)).editedMigrationNames,
    ).toEqual([edited]);
  });

  test("a line-ending conversion by git is not an edit", async () => {
    const dir = copyOfMigrations();
    await applyMigrations(target, { migrationsDir: dir });
    const file = path.join(dir, migrationNames(dir)[0]!, "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("\n", "\r\n"));

    expect(await applyMigrations(target, { migrationsDir: dir })).toEqual([]);
  });

  test("a recorded migration missing on disk, or unfinished, is refused", async () => {
    const dir = copyOfMigrations();
    await applyMigrations(target, { migrationsDir: dir });
    const first = migrationNames(dir)[0]!;

    renameSync(path.join(dir, first), path.join(tmp, "moved-away"));
    await expect(
      applyMigrations(target, { migrationsDir: dir }),
    ).rejects.toThrow(`Migration ${first} is recorded as applied`);
    renameSync(path.join(tmp, "moved-away"), path.join(dir, first));

    const db = new Database(target.file);
    db.prepare(
      "UPDATE _prisma_migrations SET finished_at = NULL, logs = 'boom' WHERE migration_name = ?",
    ).run(first);
    db.close();
    await expect(
      applyMigrations(target, { migrationsDir: dir }),
    ).rejects.toThrow(`Migration ${first} started on`);
  });

  test("a failing migration is rolled back whole and not recorded", async () => {
    const dir = path.join(tmp, "migrations");
    writeMigration(
      dir,
      "20000101000000_first",
      'CREATE TABLE "A" ("id" TEXT PRIMARY KEY);',
    );
    writeMigration(
      dir,
      "20000102000000_broken",
      'CREATE TABLE "B" ("id" TEXT PRIMARY KEY);\nTHIS IS NOT SQL;',
    );

    await expect(
      applyMigrations(target, { migrationsDir: dir }),
    ).rejects.toThrow(/Migration 20000102000000_broken failed .* rolled back/);
    const tables = query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table'",
    ).map((row) => row.name);
    expect(tables).toContain("A");
    expect(tables).not.toContain("B");
    expect(
      query<Row>("SELECT * FROM _prisma_migrations").map(
        (row) => row.migration_name,
      ),
    ).toEqual(["20000101000000_first"]);
  });

  test("redefining a parent table, as Prisma's SQLite migrations do, keeps the child rows", async () => {
    const dir = path.join(tmp, "migrations");
    writeMigration(
      dir,
      "20000101000000_first",
      `CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY);
       CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT NOT NULL,
         CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE);`,
    );
    await applyMigrations(target, { migrationsDir: dir });
    const db = new Database(target.file);
    db.exec(
      `INSERT INTO "Parent" VALUES ('p'); INSERT INTO "Child" VALUES ('c', 'p');`,
    );
    db.close();

    writeMigration(
      dir,
      "20000102000000_redefine",
      `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY, "name" TEXT);
INSERT INTO "new_Parent" ("id") SELECT "id" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`,
    );
    expect(await applyMigrations(target, { migrationsDir: dir })).toEqual([
      "20000102000000_redefine",
    ]);
    expect(query('SELECT * FROM "Child"')).toEqual([
      { id: "c", parentId: "p" },
    ]);

    writeMigration(
      dir,
      "20000103000000_orphan",
      `INSERT INTO "Child" VALUES ('orphan', 'nobody');`,
    );
    await expect(
      applyMigrations(target, { migrationsDir: dir }),
    ).rejects.toThrow(/foreign key violation/);
    expect(query('SELECT * FROM "Child"')).toHaveLength(1);
  });
});

describe("PostgreSQL", () => {
  const repoMigrations = migrationsDirectory("postgresql");
  const prefix = `academy_migtest_${randomBytes(4).toString("hex")}`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "academy-migrations-"));

  function freshTarget(suffix: string): DatabaseTarget {
    return parseDatabaseUrl(
      `${POSTGRES_SERVER}/${prefix}_${suffix}`,
      projectRoot,
    );
  }

  async function withClient<T>(
    url: string,
    work: (client: pg.Client) => Promise<T>,
  ): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await withClient(`${POSTGRES_SERVER}/postgres`, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE $1",
        [`${prefix}%`],
      );
      for (const { datname } of rows)
        await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    });
  });

  test("applying to a database that does not exist creates it, the tables and the records", async () => {
    const target = freshTarget("fresh");
    expect(await applyMigrations(target)).toEqual(
      migrationNames(repoMigrations),
    );

    await withClient(target.url, async (client) => {
      const { rows: tables } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables.map((row) => row.table_name)).toEqual(
        expect.arrayContaining([...SOME_TABLES, "_prisma_migrations"]),
      );
      expectRecorded(
        (await client.query<Row>("SELECT * FROM _prisma_migrations")).rows,
        repoMigrations,
      );
    });
    await expectPrismaAgrees(target, repoMigrations);

    expect(await applyMigrations(target)).toEqual([]);
  });

  test("an applied migration that was edited is refused", async () => {
    const target = freshTarget("edited");
    const dir = path.join(tmp, "edited");
    cpSync(repoMigrations, dir, { recursive: true });
    await applyMigrations(target, { migrationsDir: dir });
    const edited = editFirstMigration(dir);

    await expect(
      applyMigrations(target, { migrationsDir: dir }),
    ).rejects.toThrow(`Migration ${edited} was edited after it was applied`);
  });

  test("a failing migration is rolled back whole and not recorded", async () => {
    const target = freshTarget("failing");
    const dir = path.join(tmp, "failing");
    writeMigration(
      dir,
      "20000101000000_broken",
      'CREATE TABLE "B" ("id" TEXT PRIMARY KEY);\nTHIS IS NOT SQL;',
    );

    await expect(
      applyMigrations(target, { migrationsDir: dir }),
    ).rejects.toThrow(/Migration 20000101000000_broken failed .* rolled back/);
    await withClient(target.url, async (client) => {
      expect(
        (await client.query("SELECT to_regclass('\"B\"') AS b")).rows,
      ).toEqual([{ b: null }]);
      expect(
        (await client.query("SELECT * FROM _prisma_migrations")).rows,
      ).toEqual([]);
    });
  });

  test("instances starting at once create the database and apply each migration once", async () => {
    const target = freshTarget("race");
    const results = await Promise.all(
      Array.from({ length: 4 }, () => applyMigrations(target)),
    );

    expect(results.flat().sort()).toEqual(migrationNames(repoMigrations));
    await withClient(target.url, async (client) => {
      expectRecorded(
        (await client.query<Row>("SELECT * FROM _prisma_migrations")).rows,
        repoMigrations,
      );
    });
  });
});
