import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The folder holding package.json, found from this module's location so that it
// is right in development (app/utils), in the build (build/server) and in tests.
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
