// The check-in burst: 500 signed-in trainees check in to one session with
// valid QR codes from 100 concurrent connections, against the production
// build (`npm run build` first) served as `npm start` serves it, and the same
// load against a minimal plain Node handler doing the same work on the same
// database, as the ceiling. Each trainee's phone has its own device cookie;
// each request carries the code of the current slot, as a phone scanning the
// projector would. Both servers run side by side: each is warmed up on a
// session of its own (as a server in daily use is warm), then the burst is
// sent to the app and to the ceiling in turn, ROUNDS times, each time to a new
// session, so that whatever else the machine is doing weighs on both alike.
// Before each round the 100 connections are opened (a GET each), as a phone's
// confirm goes over the connection its page load opened; one more round for
// each side makes its connections in the burst itself, reported apart.
// Reports, over all rounds, throughput (check-ins / the time the bursts took),
// p50/p95/p99 latency, errors, the server's CPU time per check-in, and the
// attendance rows and their history rows (exactly one each per trainee in
// every round, or the run says so); also the page before JavaScript (one
// round) and the load average. Traffic goes to 127.0.0.1 only.
// Run: npx tsx scripts/bench/checkin.ts
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
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
/** Bursts sent to each server, in turn. */
const ROUNDS = 5;
/** Bursts of all 500 sent to each server before measuring, to sessions of their own. */
const WARM_UP_BURSTS = 2;
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

type Load = { seconds: number; latencies: number[]; errors: number; cpuMs: number };

/** The CPU time (user and system) a child process has used so far, from /proc; null where there is none. */
function cpuMsOf(child: ChildProcess): number | null {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** Linux's USER_HZ, in which /proc counts CPU time. */
const CLOCK_TICKS = 100;

/** Rounds of one side together: all their check-ins over all their time. */
function together(loads: readonly Load[]): Load {
  return {
    seconds: loads.reduce((sum, load) => sum + load.seconds, 0),
    latencies: loads.flatMap((load) => load.latencies),
    errors: loads.reduce((sum, load) => sum + load.errors, 0),
    cpuMs: loads.reduce((sum, load) => sum + load.cpuMs, 0),
  };
}

/**
 * Opens the connections as the phones' page loads open them: CONNECTIONS GETs
 * of `path` at once, each on a socket of its own, kept alive for what follows.
 */
async function openConnections(agent: http.Agent, port: number, path: string): Promise<void> {
  await Promise.all(
    Array.from(
      { length: CONNECTIONS },
      () =>
        new Promise<void>((resolve, reject) => {
          http.get({ host: "127.0.0.1", port, path, agent }, (res) => res.resume().once("end", resolve)).once("error", reject);
        }),
    ),
  );
}

/** How a burst's connections are made: opened beforehand (the page loaded), or in the burst itself. */
type Connections = { openedBy: string } | "in the burst";

/** Sends one POST per cookie, at most CONNECTIONS at a time over kept-alive sockets; bounded by the list. */
async function burst(
  server: ChildProcess,
  port: number,
  path: string,
  cookies: readonly string[],
  makeBody: () => string,
  accepted: (text: string) => boolean,
  connections: Connections,
): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  if (connections !== "in the burst") await openConnections(agent, port, connections.openedBy);
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
  const cpuBefore = cpuMsOf(server);
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < cookies.length) await one(cookies[next++]!);
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const cpuAfter = cpuMsOf(server);
  agent.destroy();
  return { seconds, latencies, errors, cpuMs: cpuBefore === null || cpuAfter === null ? Number.NaN : cpuAfter - cpuBefore };
}

/** The machine's one-minute load average: the figures mean little when other work shares the cores. */
const loadFigure = (label: string, when: string): CheckInBenchResult => ({ name: `checkin load average ${when} (${label})`, value: round(os.loadavg()[0]!, 2), unit: "1-min load" });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The rows of each round's session, and the fewest and most of them: every round must have exactly one per trainee. */
type Rows = { fewest: number; most: number; fewestHistory: number; mostHistory: number };

function figures(label: string, what: string, load: Load, rows: Rows): CheckInBenchResult[] {
  const sorted = [...load.latencies].sort((a, b) => a - b);
  const prefix = `checkin ${what} (${label})`;
  const count = load.latencies.length;
  const rowFigures =
    rows.fewest === rows.most && rows.fewestHistory === rows.mostHistory
      ? [
          { name: `${prefix}: attendance rows per round`, value: rows.fewest, unit: "rows" },
          { name: `${prefix}: history rows per round`, value: rows.fewestHistory, unit: "rows" },
        ]
      : [
          { name: `${prefix}: attendance rows per round, fewest`, value: rows.fewest, unit: "rows" },
          { name: `${prefix}: attendance rows per round, most`, value: rows.most, unit: "rows" },
          { name: `${prefix}: history rows per round, fewest`, value: rows.fewestHistory, unit: "rows" },
          { name: `${prefix}: history rows per round, most`, value: rows.mostHistory, unit: "rows" },
        ];
  return [
    { name: `${prefix}: throughput`, value: round(count / load.seconds), unit: "check-ins/s" },
    { name: `${prefix}: p50 latency`, value: round(percentile(sorted, 50)), unit: "ms" },
    { name: `${prefix}: p95 latency`, value: round(percentile(sorted, 95)), unit: "ms" },
    { name: `${prefix}: p99 latency`, value: round(percentile(sorted, 99)), unit: "ms" },
    { name: `${prefix}: errors`, value: load.errors, unit: "requests" },
    ...(Number.isNaN(load.cpuMs) ? [] : [{ name: `${prefix}: server CPU per check-in`, value: round(load.cpuMs / count, 3), unit: "ms" }]),
    { name: `${prefix}: check-ins`, value: count, unit: "requests" },
    ...rowFigures,
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

  // One cohort, a session in progress for each burst, and 500 signed-in trainees.
  const academy = await db.academy.upsert({ where: { slug: "bench" }, update: {}, create: { slug: "bench", name: "基准测试学院" }, select: { id: true } });
  const cohort = await db.cohort.create({ data: { academyId: academy.id, code: `BENCH-${Date.now()}`, title: "签到基准测试班", startDate: "2026-01-01", endDate: "2026-12-31", capacity: TRAINEES, status: "running" } });
  const track = await db.track.findFirstOrThrow({ select: { id: true } });
  const module = await db.module.create({ data: { cohortId: cohort.id, trackId: track.id, title: "签到基准测试", creditHours: 3 } });
  const startsAt = new Date(Date.now() - STARTED_MINUTES_AGO * 60_000);
  const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
  const keys = new Map<string, string>();
  const newSessions = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const { id } = await db.session.create({ data: { moduleId: module.id, startsAt, endsAt }, select: { id: true } });
      keys.set(id, sessionKey((await getCheckInSession(id))!).keyHex);
      ids.push(id);
    }
    return ids;
  };
  // Each side: ROUNDS rounds on open connections, and one more whose connections are made in the burst.
  const [appRounds, ceilingRounds, appWarmUps, ceilingWarmUps, [documentSession, documentWarmUp]] = [
    await newSessions(ROUNDS + 1),
    await newSessions(ROUNDS + 1),
    await newSessions(WARM_UP_BURSTS),
    await newSessions(WARM_UP_BURSTS),
    await newSessions(2),
  ];
  const role = await db.role.findUniqueOrThrow({ where: { key: "trainee" }, select: { id: true } });
  const people = Array.from({ length: TRAINEES }, (_, i) => ({ id: `bench-trainee-${i}`, name: `学员${i}`, status: "active", mobile: `139${String(i).padStart(8, "0")}` }));
  await db.person.createMany({ data: people });
  await db.personRole.createMany({ data: people.map((p) => ({ personId: p.id, roleId: role.id })) });
  await db.enrollment.createMany({ data: people.map((p) => ({ cohortId: cohort.id, personId: p.id, status: "enrolled" })) });
  const request = new Request("http://127.0.0.1/");
  const cookies: string[] = [];
  // Each trainee's phone carries its own device cookie (set when the check-in page was opened), so the shared-phone check runs.
  for (const person of people) cookies.push(`${(await createAuthSession(request, person.id, {})).split(";")[0]!}; academy_device=${encodeURIComponent(Buffer.from(JSON.stringify(randomBytes(24).toString("base64url"))).toString("base64"))}`);

  // The code of the current slot, derived per request as the projector derives it, so a long run never sends an expired one.
  const bodyFor = (sessionId: string) => () => new URLSearchParams({ intent: "trainee", token: codesForSlot(keys.get(sessionId)!, sessionId, slotAt(new Date())).qrToken }).toString();
  // The rows of each session, and their history rows (each check-in writes one with its row, in the same transaction).
  const countRows = async (sessionIds: readonly string[]): Promise<Rows> => {
    const rows = await Promise.all(sessionIds.map((sessionId) => db.attendance.count({ where: { sessionId } })));
    const history = await Promise.all(sessionIds.map((sessionId) => db.attendanceChange.count({ where: { attendance: { sessionId } } })));
    return { fewest: Math.min(...rows), most: Math.max(...rows), fewestHistory: Math.min(...history), mostHistory: Math.max(...history) };
  };
  const results: CheckInBenchResult[] = [];

  // The app as `npm start` serves it, and the ceiling: the same work in a bare handler on the same database.
  const [appPort, ceilingPort] = [await freePort(), await freePort()];
  const target = parseDatabaseUrl(databaseUrl, projectRoot);
  const app = start(["scripts/start.ts"], { DATABASE_URL: databaseUrl, PORT: String(appPort), HOST: "127.0.0.1", NODE_ENV: "production", DEMO_DATA: "off" });
  const ceiling = start(["scripts/bench/checkin-ceiling.ts"], { CEILING_DATABASE_URL: target.provider === "sqlite" ? `file:${target.file}` : databaseUrl, CEILING_PORT: String(ceilingPort) });
  // The confirm as a loaded page sends it (Remix's single-fetch action request), and as a page before
  // JavaScript sends it (a document POST answered with the whole page).
  // A trainee confirms on the check-in page their phone has just loaded, so the confirm goes over the connection
  // that load opened: the connections are opened first (a GET each), except in the round that measures making them.
  const pageLoad = { app: { openedBy: "/healthz" }, ceiling: { openedBy: "/" } };
  const toApp = (sessionId: string, accepted: (text: string) => boolean, connections: Connections = pageLoad.app) =>
    burst(app, appPort, `/check-in/${sessionId}.data`, cookies, bodyFor(sessionId), accepted, connections);
  const toCeiling = (sessionId: string, accepted: (text: string) => boolean, connections: Connections = pageLoad.ceiling) =>
    burst(ceiling, ceilingPort, `/${sessionId}`, cookies, bodyFor(sessionId), accepted, connections);
  try {
    await Promise.all([waitFor(`http://127.0.0.1:${appPort}/healthz`, app), waitFor(`http://127.0.0.1:${ceilingPort}/`, ceiling)]);
    // Warm-up, not counted: the first queries prepare their plans, and the JIT compiles the hot code.
    for (const sessionId of appWarmUps) await toApp(sessionId, () => true);
    await burst(app, appPort, `/check-in/${documentWarmUp!}`, cookies.slice(0, 100), bodyFor(documentWarmUp!), () => true, pageLoad.app);
    for (const sessionId of ceilingWarmUps) await toCeiling(sessionId, () => true);
    results.push(loadFigure(label, "before the rounds"));
    const appLoads: Load[] = [];
    const ceilingLoads: Load[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      appLoads.push(await toApp(appRounds[round]!, (text) => text.includes("recorded")));
      ceilingLoads.push(await toCeiling(ceilingRounds[round]!, (text) => text === "ok"));
    }
    // 100 connections made at the same moment: Node's server (the ceiling's too) accepts some of them late while
    // it serves the others, and their check-ins wait; reported apart, as phones rarely connect in the same millisecond.
    const appFresh = await toApp(appRounds[ROUNDS]!, (text) => text.includes("recorded"), "in the burst");
    const ceilingFresh = await toCeiling(ceilingRounds[ROUNDS]!, (text) => text === "ok", "in the burst");
    results.push(loadFigure(label, "after the rounds"));
    results.push(...figures(label, "app", together(appLoads), await countRows(appRounds.slice(0, ROUNDS))));
    results.push(...figures(label, "ceiling", together(ceilingLoads), await countRows(ceilingRounds.slice(0, ROUNDS))));
    results.push(...figures(label, "app, connections made in the burst", appFresh, await countRows(appRounds.slice(ROUNDS))));
    results.push(...figures(label, "ceiling, connections made in the burst", ceilingFresh, await countRows(ceilingRounds.slice(ROUNDS))));
    // The page before JavaScript, once.
    const withoutScript = await burst(app, appPort, `/check-in/${documentSession!}`, cookies, bodyFor(documentSession!), (text) => text.includes('data-testid="check-in-recorded"'), pageLoad.app);
    results.push(...figures(label, "app without JavaScript", withoutScript, await countRows([documentSession!])));
  } finally {
    await Promise.all([stop(app), stop(ceiling)]);
  }
  const value = (name: string) => results.find((r) => r.name === name)?.value ?? Number.NaN;
  const ratio = (what: string, to: string) => round(value(`checkin ${what} (${label}): throughput`) / value(`checkin ${to} (${label}): throughput`), 2);
  for (const what of ["app", "app without JavaScript"]) results.push({ name: `checkin ${what} / ceiling throughput (${label})`, value: ratio(what, "ceiling"), unit: "ratio" });
  results.push({ name: `checkin app / ceiling throughput, connections made in the burst (${label})`, value: ratio("app, connections made in the burst", "ceiling, connections made in the burst"), unit: "ratio" });
  await db.$disconnect();

  for (const what of ["app", "ceiling", "app, connections made in the burst", "ceiling, connections made in the burst", "app without JavaScript"]) {
    const expected = TRAINEES;
    const prefix = `checkin ${what} (${label})`;
    const rows = [`${prefix}: attendance rows per round`, `${prefix}: history rows per round`].map(value);
    const errors = value(`${prefix}: errors`);
    // The figures are reported either way; a lost, duplicate or refused check-in is said out loud.
    if (rows.some((count) => count !== expected) || errors !== 0) {
      console.error(`check-in benchmark (${what}, ${label}): ${errors} errors; attendance and history rows per round not all ${expected} (see the figures)`);
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
