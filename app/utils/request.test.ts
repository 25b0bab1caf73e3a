import { afterEach, expect, test, vi } from "vitest";
import { publicOrigin } from "./request.server.ts";

afterEach(() => vi.unstubAllEnvs());

test("links are built from APP_URL without a doubled slash, or from the address the request came to", () => {
  const request = new Request("http://10.0.0.5:3000/admin/people/new");
  vi.stubEnv("APP_URL", "");
  expect(publicOrigin(request)).toBe("http://10.0.0.5:3000");
  vi.stubEnv("APP_URL", "https://academy.example.cn/");
  expect(`${publicOrigin(request)}/activate/abc`).toBe("https://academy.example.cn/activate/abc");
});
