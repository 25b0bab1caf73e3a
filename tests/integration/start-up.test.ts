import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

test("a malformed DATABASE_URL stops start-up with a message naming the variable", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "mysql://root@localhost/academy", PORT: "0" },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("DATABASE_URL is not usable");
  expect(run.stderr).not.toMatch(/\n\s+at /);
}, 70_000);
