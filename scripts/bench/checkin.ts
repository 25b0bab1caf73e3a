// The check-in burst: 500 signed-in trainees check in to one session with
// valid QR codes from 100 concurrent connections, against the production
// build (`npm run build` first) served as `npm start` serves it; then the same
// load against a minimal plain Node handler doing the same work on the same
// database, as the ceiling. Each trainee's phone has its own device cookie;
// each request carries the code of the current slot, as a phone scanning the
// projector would; each side is warmed up on a session of its own first.
// Reports throughput, p50/p95/p99 latency, errors, the attendance rows and
// their history rows afterwards (exactly one each per trainee, or the run says so) and the load average.
// Traffic goes to 127.0.0.1 only. Run: npx tsx scripts/bench/checkin.ts
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseDatabaseUrl } from "~/utils/database-url.ts";
import { projectRoot } from "~/utils/project-root.server.ts";
import { applyMigrations } from "../db/apply-migrations.ts";
import { onEachDatabase, whenRun } from "./each-database.ts";

const TRAINEES = 500;
const CONNECTIONS = 100;
/** Check-ins sent before measuring, to a session of their own. */
const WARM_UP = 100;
/** The session began a few minutes ago: its check-in window is open. */
const STARTED_MINUTES_AGO = 5;

export type CheckInBenchResult = { name: string; value: number; unit: string };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, limitMs = 90_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve(res.statusCode !== undefined && res.statusCode < 500);
      });
      req.on("error", () => resolve(false));
      req.setTimeout(2000, () => req.destroy());
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in time`);
}

// BENCH_CPU_PROFILE=<folder> writes a CPU profile of each server under load there (node --cpu-prof).
const profiling = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];

function start(script: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...profiling, "--import", "tsx", ...script], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

type Load = { seconds: number; latencies: number[]; errors: number };

/** Sends one POST per cookie, at most CONNECTIONS at a time over kept-alive sockets; bounded by the list. */
async function burst(port: number, path: string, cookies: readonly string[], makeBody: () => string, accepted: (text: string) => boolean): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const origin = `http://127.0.0.1:${port}`;
  const one = (cookie: string) =>
    new Promise<void>((resolve) => {
      const body = makeBody();
      const began = performance.now();
      const req = http.request(
        { host: "127.0.0.1", port, path, method: "POST", agent, headers: { Cookie: cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            latencies.push(performance.now() - began);
            // A refused check-in is answered 200 with its message: only a recorded one counts.
            if (res.statusCode !== 200 || !accepted(Buffer.concat(chunks).toString("utf8"))) {
              errors += 1;
              if (process.env.BENCH_VERBOSE) console.error(res.statusCode, Buffer.concat(chunks).toString("utf8").slice(0, 2000));
            }
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors += 1;
        latencies.push(performance.now() - began);
        resolve();
      });
      req.end(body);
    });
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < cookies.length) await one(cookies[next++]!);
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  agent.destroy();
  return { seconds, latencies, errors };
}

/** The machine's one-minute load average: the figures mean little when other work shares the cores. */
const loadFigure = (label: string, when: string): CheckInBenchResult => ({ name: `checkin load average ${when} (${label})`, value: round(os.loadavg()[0]!, 2), unit: "1-min load" });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function figures(label: string, what: string, load: Load, [rows, history]: [number, number]): CheckInBenchResult[] {
  const sorted = [...load.latencies].sort((a, b) => a - b);
  const prefix = `checkin ${what} (${label})`;
  const count = load.latencies.length;
  return [
    { name: `${prefix}: throughput`, value: round(count / load.seconds), unit: "check-ins/s" },
    { name: `${prefix}: p50 latency`, value: round(percentile(sorted, 50)), unit: "ms" },
    { name: `${prefix}: p95 latency`, value: round(percentile(sorted, 95)), unit: "ms" },
    { name: `${prefix}: p99 latency`, value: round(percentile(sorted, 99)), unit: "ms" },
    { name: `${prefix}: errors`, value: load.errors, unit: "requests" },
    { name: `${prefix}: attendance rows`, value: rows, unit: "rows" },
    { name: `${prefix}: history rows`, value: history, unit: "rows" },
  ];
}

async function measure(databaseUrl: string, label: string): Promise<CheckInBenchResult[]> {
  if (!existsSync(path.join(projectRoot, "build/server/index.js"))) throw new Error("The check-in benchmark serves the production build: run `npm run build` first.");
  process.env.SESSION_SECRET ||= randomBytes(32).toString("hex");
  await applyMigrations(parseDatabaseUrl(databaseUrl, projectRoot));
  process.env.DATABASE_URL = databaseUrl;
  const { db } = await import("~/utils/db.server.ts");
  const { ensureReferenceData } = await import("~/modules/academy/reference-data.server.ts");
  const { createAuthSession } = await import("~/modules/accounts/auth-session.server.ts");
  const { codesForSlot, slotAt } = await import("~/modules/attendance/check-in-codes.ts");
  const { getCheckInSession, sessionKey } = await import("~/modules/attendance/check-in.server.ts");
  await ensureReferenceData(db);

  // One cohort, two sessions in progress (one for the app, one for the ceiling) and 500 signed-in trainees.
  const academy = await db.academy.upsert({ where: { slug: "bench" }, update: {}, create: { slug: "bench", name: "基准测试学院" }, select: { id: true } });
  const cohort = await db.cohort.create({ data: { academyId: academy.id, code: `BENCH-${Date.now()}`, title: "签到基准测试班", startDate: "2026-01-01", endDate: "2026-12-31", capacity: TRAINEES, status: "running" } });
  const track = await db.track.findFirstOrThrow({ select: { id: true } });
  const module = await db.module.create({ data: { cohortId: cohort.id, trackId: track.id, title: "签到基准测试", creditHours: 3 } });
  const startsAt = new Date(Date.now() - STARTED_MINUTES_AGO * 60_000);
  const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
  const [dataSession, documentSession, ceilingSession, appWarmUp, ceilingWarmUp] = await Promise.all([0, 1, 2, 3, 4].map(() => db.session.create({ data: { moduleId: module.id, startsAt, endsAt } })));
  const role = await db.role.findUniqueOrThrow({ where: { key: "trainee" }, select: { id: true } });
  const people = Array.from({ length: TRAINEES }, (_, i) => ({ id: `bench-trainee-${i}`, name: `学员${i}`, status: "active", mobile: `139${String(i).padStart(8, "0")}` }));
  await db.person.createMany({ data: people });
  await db.personRole.createMany({ data: people.map((p) => ({ personId: p.id, roleId: role.id })) });
  await db.enrollment.createMany({ data: people.map((p) => ({ cohortId: cohort.id, personId: p.id, status: "enrolled" })) });
  const request = new Request("http://127.0.0.1/");
  const cookies: string[] = [];
  // Each trainee's phone carries its own device cookie (set when the check-in page was opened), so the shared-phone check runs.
  for (const person of people) cookies.push(`${(await createAuthSession(request, person.id, {})).split(";")[0]!}; academy_device=${encodeURIComponent(Buffer.from(JSON.stringify(randomBytes(24).toString("base64url"))).toString("base64"))}`);
  const warmUpCookies = cookies.slice(0, WARM_UP);

  // The code of the current slot, derived per request as the projector derives it, so a long run never sends an expired one.
  const keys = new Map<string, string>();
  for (const session of [dataSession!, documentSession!, ceilingSession!, appWarmUp!, ceilingWarmUp!]) keys.set(session.id, sessionKey((await getCheckInSession(session.id))!).keyHex);
  const bodyFor = (sessionId: string) => () => new URLSearchParams({ intent: "trainee", token: codesForSlot(keys.get(sessionId)!, sessionId, slotAt(new Date())).qrToken }).toString();
  // The rows, and their history rows (each check-in writes one with its row, in the same transaction).
  const countRows = async (sessionId: string): Promise<[number, number]> => [
    await db.attendance.count({ where: { sessionId } }),
    await db.attendanceChange.count({ where: { attendance: { sessionId } } }),
  ];
  const results: CheckInBenchResult[] = [];

  // The app, as `npm start` serves it: the confirm form as a loaded page sends it (Remix's single-fetch
  // action request), and as a page before JavaScript sends it (a document POST answered with the whole page).
  const appPort = await freePort();
  const app = start(["scripts/start.ts"], { DATABASE_URL: databaseUrl, PORT: String(appPort), HOST: "127.0.0.1", NODE_ENV: "production", DEMO_DATA: "off" });
  try {
    await waitFor(`http://127.0.0.1:${appPort}/healthz`, app);
    // Warm-up on a session of its own, not counted: the first queries compile Prisma's query plans, and the JIT warms.
    await burst(appPort, `/check-in/${appWarmUp!.id}.data`, warmUpCookies, bodyFor(appWarmUp!.id), () => true);
    await burst(appPort, `/check-in/${appWarmUp!.id}`, warmUpCookies, bodyFor(appWarmUp!.id), () => true);
    results.push(loadFigure(label, "before the app"));
    const withScript = await burst(appPort, `/check-in/${dataSession!.id}.data`, cookies, bodyFor(dataSession!.id), (text) => text.includes("recorded"));
    results.push(...figures(label, "app", withScript, await countRows(dataSession!.id)));
    const withoutScript = await burst(appPort, `/check-in/${documentSession!.id}`, cookies, bodyFor(documentSession!.id), (text) => text.includes('data-testid="check-in-recorded"'));
    results.push(...figures(label, "app without JavaScript", withoutScript, await countRows(documentSession!.id)));
  } finally {
    await stop(app);
  }

  // The ceiling: the same work in a bare handler on the same database.
  const ceilingPort = await freePort();
  const target = parseDatabaseUrl(databaseUrl, projectRoot);
  const ceiling = start(["scripts/bench/checkin-ceiling.ts"], { CEILING_DATABASE_URL: target.provider === "sqlite" ? `file:${target.file}` : databaseUrl, CEILING_PORT: String(ceilingPort) });
  try {
    await waitFor(`http://127.0.0.1:${ceilingPort}/`, ceiling);
    await burst(ceilingPort, `/${ceilingWarmUp!.id}`, warmUpCookies, bodyFor(ceilingWarmUp!.id), () => true);
    results.push(loadFigure(label, "before the ceiling"));
    const load = await burst(ceilingPort, `/${ceilingSession!.id}`, cookies, bodyFor(ceilingSession!.id), (text) => text === "ok");
    results.push(...figures(label, "ceiling", load, await countRows(ceilingSession!.id)));
  } finally {
    await stop(ceiling);
  }
  const throughput = (what: string) => results.find((r) => r.name === `checkin ${what} (${label}): throughput`)!.value;
  for (const what of ["app", "app without JavaScript"]) {
    results.push({ name: `checkin ${what} / ceiling throughput (${label})`, value: round(throughput(what) / throughput("ceiling"), 2), unit: "ratio" });
  }
  await db.$disconnect();

  for (const what of ["app", "app without JavaScript", "ceiling"]) {
    const rows = results.find((r) => r.name === `checkin ${what} (${label}): attendance rows`)!.value;
    const history = results.find((r) => r.name === `checkin ${what} (${label}): history rows`)!.value;
    const errors = results.find((r) => r.name === `checkin ${what} (${label}): errors`)!.value;
    // The figures are reported either way; a lost, duplicate or refused check-in is said out loud.
    if (rows !== TRAINEES || history !== TRAINEES || errors !== 0) {
      console.error(`check-in benchmark (${what}, ${label}): ${errors} errors, ${rows} rows and ${history} history rows instead of ${TRAINEES}`);
    }
  }
  return results;
}

export async function benchCheckIn(): Promise<CheckInBenchResult[]> {
  return onEachDatabase<CheckInBenchResult>(fileURLToPath(import.meta.url), "check-in");
}

await whenRun(import.meta.url, {
  measure,
  onEachDatabase: benchCheckIn,
  print: (results) => {
    for (const r of results) console.log(`${r.name.padEnd(56)} ${String(r.value).padStart(10)} ${r.unit}`);
  },
});
