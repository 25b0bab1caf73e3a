// The provincial federation's statistics platform reads the academy's figures
// with a token an admin made: the same figures as the report page, JSON, never
// cached; refused once the token is revoked; a bad range is named; guessing
// tokens from one address soon stops.
import { describe, expect, test } from "vitest";
import { createReportToken, listReportTokens, revokeReportToken } from "~/modules/reports/api-tokens.server.ts";
import { answerReportApi, WRONG_TOKEN_LIMITS } from "~/modules/reports/report-api.server.ts";
import { loadReport } from "~/modules/reports/report.server.ts";
import { loader } from "~/routes/api.reports.ts";
import { db } from "~/utils/db.server.ts";
import { createCohort, enroll } from "../factories/cohort.ts";
import { createModule, createSession } from "../factories/curriculum.ts";
import { createPerson } from "../factories/person.ts";
import { asUser } from "../factories/user.ts";

const now = new Date("2026-06-01T00:00:00Z");
const year = { from: "2026-01-01", to: "2026-12-31" };
let addressSequence = 0;

function get(query: string, token?: string, address = `10.0.${process.pid % 250}.${(addressSequence += 1)}`) {
  const headers: Record<string, string> = { "X-Academy-Client-Address": address };
  if (token) headers.Authorization = `Bearer ${token}`;
  // Messages are in Chinese unless the caller asks for English, as on every page.
  return new Request(`http://localhost/api/reports${query}${query ? "&" : "?"}lng=en`, { headers });
}

async function body(response: Response) {
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  return (await response.json()) as Record<string, unknown> & { report?: Record<string, unknown> };
}

/** A cohort the county co-organises with one held lecture that two trainees attended, and one of the city's own. */
async function academy() {
  const county = await db.organisation.create({ data: { name: `接口县工商联${process.pid}-${addressSequence++}`, kind: "federation", level: "county" }, select: { id: true } });
  const city = await db.organisation.create({ data: { name: `接口市工商联${process.pid}-${addressSequence++}`, kind: "federation", level: "city" }, select: { id: true } });
  const shared = await createCohort({ title: "联办班", startDate: "2026-03-01", endDate: "2026-04-30" });
  const own = await createCohort({ title: "市办班", startDate: "2026-03-01", endDate: "2026-04-30" });
  await db.cohortOrganisation.createMany({
    data: [
      { cohortId: shared.id, organisationId: city.id, role: "organiser" },
      { cohortId: shared.id, organisationId: county.id, role: "co_organiser" },
      { cohortId: own.id, organisationId: city.id, role: "organiser" },
    ],
  });
  for (const cohort of [shared, own]) {
    const module = await createModule(cohort.id, { track: "policy", creditHours: 3 });
    const session = await createSession(module.id, { startsAt: new Date("2026-03-02T01:00:00Z"), endsAt: new Date("2026-03-02T04:00:00Z") });
    for (const _ of [1, 2]) {
      const trainee = await createPerson();
      const enrollment = await enroll(cohort.id, trainee.id);
      await db.attendance.create({ data: { enrollmentId: enrollment.id, sessionId: session.id, status: "present", method: "qr" } });
    }
  }
  const admin = await createPerson({ roles: ["admin"] });
  return { county, shared, own, admin: asUser(admin.id, ["admin"]) };
}

describe("GET /api/reports", () => {
  test("answers with the report page's own figures for the range, for the whole academy or one organisation's cohorts", async () => {
    const { county, shared, admin } = await academy();
    const whole = await createReportToken({ name: "省工商联统计平台", organisationId: null }, { actor: admin, now });
    const countyOnly = await createReportToken({ name: "县工商联", organisationId: county.id }, { actor: admin, now });
    expect(whole.token).toMatch(/^acr_[A-Za-z0-9_-]{43}$/);
    // Only the digest is kept.
    const stored = await db.reportApiToken.findUniqueOrThrow({ where: { id: whole.id } });
    expect(JSON.stringify(stored)).not.toContain(whole.token.slice(4));

    const academyAnswer = await answerReportApi(get(`?from=${year.from}&to=${year.to}`, whole.token), loadReport, now);
    expect(academyAnswer.status).toBe(200);
    const academyBody = await body(academyAnswer);
    expect(academyBody).toMatchObject({ range: year, scope: "academy" });
    expect(academyBody.report).toEqual(JSON.parse(JSON.stringify(await loadReport({ range: year, cohortIds: null, now }))));

    const countyBody = await body(await answerReportApi(get(`?from=${year.from}&to=${year.to}`, countyOnly.token), loadReport, now));
    expect(countyBody.scope).toBe("organisation");
    expect(countyBody.report).toEqual(JSON.parse(JSON.stringify(await loadReport({ range: year, cohortIds: [shared.id], now }))));
    expect(countyBody.report?.cohortIds).toEqual([shared.id]);
    expect((countyBody.report?.personTimes as { total: number }).total).toBeLessThan((academyBody.report?.personTimes as { total: number }).total);

    // The admin's list shows when each token was last used.
    const listed = await listReportTokens(admin);
    expect(listed.find((token) => token.id === whole.id)?.lastUsedAt).toEqual(now);
    expect(await db.auditEvent.count({ where: { action: "report_token.created", targetId: whole.id } })).toBe(1);
  });

  test("is refused with 401 and a JSON message once the token is revoked, and for a missing or made-up token", async () => {
    const { admin } = await academy();
    const { id, token } = await createReportToken({ name: "将被吊销", organisationId: null }, { actor: admin, now });
    const query = `?from=${year.from}&to=${year.to}`;
    expect((await answerReportApi(get(query, token), loadReport, now)).status).toBe(200);

    await revokeReportToken(id, { actor: admin, now });
    expect(await db.auditEvent.count({ where: { action: "report_token.revoked", targetId: id } })).toBe(1);
    const revoked = await answerReportApi(get(query, token), loadReport, now);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(await body(revoked)).toEqual({ error: "unauthorized", message: "The token is not valid or has been revoked." });

    const missing = await answerReportApi(get(query), loadReport, now);
    expect(missing.status).toBe(401);
    expect((await body(missing)).message).toMatch(/Authorization: Bearer/);
    const madeUp = await answerReportApi(get(query, `acr_${"x".repeat(43)}`), loadReport, now);
    expect(madeUp.status).toBe(401);
    // Through the route, as the server calls it.
    const viaRoute = await loader({ request: get(query, token), params: {}, context: {} });
    expect(viaRoute.status).toBe(401);
  });

  test("a bad range gets 400 with a message naming what is wrong", async () => {
    const { admin } = await academy();
    const { token } = await createReportToken({ name: "日期检查", organisationId: null }, { actor: admin, now });
    const cases: [string, RegExp][] = [
      ["", /from is missing/],
      ["?from=2026-01-01", /to is missing/],
      ["?from=2026-02-30&to=2026-03-31", /from is "2026-02-30", which is not a date/],
      ["?from=2026-01-01&to=31.12.2026", /to is "31.12.2026"/],
      ["?from=2026-12-31&to=2026-01-01", /start date 2026-12-31 is after the end date 2026-01-01/],
      ["?from=2000-01-01&to=2026-12-31", /at most 3660 days/],
    ];
    for (const [query, message] of cases) {
      const response = await answerReportApi(get(query, token), loadReport, now);
      expect(response.status, query).toBe(400);
      const answer = await body(response);
      expect(answer.error, query).toBe("bad_range");
      expect(answer.message, query).toMatch(message);
    }
  });

  test("wrong tokens from one address are limited: after the limit even a good token waits, with 429 and Retry-After", async () => {
    const { admin } = await academy();
    const { token } = await createReportToken({ name: "限流", organisationId: null }, { actor: admin, now });
    const address = `10.9.${process.pid % 250}.1`;
    const query = `?from=${year.from}&to=${year.to}`;
    for (let i = 0; i < WRONG_TOKEN_LIMITS.maxFailures; i += 1) {
      expect((await answerReportApi(get(query, `acr_${String(i).padEnd(43, "y")}`, address), loadReport, now)).status).toBe(401);
    }
    const limited = await answerReportApi(get(query, token, address), loadReport, now);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await body(limited)).error).toBe("too_many_requests");
    // Another address with the good token is not held back.
    expect((await answerReportApi(get(query, token), loadReport, now)).status).toBe(200);
  });
});
