// One migrated template database per test run (built in globalSetup), and a
// fresh copy of it for every test file, on SQLite by default or on PostgreSQL
// when DATABASE_URL is a postgres:// URL (npm run test:pg).
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { parseDatabaseUrl, type DatabaseTarget } from "../../app/utils/database-url.ts";
import { applyMigrations } from "../../scripts/db/apply-migrations.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function writeReferenceData(target: DatabaseTarget) {
  const { createDb } = await import("../../app/utils/db.server.ts");
  const { ensureReferenceData } = await import("../../app/modules/academy/reference-data.server.ts");
  const db = createDb(target);
  try {
    await ensureReferenceData(db);
  } finally {
    await db.$disconnect();
  }
}

/** globalSetup: builds the template and returns its teardown. */
export async function prepareTemplateDatabase(provide: (key: "templateDatabaseUrl", value: string) => void) {
  const configured = parseDatabaseUrl(process.env.DATABASE_URL || "file:./unused.db", root);
  if (configured.provider === "postgresql") {
    const name = `academy_test_${randomBytes(4).toString("hex")}`;
    const templateUrl = withDatabaseName(configured.url, `${name}_template`);
    await applyMigrations(parseDatabaseUrl(templateUrl, root));
    await writeReferenceData(parseDatabaseUrl(templateUrl, root));
    provide("templateDatabaseUrl", templateUrl);
    return async () => {
      await withAdminClient(configured.url, async (client) => {
        const { rows } = await client.query<{ datname: string }>(
          "SELECT datname FROM pg_database WHERE datname LIKE $1",
          [`${name}%`],
        );
        for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      });
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "academy-test-"));
  const templateUrl = `file:${path.join(dir, "template.db")}`;
  const template = parseDatabaseUrl(templateUrl, root);
  await applyMigrations(template);
  await writeReferenceData(template);
  provide("templateDatabaseUrl", templateUrl);
  return () => rmSync(dir, { recursive: true, force: true });
}

/** setupFiles: points DATABASE_URL at a fresh copy of the template for this test file. */
export async function switchToFreshDatabase(): Promise<void> {
  const templateUrl = inject("templateDatabaseUrl");
  const template = parseDatabaseUrl(templateUrl, root);
  const suffix = `${process.pid}_${randomBytes(3).toString("hex")}`;
  if (template.provider === "sqlite") {
    const file = path.join(path.dirname(template.file), `file-${suffix}.db`);
    mkdirSync(path.dirname(file), { recursive: true });
    copyFileSync(template.file, file);
    process.env.DATABASE_URL = `file:${file}`;
    afterAll(() => rmSync(file, { force: true }));
    return;
  }
  const templateName = new URL(template.url).pathname.slice(1);
  const name = `${templateName.replace(/_template$/, "")}_${suffix}`;
  await withAdminClient(template.url, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`));
  process.env.DATABASE_URL = withDatabaseName(template.url, name);
}
