// Runs a benchmark script once per database, each in a process of its own: the
// app's one Prisma client is made from DATABASE_URL when db.server.ts is first
// imported, so each database needs a fresh process, with the variable set
// before that import. SQLite always, in a temporary file; PostgreSQL when
// BENCH_POSTGRES_URL is set, in a database created for the run and dropped after.
// The script, started with BENCH_WORKER_* set, writes its results as JSON.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { projectRoot } from "~/utils/project-root.server.ts";

async function runWorker<T>(script: string, name: string, databaseUrl: string, label: string, workDir: string): Promise<T[]> {
  const output = path.join(workDir, `${label.toLowerCase()}.json`);
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: projectRoot,
    env: { ...process.env, BENCH_WORKER_DATABASE_URL: databaseUrl, BENCH_WORKER_LABEL: label, BENCH_WORKER_OUTPUT: output },
    stdio: ["ignore", process.env.BENCH_JSON ? 2 : "inherit", "inherit"],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`${name} benchmark on ${label} failed (exit code ${code})`);
  return JSON.parse(readFileSync(output, "utf8")) as T[];
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function onEachDatabase<T>(script: string, name: string): Promise<T[]> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "academy-bench-"));
  try {
    const results = await runWorker<T>(script, name, `file:${path.join(workDir, "bench.db")}`, "SQLite", workDir);
    const postgresUrl = process.env.BENCH_POSTGRES_URL;
    if (postgresUrl) {
      const database = `academy_bench_${randomBytes(4).toString("hex")}`;
      const benchUrl = new URL(postgresUrl);
      benchUrl.pathname = `/${database}`;
      await withAdminClient(postgresUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
      try {
        results.push(...(await runWorker<T>(script, name, benchUrl.toString(), "PostgreSQL", workDir)));
      } finally {
        await withAdminClient(postgresUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
      }
    }
    return results;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * What a benchmark script does when it is run rather than imported: as a
 * worker (BENCH_WORKER_* set) it measures its one database and writes the
 * results; run by hand, it measures on every database and prints a table.
 */
export async function whenRun<T>(
  moduleUrl: string,
  bench: {
    measure: (databaseUrl: string, label: string) => Promise<T[]>;
    onEachDatabase: () => Promise<T[]>;
    print: (results: readonly T[]) => void;
  },
): Promise<void> {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const worker = process.env.BENCH_WORKER_DATABASE_URL;
  if (worker) {
    writeFileSync(process.env.BENCH_WORKER_OUTPUT!, JSON.stringify(await bench.measure(worker, process.env.BENCH_WORKER_LABEL ?? "database")));
  } else {
    bench.print(await bench.onEachDatabase());
  }
}

/** A timing benchmark's row: the median and slowest of its runs. */
export type TimingResult = { name: string; medianMs: number; slowestMs: number; runs: number };

/** Prints timing rows as a table for people. */
export function printTimings(results: readonly TimingResult[]): void {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(`${"benchmark".padEnd(width)}  ${"median ms".padStart(9)}  ${"slowest ms".padStart(10)}  runs`);
  for (const { name, medianMs, slowestMs, runs } of results) {
    console.log(`${name.padEnd(width)}  ${medianMs.toFixed(1).padStart(9)}  ${slowestMs.toFixed(1).padStart(10)}  ${runs}`);
  }
}

/** Runs an operation `warmUp` times unmeasured, then `runs` times, and gives the median and slowest milliseconds. */
export async function timed(name: string, operation: () => Promise<void>, counts: { warmUp: number; runs: number }): Promise<TimingResult> {
  for (let i = 0; i < counts.warmUp; i++) await operation();
  const times: number[] = [];
  for (let i = 0; i < counts.runs; i++) {
    const started = performance.now();
    await operation();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Number(ms.toFixed(1));
  return { name, medianMs: round(times[Math.floor(times.length / 2)]!), slowestMs: round(times.at(-1)!), runs: counts.runs };
}
