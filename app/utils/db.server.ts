// The one Prisma client of the process. SQLite and PostgreSQL have separately
// generated clients with the same API; DATABASE_URL decides which one is used.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../../prisma/generated/postgresql/client.ts";
import { PrismaClient as SqliteClient } from "../../prisma/generated/sqlite/client.ts";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url.ts";
import { driverOf, type Driver, type DriverAdapter } from "./db-driver.server.ts";
import { projectRoot } from "./project-root.server.ts";

export type Db = SqliteClient;
// The namespace as a value too, for raw SQL fragments (Prisma.sql, Prisma.join); it is the same in both clients.
export { Prisma } from "../../prisma/generated/sqlite/client.ts";

/**
 * The adapter each client connected through, for its driver (db-driver.server.ts), kept on the client
 * under a registered symbol: the production server and the app's build each load their own copy of
 * this module and share one client (globalThis), so a module-level map would know it in one copy only.
 */
const CONNECTED_ADAPTER = Symbol.for("academy.connectedAdapter");
type WithAdapter = { [CONNECTED_ADAPTER]?: () => Promise<DriverAdapter> };

/** Keeps what the client's adapter factory connects, until the client disconnects it. */
function remembered<F extends { connect(): Promise<unknown> }>(factory: F): { factory: F; adapter: () => DriverAdapter | undefined } {
  let adapter: DriverAdapter | undefined;
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const connected = (await connect()) as DriverAdapter & { dispose(): Promise<void> };
    const dispose = connected.dispose.bind(connected);
    connected.dispose = () => ((adapter = adapter === connected ? undefined : adapter), dispose());
    return (adapter = connected);
  };
  return { factory, adapter: () => adapter };
}

export function createDb(target: DatabaseTarget): Db {
  let client: Db;
  let connected: () => DriverAdapter | undefined;
  if (target.provider === "sqlite") {
    mkdirSync(path.dirname(target.file), { recursive: true });
    const { factory, adapter } = remembered(new PrismaBetterSqlite3({ url: target.file }));
    client = new SqliteClient({ adapter: factory });
    connected = adapter;
  } else {
    const { factory, adapter } = remembered(new PrismaPg({ connectionString: target.url }));
    // Both clients are generated from the same models, so their query API is identical.
    client = new PostgresClient({ adapter: factory }) as unknown as Db;
    connected = adapter;
  }
  (client as WithAdapter)[CONNECTED_ADAPTER] = async () => {
    if (!connected()) await client.$connect();
    return connected()!;
  };
  return client;
}

/** Straight to the client's driver adapter, for statements run hundreds of times a second (db-driver.server.ts). */
export function driverFor(client: Db): Driver {
  const adapter = (client as WithAdapter)[CONNECTED_ADAPTER];
  if (!adapter) throw new Error("not a client made by createDb");
  return driverOf(adapter);
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

export const driver: Driver = driverFor(db);

/** A write refused by a unique index (Prisma's P2002), on either database. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
