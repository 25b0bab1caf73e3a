import { expect, test } from "vitest";
import { safeRedirect } from "./safe-redirect.ts";

test("only same-site paths are followed after sign-in", () => {
  expect(safeRedirect("/admin?x=1")).toBe("/admin?x=1");
  expect(safeRedirect("//evil.example/")).toBe("/");
  expect(safeRedirect("/\\evil.example")).toBe("/");
  expect(safeRedirect("https://evil.example/")).toBe("/");
  expect(safeRedirect(null, "/admin")).toBe("/admin");
});
