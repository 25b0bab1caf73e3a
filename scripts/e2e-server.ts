// Serves the built app on a fresh demo database for the end-to-end tests.
import { rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const file = path.resolve(root, process.env.E2E_DATABASE || "data/e2e.db");
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
process.env.DATABASE_URL = `file:${file}`;
process.env.DEMO_DATA = "on";
await import("./start.ts");
