// Generates the Prisma clients for SQLite and PostgreSQL after `npm install`.
// `prisma generate` does not use the schema engine, but the CLI insists that one
// exists before it runs; pointing it at any executable avoids a download that
// would fail on machines without access to Prisma's binary host.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const stubEngine = ["/bin/true", "/usr/bin/true"].find((file) => existsSync(file)) ?? process.execPath;

for (const provider of ["sqlite", "postgresql"]) {
  execFileSync(process.execPath, [cli, "generate", "--schema", path.join(root, "prisma", provider)], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || stubEngine,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
}
console.log("Prisma clients generated for sqlite and postgresql");
