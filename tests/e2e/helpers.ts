import { expect, type Page } from "@playwright/test";

export async function signIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.locator('input[name="identifier"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form#login button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/);
}
