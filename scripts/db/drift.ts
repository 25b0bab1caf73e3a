// `npm run db:drift`: fails when the models and the migrations disagree, i.e.
// when someone changed a model without running `npm run db:migration`.
// Exit 0: no drift; 1: drift (the missing SQL is printed); 2: could not check.
// PostgreSQL must be reachable (it hosts the shadow database) unless
// DRIFT_SKIP_POSTGRES=1.
import type { Provider } from "./apply-migrations.ts";
import { diffMigrationsToSchema } from "./engine.ts";

const providers: Provider[] =
  process.env.DRIFT_SKIP_POSTGRES === "1"
    ? ["sqlite"]
    : ["sqlite", "postgresql"];
if (providers.length === 1)
  console.log("postgresql: skipped (DRIFT_SKIP_POSTGRES=1)");

let drift = false;
try {
  for (const provider of providers) {
    const missing = await diffMigrationsToSchema(provider, {
      shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined,
    });
    if (!missing.trim()) continue;
    drift = true;
    console.log(
      `-- ${provider}: the migrations lack this SQL. Run: npm run db:migration -- <name>\n${missing}`,
    );
  }
} catch (error) {
  console.error(
    `Drift check failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(2);
}
if (drift) process.exit(1);
console.log("no drift");
