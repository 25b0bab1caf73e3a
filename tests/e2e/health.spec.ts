import { expect, test } from "@playwright/test";

test("/healthz reports the app and its database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { provider: "sqlite", status: "ok" } });
});

test("an unknown page gets a kind 404 in the user's language", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});
