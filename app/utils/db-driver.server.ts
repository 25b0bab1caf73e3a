// The driver adapter under the Prisma client, for the few statements that run
// hundreds of times a second when a class checks in at once (the sign-in
// lookup, the check-in read and its write). Prisma's own work around a raw
// query (about 190 µs, measured in `npm run bench -- checkin`'s profile)
// costs several times what the adapter and the database take (about 25 µs),
// so these statements go straight to the adapter the client itself uses: the
// same SQLite connection, or the same PostgreSQL pool, so locks and
// transactions are shared with everything else. The SQL is written with
// `Prisma.sql` as for `$queryRaw`, and must run on both databases.
import type { Prisma } from "./db.server.ts";

/** The part of Prisma's driver adapter interface (@prisma/driver-adapter-utils) used here. */
type ArgType = { scalarType: string; arity: "scalar"; dbType?: string };
type SqlQuery = { sql: string; args: unknown[]; argTypes: ArgType[] };
type ResultSet = { columnNames: string[]; rows: unknown[][] };
type Queryable = { queryRaw(query: SqlQuery): Promise<ResultSet>; executeRaw(query: SqlQuery): Promise<number> };
type Transaction = Queryable & { commit(): Promise<void>; rollback(): Promise<void> };
export type DriverAdapter = Queryable & { provider: string; startTransaction(): Promise<Transaction> };

/** A values's type as the adapters read it: they convert dates and booleans for their database. */
function argType(value: unknown): ArgType {
  if (value instanceof Date) return { scalarType: "datetime", arity: "scalar" };
  if (typeof value === "number") return { scalarType: Number.isInteger(value) ? "int" : "float", arity: "scalar" };
  if (typeof value === "boolean") return { scalarType: "boolean", arity: "scalar" };
  if (typeof value === "bigint") return { scalarType: "bigint", arity: "scalar" };
  return { scalarType: value === null || value === undefined ? "unknown" : "string", arity: "scalar" };
}

function queryOf(adapter: DriverAdapter, sql: Prisma.Sql): SqlQuery {
  const args = sql.values.map((value) => (value === undefined ? null : value));
  return { sql: adapter.provider === "sqlite" ? sql.sql : sql.text, args, argTypes: args.map(argType) };
}

/**
 * Rows as objects by column name. Values come as the adapter reads them:
 * dates as ISO strings, 64-bit counts as numbers (SQLite) or strings
 * (PostgreSQL), booleans as 0/1 on SQLite; callers convert what they read.
 */
function rowsOf<T>({ columnNames, rows }: ResultSet): T[] {
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i += 1) record[columnNames[i]!] = row[i];
    return record as T;
  });
}

export type Driver = {
  query<T>(sql: Prisma.Sql): Promise<T[]>;
  /** The statements in one transaction, each answered with its rows (none for a statement without RETURNING). */
  transaction(statements: readonly Prisma.Sql[]): Promise<unknown[][]>;
};

export function driverOf(adapter: () => Promise<DriverAdapter>): Driver {
  return {
    async query<T>(sql: Prisma.Sql) {
      const connected = await adapter();
      return rowsOf<T>(await connected.queryRaw(queryOf(connected, sql)));
    },
    async transaction(statements) {
      const connected = await adapter();
      const tx = await connected.startTransaction();
      const plain = (sql: string) => ({ sql, args: [], argTypes: [] });
      try {
        const answers: unknown[][] = [];
        for (const statement of statements) answers.push(rowsOf(await tx.queryRaw(queryOf(connected, statement))));
        // The adapters leave COMMIT to their caller, as Prisma's engine sends it; commit() then frees the connection.
        await tx.executeRaw(plain("COMMIT"));
        await tx.commit();
        return answers;
      } catch (error) {
        await tx.executeRaw(plain("ROLLBACK")).catch(() => undefined);
        await tx.rollback();
        throw error;
      }
    },
  };
}
