// The one Prisma client of the process. SQLite and PostgreSQL have separately
// generated clients with the same API; DATABASE_URL decides which one is used.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../../prisma/generated/postgresql/client.ts";
import { PrismaClient as SqliteClient } from "../../prisma/generated/sqlite/client.ts";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url.ts";
import { projectRoot } from "./project-root.server.ts";

export type Db = SqliteClient;
// The namespace as a value too, for raw SQL fragments (Prisma.sql, Prisma.join); it is the same in both clients.
export { Prisma } from "../../prisma/generated/sqlite/client.ts";

export function createDb(target: DatabaseTarget): Db {
  if (target.provider === "sqlite") {
    mkdirSync(path.dirname(target.file), { recursive: true });
    return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: target.file }) });
  }
  // Both clients are generated from the same models, so their query API is identical.
  return new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as Db;
}

export function databaseTarget(): DatabaseTarget {
  return parseDatabaseUrl(process.env.DATABASE_URL, projectRoot);
}

const globalForDb = globalThis as unknown as { __academyDb?: Db };

// Kept on globalThis so that development reloads do not open a new connection each
// time; not under Vitest, where each test file gets a database of its own.
export const db: Db = process.env.VITEST
  ? createDb(databaseTarget())
  : (globalForDb.__academyDb ??= createDb(databaseTarget()));

/** A write refused by a unique index (Prisma's P2002), on either database. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
