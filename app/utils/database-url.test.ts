import { expect, test } from "vitest";
import { DatabaseUrlError, parseDatabaseUrl } from "./database-url.ts";

test("relative SQLite paths are anchored at the project, whatever the working directory", () => {
  expect(parseDatabaseUrl("file:./data/a.db", "/srv/academy")).toEqual({
    provider: "sqlite",
    url: "file:/srv/academy/data/a.db",
    file: "/srv/academy/data/a.db",
  });
  expect(parseDatabaseUrl("file:/var/lib/academy.db", "/srv/academy")).toMatchObject({ file: "/var/lib/academy.db" });
});

test("an empty DATABASE_URL means the default file, not a temporary database", () => {
  expect(parseDatabaseUrl("", "/srv/academy")).toMatchObject({ file: "/srv/academy/data/academy.db" });
  expect(parseDatabaseUrl(undefined, "/srv/academy")).toMatchObject({ file: "/srv/academy/data/academy.db" });
});

test("postgres URLs are taken as they are", () => {
  expect(parseDatabaseUrl("postgres://postgres@127.0.0.1:5432/academy", "/x")).toEqual({
    provider: "postgresql",
    url: "postgres://postgres@127.0.0.1:5432/academy",
  });
});

test.each([
  ["mysql://root@localhost/academy", "must start with file: or postgres://"],
  ["file:", "no file name"],
  ["postgres://localhost", "no database name"],
  ["postgres://", "no host"],
  ["postgres://user@[bad/academy", "not a valid URL"],
])("%s is refused with a message naming DATABASE_URL", (value, why) => {
  expect(() => parseDatabaseUrl(value, "/x")).toThrow(DatabaseUrlError);
  expect(() => parseDatabaseUrl(value, "/x")).toThrow(new RegExp(`DATABASE_URL is not usable \\(.*${why.split(" ")[0]}`));
});

test("a password in a refused URL is not repeated", () => {
  expect(() => parseDatabaseUrl("postgres://user:s3cret@db", "/x")).toThrow(/user:\*\*\*@db/);
  expect(() => parseDatabaseUrl("postgres://user:s3cret@db", "/x")).not.toThrow(/s3cret/);
});
