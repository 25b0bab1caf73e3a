import { db, databaseTarget } from "~/utils/db.server.ts";

const startedAt = new Date();

// Answers load balancers and monitors: 200 when the app can reach its database, 503 when not.
export async function loader() {
  const provider = databaseTarget().provider;
  const began = performance.now();
  let database: { provider: string; status: "ok" | "error"; latencyMs?: number; error?: string };
  try {
    await db.$queryRawUnsafe("SELECT 1");
    database = { provider, status: "ok", latencyMs: Math.round((performance.now() - began) * 10) / 10 };
  } catch (error) {
    database = { provider, status: "error", error: error instanceof Error ? error.message.split("\n")[0] : "unknown" };
  }
  const ok = database.status === "ok";
  return Response.json(
    {
      status: ok ? "ok" : "error",
      app: { name: "academy", startedAt: startedAt.toISOString(), uptimeSeconds: Math.round(process.uptime()) },
      database,
    },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
