// GET /api/reports?from=YYYY-MM-DD&to=YYYY-MM-DD with "Authorization: Bearer <token>":
// the report's figures as JSON for other systems. Every answer is JSON and is
// never cached; a missing, wrong or revoked token gets 401, a bad range 400,
// too many calls 429. Wrong tokens are counted per client address before the
// token is looked up, so guessing gets nowhere; good ones per token.
import { confirmFailure, releaseAttempt, reserveAttempt, type ThrottleLimits } from "~/modules/accounts/throttle.server.ts";
import { clientAddress } from "~/utils/request.server.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";
import { authenticateReportToken } from "./api-tokens.server.ts";
import { MAX_RANGE_DAYS } from "./range.ts";
import type { ReportRange } from "./report.ts";

type ApiRange = ReportRange;
/** Calls per token: a dashboard refreshing every few seconds is fine, a loop is not. */
export const TOKEN_CALL_LIMITS: ThrottleLimits = { maxFailures: 60, windowMs: 60_000 };
/** Wrong or missing tokens per client address. */
export const WRONG_TOKEN_LIMITS: ThrottleLimits = { maxFailures: 20, windowMs: 15 * 60_000 };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(value: string): number | null {
  const match = datePattern.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // 2025-02-30 is no date, though Date would roll it over to March.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return time / 86_400_000;
}

export type RangeProblem = { key: string; values?: Record<string, string | number> };

/** The query's range, or what is wrong with it (a message key naming the parameter). */
export function parseApiRange(params: URLSearchParams): { ok: true; range: ApiRange } | { ok: false; problem: RangeProblem } {
  const from = params.get("from")?.trim() ?? "";
  const to = params.get("to")?.trim() ?? "";
  for (const [name, value] of [["from", from], ["to", to]] as const) {
    if (!value) return { ok: false, problem: { key: "reportApi.errors.missing", values: { name } } };
    if (value.length > 10 || dayNumber(value) === null) return { ok: false, problem: { key: "reportApi.errors.notADate", values: { name, value: value.slice(0, 20) } } };
  }
  const days = dayNumber(to)! - dayNumber(from)!;
  if (days < 0) return { ok: false, problem: { key: "reportApi.errors.backwards", values: { from, to } } };
  if (days + 1 > MAX_RANGE_DAYS) return { ok: false, problem: { key: "reportApi.errors.tooLong", values: { days: MAX_RANGE_DAYS } } };
  return { ok: true, range: { from, to } };
}

const headers = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

function json(body: unknown, status: number, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, ...extra } });
}

function bearerToken(request: Request): string | null {
  const value = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(value);
  return match ? match[1]! : null;
}

/** The figures for a range and a set of cohorts (null: the whole academy): loadReport, the page's own. */
export type ReportLoader<R> = (input: { range: ApiRange; cohortIds: readonly string[] | null; now?: Date }) => Promise<R>;

export async function answerReportApi<R>(request: Request, loadReport: ReportLoader<R>, now = new Date()): Promise<Response> {
  const t = getFixedT(await getLanguage(request));
  const message = (problem: RangeProblem) => t(problem.key, problem.values);
  const address = clientAddress(request);
  const guess = address ? await reserveAttempt(`report-api-ip:${address}`, now, WRONG_TOKEN_LIMITS) : null;
  if (guess && !guess.ok) {
    return json({ error: "too_many_requests", message: message({ key: "reportApi.errors.tooManyWrong", values: { minutes: guess.retryAfterMinutes } }) }, 429, {
      "Retry-After": String(guess.retryAfterMinutes * 60),
    });
  }
  const presented = bearerToken(request);
  const access = presented ? await authenticateReportToken(presented, now) : null;
  if (!access) {
    if (guess?.ok) await confirmFailure(guess.reservation, WRONG_TOKEN_LIMITS);
    return json({ error: "unauthorized", message: message({ key: presented ? "reportApi.errors.badToken" : "reportApi.errors.noToken" }) }, 401, {
      "WWW-Authenticate": 'Bearer realm="reports"',
    });
  }
  if (guess?.ok) await releaseAttempt(guess.reservation);
  // Each good call stays counted against its token for the window.
  const calls = await reserveAttempt(`report-api-token:${access.tokenId}`, now, TOKEN_CALL_LIMITS);
  if (!calls.ok) {
    return json({ error: "too_many_requests", message: message({ key: "reportApi.errors.tooMany", values: { minutes: calls.retryAfterMinutes } }) }, 429, {
      "Retry-After": String(calls.retryAfterMinutes * 60),
    });
  }
  const parsed = parseApiRange(new URL(request.url).searchParams);
  if (!parsed.ok) return json({ error: "bad_range", message: message(parsed.problem) }, 400);
  const report = await loadReport({ range: parsed.range, cohortIds: access.cohortIds, now });
  return json({ range: parsed.range, scope: access.cohortIds === null ? "academy" : "organisation", report }, 200);
}
