// Serves the built app on a fresh demo database for the end-to-end tests.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const file = path.resolve(root, process.env.E2E_DATABASE || "data/e2e.db");
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
process.env.DATABASE_URL = `file:${file}`;
// The end-to-end tests read this process's memory from /proc/<pid>/status.
writeFileSync(path.join(path.dirname(file), "e2e-server.pid"), String(process.pid));
process.env.DEMO_DATA = "on";
await import("./start.ts");
