// `npm start`: prepares the database (migrations, demo academy on first run) and serves the built app.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { prepareDatabase } from "./prepare-db.ts";
import { createServer } from "./server.ts";
import { hostPolicy, hostPolicyNotice } from "../app/utils/request-guards.server.ts";

process.env.NODE_ENV ||= "production";
const root = path.resolve(import.meta.dirname, "..");

async function main() {
  const began = performance.now();
  await prepareDatabase();
  const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  const port = Number(process.env.PORT) || 3000;
  const host = process.env.HOST || "0.0.0.0";
  const server = createServer({ build, clientDir: path.join(root, "build/client") }).listen(port, host, () => {
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    console.log(`Academy is serving on http://localhost:${port} (ready in ${seconds} s)`);
    const policy = hostPolicy();
    (policy.kind === "app-url" ? console.log : console.warn)(hostPolicyNotice(policy));
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
