// Redirects, caching and Host checks against the production server.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { gotoHydrated, signIn } from "./helpers.ts";

const port = Number(process.env.E2E_PORT) || 3100;

test("signing in with redirectTo=/<tab>/evil.example/x lands on the app's home page, with JavaScript on", async ({ page }) => {
  await gotoHydrated(page, `/login?redirectTo=${encodeURIComponent("/\t/evil.example/x")}`);
  await page.locator('input[name="identifier"]').fill(demo.trainee.login);
  await page.locator('input[name="password"]').fill(demo.trainee.password);
  await page.locator('form#login button[type="submit"]').click();
  await expect(page).toHaveURL(`http://localhost:${port}/`);
});

test("a signed-in page and a .data fetch carry Cache-Control: private, no-store; built assets stay cacheable", async ({ page }) => {
  await signIn(page, demo.trainee.login, demo.trainee.password);
  const document = await page.request.get("/timetable");
  expect(document.headers()["cache-control"]).toBe("private, no-store");
  const data = await page.request.get("/timetable.data");
  expect(data.status()).toBe(200);
  expect(data.headers()["cache-control"]).toBe("private, no-store");
  const asset = /\/assets\/[^"'\s]+\.js/.exec(await document.text())?.[0];
  expect(asset).toBeTruthy();
  const assetResponse = await page.request.get(asset!);
  expect(assetResponse.headers()["cache-control"]).toMatch(/max-age=31536000/);
  expect(document.headers()["x-content-type-options"]).toBe("nosniff");
});

test("POST /activate?_data=… is answered 400 with a message, not 500", async ({ request }) => {
  const response = await request.post("/activate?_data=routes%2Factivate._index", {
    form: { identifier: "13800000001", code: "12345678", password: "x", confirm: "x" },
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("不再受支持");
});

test("a request naming another Host is refused with 421; localhost is answered", async () => {
  const get = (host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/login", headers: { Host: host } }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.end();
    });
  const forged = await get("evil.example");
  expect(forged.status).toBe(421);
  expect(forged.body).toContain("不是本学院网站的地址");
  expect((await get(`localhost:${port}`)).status).toBe(200);
});
