// Check-in in class: staff open the projector screen; one trainee on a phone
// follows the QR code's link (signing in on the way) and confirms; another
// types the six-digit code on the portal home; the projector's count goes up.
import { expect, test, type Browser } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { gotoHydrated, signIn } from "./helpers.ts";
import { secondTrainee, sessionInProgress } from "./session-in-progress.ts";

const staff = { login: "staff@demo.academy", password: "Academy-Staff-2025" };

const phone = (browser: Browser) => browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("the projector shows a code; one phone checks in through the QR link, another by the typed code; the count goes up", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const { cohortId, sessionId } = sessionInProgress("e2e-check-in");

  // Staff, from the session page, one click to the projector screen.
  await signIn(page, staff.login, staff.password);
  await gotoHydrated(page, `/admin/cohorts/${cohortId}/sessions/${sessionId}`);
  await page.getByTestId("open-check-in-screen").click();
  await expect(page).toHaveURL(new RegExp(`/admin/sessions/${sessionId}/check-in$`));
  await expect(page.getByTestId("check-in-code")).toHaveText(/^\d{6}$/);
  const count = page.getByTestId("check-in-count");
  await expect(count).toHaveText(/^0\s*\/\s*\d+$/);

  // A signed-out phone follows the QR code's link: sign in, back on the check-in, one tap.
  const scanner = await phone(browser);
  const first = await scanner.newPage();
  const link = await page.getByTestId("check-in-qr").getAttribute("data-check-in-url");
  expect(link).toContain(`/check-in/${sessionId}?t=`);
  await first.goto(link!);
  await expect(first).toHaveURL(/\/login\?redirectTo=/);
  await first.locator("html[data-hydrated]").waitFor();
  await first.locator('input[name="identifier"]').fill(demo.trainee.login);
  await first.locator('input[name="password"]').fill(demo.trainee.password);
  await first.locator('form#login button[type="submit"]').click();
  await expect(first).toHaveURL(new RegExp(`/check-in/${sessionId}\\?`));
  // Opening the link recorded nothing: the screen still counts nobody.
  await expect(count).toHaveText(/^0\s*\//);
  await first.getByRole("button", { name: "签到" }).click();
  await expect(first.getByTestId("check-in-recorded")).toBeVisible();
  await expect(count).toHaveText(/^1\s*\//, { timeout: 15_000 });

  // Another trainee types the code on the portal home.
  const typist = await phone(browser);
  const second = await typist.newPage();
  await signIn(second, secondTrainee, demo.trainee.password);
  await gotoHydrated(second, "/");
  const form = second.locator(`[data-testid=today-check-in][data-session-id="${sessionId}"]`);
  await expect(form).toBeVisible();
  await form.locator('input[name="code"]').fill((await page.getByTestId("check-in-code").textContent())!.trim());
  await form.getByRole("button", { name: "签到" }).click();
  await expect(second.getByTestId("check-in-recorded")).toBeVisible();
  await expect(count).toHaveText(/^2\s*\//, { timeout: 15_000 });
  await expect(page.getByTestId("check-in-recent")).toContainText(/\S/);

  // Back home, the card shows what was recorded.
  await gotoHydrated(second, "/");
  await expect(second.locator(`[data-testid=today-check-in-status][data-session-id="${sessionId}"]`)).toBeVisible();
  await scanner.close();
  await typist.close();
});
