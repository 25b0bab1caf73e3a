import { expect, type Page } from "@playwright/test";

/** Waits until React has taken over the page, so typing is not lost to hydration. */
export async function gotoHydrated(page: Page, url: string) {
  await page.goto(url);
  await page.locator("html[data-hydrated]").waitFor();
}

export async function signIn(page: Page, login: string, password: string) {
  await gotoHydrated(page, "/login");
  await page.locator('input[name="identifier"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form#login button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Signs out and waits for the sign-in page: the next navigation must not overtake the sign-out. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login$/);
}
