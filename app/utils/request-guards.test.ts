import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, test } from "vitest";
import {
  cacheControlForSignedIn,
  carriesSessionCookie,
  hostPolicy,
  isAllowedHost,
  isLegacyDataRequest,
  refuseMisdirectedRequests,
} from "./request-guards.server.ts";
import { languageCookie } from "./i18n.server.ts";

describe("Host names answered without APP_URL", () => {
  const policy = hostPolicy({ HOST_NAMES: "academy.example.cn, 10.0.0.5:3000" });
  test("loopback and the configured names are answered", () => {
    for (const host of ["localhost:3204", "127.0.0.1", "[::1]:3000", "LOCALHOST", "academy.example.cn", "Academy.Example.cn:443", "10.0.0.5:3000"]) {
      expect(isAllowedHost(host, policy), host).toBe(true);
    }
  });
  test("any other Host, a missing one or a malformed one is refused", () => {
    for (const host of [undefined, "", "evil.example", "academy.example.cn.evil.example", "10.0.0.5:8080", "localhost@evil.example", "a b"]) {
      expect(isAllowedHost(host, policy), String(host)).toBe(false);
    }
    expect(isAllowedHost("academy.example.cn", hostPolicy({}))).toBe(false);
  });
  test("with APP_URL links and the origin check come from it, so any Host is answered", () => {
    const withUrl = hostPolicy({ APP_URL: "https://academy.example.cn/" });
    expect(withUrl).toEqual({ kind: "app-url", origin: "https://academy.example.cn" });
    expect(isAllowedHost("evil.example", withUrl)).toBe(true);
  });
});

function fakeExchange(headers: Record<string, string>, url = "/") {
  const sent: { status?: number; body?: string; headers: Record<string, string> } = { headers: {} };
  const res = {
    set statusCode(value: number) {
      sent.status = value;
    },
    setHeader: (name: string, value: string) => void (sent.headers[name.toLowerCase()] = value),
    end: (body: string) => void (sent.body = body),
  } as unknown as ServerResponse;
  return { req: { headers, url } as IncomingMessage, res, sent };
}

test("a forged Host is refused with 421 and a message in the reader's language; a forwarded one only when proxies are trusted", async () => {
  const guard = refuseMisdirectedRequests({ trustProxy: true, policy: hostPolicy({}) });
  const forged = fakeExchange({ host: "evil.example", cookie: await languageCookie.serialize("en") });
  let passed = false;
  await guard(forged.req, forged.res, () => (passed = true));
  expect(passed).toBe(false);
  expect(forged.sent.status).toBe(421);
  expect(forged.sent.body).toMatch(/not the academy's site/);

  const forwarded = fakeExchange({ host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" });
  await guard(forwarded.req, forwarded.res, () => (passed = true));
  expect(forwarded.sent.status).toBe(421);
  expect(forwarded.sent.body).toMatch(/网址/);

  const local = fakeExchange({ host: "localhost:3000" });
  await guard(local.req, local.res, () => (passed = true));
  expect(passed).toBe(true);
});

test("a legacy ?_data= request is refused with 400 before it reaches an action", async () => {
  expect(isLegacyDataRequest("/activate?_data=routes%2Factivate._index")).toBe(true);
  expect(isLegacyDataRequest("/activate?x=1&_data")).toBe(true);
  expect(isLegacyDataRequest("/activate?my_data=1")).toBe(false);
  const guard = refuseMisdirectedRequests({ trustProxy: false, policy: hostPolicy({}) });
  const exchange = fakeExchange({ host: "localhost" }, "/activate?_data=x");
  await guard(exchange.req, exchange.res, () => undefined);
  expect(exchange.sent.status).toBe(400);
});

test("responses to a signed-in browser are stored by no cache unless the route chose private caching", () => {
  expect(carriesSessionCookie("lng=en; academy_session=abc")).toBe(true);
  expect(carriesSessionCookie("__Host-academy_session=abc")).toBe(true);
  expect(carriesSessionCookie("lng=en; not_academy_session=abc")).toBe(false);
  expect(carriesSessionCookie(undefined)).toBe(false);
  expect(cacheControlForSignedIn(undefined)).toBe("private, no-store");
  expect(cacheControlForSignedIn("public, max-age=3600")).toBe("private, no-store");
  expect(cacheControlForSignedIn("no-store")).toBe("private, no-store");
  expect(cacheControlForSignedIn("private, max-age=300")).toBe("private, max-age=300");
});

test("a language cookie that decodes to something other than text gives the default language, not an error", async () => {
  const guard = refuseMisdirectedRequests({ trustProxy: false, policy: hostPolicy({}) });
  // "MTIz" is base64 for 123: the cookie decodes to a number.
  const exchange = fakeExchange({ host: "evil.example", cookie: "lng=MTIz" });
  await guard(exchange.req, exchange.res, () => undefined);
  expect(exchange.sent.status).toBe(421);
  expect(exchange.sent.body).toMatch(/网址/);
});
