import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, isAllowedOrigin, isFormSubmission, securityHeaders } from "./security.server.ts";

describe("state-changing requests", () => {
  const ours = "https://academy.example";
  test("from our own pages are allowed", () => {
    expect(isAllowedOrigin({ method: "POST", origin: ours, secFetchSite: "same-origin", expectedOrigin: ours })).toBe(true);
  });
  test("from another site are refused", () => {
    expect(isAllowedOrigin({ method: "POST", origin: "https://evil.example", secFetchSite: "cross-site", expectedOrigin: ours })).toBe(false);
    expect(isAllowedOrigin({ method: "DELETE", origin: "http://academy.example", secFetchSite: null, expectedOrigin: ours })).toBe(false);
    expect(isAllowedOrigin({ method: "POST", origin: "null", secFetchSite: null, expectedOrigin: ours })).toBe(false);
  });
  test("without Origin, a cross-site fetch is still recognised", () => {
    expect(isAllowedOrigin({ method: "POST", origin: null, secFetchSite: "cross-site", expectedOrigin: ours })).toBe(false);
    expect(isAllowedOrigin({ method: "POST", origin: null, secFetchSite: null, expectedOrigin: ours })).toBe(true);
  });
  test("reading is always allowed", () => {
    expect(isAllowedOrigin({ method: "GET", origin: "https://evil.example", secFetchSite: "cross-site", expectedOrigin: ours })).toBe(true);
  });
});

test("the policy allows only our own scripts carrying this response's nonce", () => {
  const csp = contentSecurityPolicy("abc123");
  expect(csp).toContain("script-src 'self' 'nonce-abc123'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
});

test("HSTS only over HTTPS", () => {
  expect(securityHeaders(true)["Strict-Transport-Security"]).toMatch(/max-age=31536000/);
  expect(securityHeaders(false)["Strict-Transport-Security"]).toBeUndefined();
  expect(securityHeaders(false)["X-Content-Type-Options"]).toBe("nosniff");
});

test("state-changing requests must carry a form; reading needs none", () => {
  expect(isFormSubmission("POST", "application/x-www-form-urlencoded;charset=UTF-8")).toBe(true);
  expect(isFormSubmission("POST", "multipart/form-data; boundary=----x")).toBe(true);
  expect(isFormSubmission("POST", "text/plain")).toBe(false);
  expect(isFormSubmission("POST", "application/json")).toBe(false);
  expect(isFormSubmission("DELETE", undefined)).toBe(false);
  expect(isFormSubmission("GET", undefined)).toBe(true);
});

test("only the check-in page may ask for the browser's position", () => {
  expect(securityHeaders(false, "/check-in/s1")["Permissions-Policy"]).toContain("geolocation=(self)");
  expect(securityHeaders(false, "/")["Permissions-Policy"]).toContain("geolocation=()");
  expect(securityHeaders(false, "/admin/sessions/s1/check-in")["Permissions-Policy"]).toContain("geolocation=()");
});
