// The check-in confirm in a real browser, against the production server that
// answers a loaded page's confirm on its fast path: a wrong code shows the
// route's message and records nothing; signed out in another tab, the trainee
// is sent to sign in and lands back on the check-in; a phone without
// JavaScript posts the plain form to the page and sees it recorded.
import { expect, test, type Page } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { gotoHydrated, signIn } from "./helpers.ts";
import { secondTrainee, sessionInProgress } from "./session-in-progress.ts";

const staff = { login: "staff@demo.academy", password: "Academy-Staff-2025" };

const currentCode = async (projector: Page) => (await projector.getByTestId("check-in-code").textContent())!.trim();

test("a loaded page's confirm: a wrong code is refused with the route's message, a signed-out trainee signs in and comes back, and a page without JavaScript still checks in", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const { sessionId } = sessionInProgress("e2e-fast");
  await signIn(page, staff.login, staff.password);
  await gotoHydrated(page, `/admin/sessions/${sessionId}/check-in`);
  await expect(page.getByTestId("check-in-code")).toHaveText(/^\d{6}$/);
  const count = page.getByTestId("check-in-count");
  await expect(count).toHaveText(/^0\s*\//);

  // A loaded page (JavaScript running): the confirm goes to the server's fast path.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const trainee = await phone.newPage();
  await signIn(trainee, demo.trainee.login, demo.trainee.password);
  await gotoHydrated(trainee, `/check-in/${sessionId}`);
  const code = await currentCode(page);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  await trainee.locator('input[name="code"]').fill(wrong);
  await trainee.getByRole("button", { name: "签到" }).click();
  await expect(trainee.getByText("签到码不正确，或不是本场课的签到码。请核对屏幕上当前的签到码。")).toBeVisible();
  await expect(count).toHaveText(/^0\s*\//);

  // Signed out elsewhere while the page stayed open: the confirm leads to sign-in, and back.
  await phone.clearCookies();
  await trainee.locator('input[name="code"]').fill(await currentCode(page));
  await trainee.getByRole("button", { name: "签到" }).click();
  await expect(trainee).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(`/check-in/${sessionId}`)}$`));
  await trainee.locator("html[data-hydrated]").waitFor();
  await trainee.locator('input[name="identifier"]').fill(demo.trainee.login);
  await trainee.locator('input[name="password"]').fill(demo.trainee.password);
  await trainee.locator('form#login button[type="submit"]').click();
  await expect(trainee).toHaveURL(new RegExp(`/check-in/${sessionId}$`));
  await trainee.locator("html[data-hydrated]").waitFor();
  await trainee.locator('input[name="code"]').fill(await currentCode(page));
  await trainee.getByRole("button", { name: "签到" }).click();
  await expect(trainee.getByTestId("check-in-recorded")).toBeVisible();
  await expect(count).toHaveText(/^1\s*\//, { timeout: 15_000 });

  // A phone without JavaScript: plain form posts, answered by the route with the whole page.
  const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const second = await plain.newPage();
  await second.goto("/login");
  await second.locator('input[name="identifier"]').fill(secondTrainee);
  await second.locator('input[name="password"]').fill(demo.trainee.password);
  await second.locator('form#login button[type="submit"]').click();
  await expect(second).not.toHaveURL(/\/login/);
  await second.goto(`/check-in/${sessionId}`);
  await second.locator('input[name="code"]').fill(await currentCode(page));
  await second.getByRole("button", { name: "签到" }).click();
  await expect(second.getByTestId("check-in-recorded")).toBeVisible();
  await expect(count).toHaveText(/^2\s*\//, { timeout: 15_000 });
  await phone.close();
  await plain.close();
});
