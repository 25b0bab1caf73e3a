// Reads DATABASE_URL into a description of the database to use. Shared by the
// app, the migration scripts and the tests so that they agree on one file.
import path from "node:path";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string };

export const DEFAULT_DATABASE_URL = "file:./data/academy.db";

export class DatabaseUrlError extends Error {
  constructor(value: string, why: string) {
    // The password, if any, is not repeated into logs.
    const shown = value.replace(/^(\w+:\/\/[^:/@]*:)[^@]*@/, "$1***@");
    super(`DATABASE_URL is not usable (${why}): "${shown}". Use file:./data/academy.db or postgres://user@host:5432/db`);
    this.name = "DatabaseUrlError";
  }
}

/**
 * `projectRoot` anchors relative SQLite paths so the database is the same file
 * whichever directory the server was started from.
 */
export function parseDatabaseUrl(raw: string | undefined, projectRoot: string): DatabaseTarget {
  // An empty variable means "not set": better-sqlite3 would otherwise open a temporary database.
  const value = (raw || DEFAULT_DATABASE_URL).trim();
  if (value.startsWith("file:")) {
    const filePart = value.slice("file:".length).split("?")[0] ?? "";
    if (!filePart || filePart.endsWith("/")) throw new DatabaseUrlError(value, "no file name after file:");
    const file = path.isAbsolute(filePart) ? filePart : path.resolve(projectRoot, filePart);
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new DatabaseUrlError(value, "not a valid URL");
    }
    if (!parsed.hostname) throw new DatabaseUrlError(value, "no host");
    if (parsed.pathname.length <= 1) throw new DatabaseUrlError(value, "no database name");
    return { provider: "postgresql", url: value };
  }
  throw new DatabaseUrlError(value, "it must start with file: or postgres://");
}
