import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./project-root.server.ts";

// The secret read from data/session-secret, read once per process: every request signs and checks with it.
let fileSecret: string | undefined;

/**
 * SESSION_SECRET signs cookies. When it is not set, a random secret is created
 * once under data/ and reused, so that `npm start` works out of the box and
 * restarts do not sign everybody out. Several instances must share SESSION_SECRET.
 */
export function sessionSecrets(): string[] {
  const configured = process.env.SESSION_SECRET?.split(",").map((s) => s.trim()).filter(Boolean);
  if (configured?.length) return configured;
  fileSecret ??= readOrCreateFileSecret();
  return [fileSecret];
}

function readOrCreateFileSecret(): string {
  const file = path.join(projectRoot, "data", "session-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
