import { expect, test, type Page } from "@playwright/test";
import { demo } from "./demo-logins.ts";
import { gotoHydrated, signIn, signOut } from "./helpers.ts";

const staff = { login: "staff@demo.academy", password: "Academy-Staff-2025" };

async function submitLogin(page: Page, login: string, password: string) {
  await gotoHydrated(page, "/login");
  await page.locator('input[name="identifier"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form#login button[type="submit"]').click();
}

test("staff invite a new trainee, who activates with the code on a phone and signs in", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, staff.login, staff.password);
  await page.getByRole("link", { name: "人员" }).click();
  await page.getByRole("link", { name: "添加人员" }).click();
  await page.getByLabel("姓名", { exact: true }).fill("钱多多");
  await page.getByLabel("手机号", { exact: true }).fill("139 1234 5678");
  await page.getByLabel("企业名称").fill("云溪多多智能装备有限公司");
  await page.getByLabel("职务").fill("总经理");
  await page.getByLabel("班次").selectOption({ label: "专精特新企业成长训练营（第二期）" });
  await page.getByRole("button", { name: "添加并生成激活码" }).click();
  const code = (await page.getByTestId("invitation-code").textContent())!.trim();
  expect(code).toMatch(/^\d{8}$/);

  // Adding the same mobile number twice is refused, with the reason beside the field.
  // (The form empties itself for the next person first.)
  await expect(page.getByLabel("姓名", { exact: true })).toHaveValue("");
  await page.getByLabel("姓名", { exact: true }).fill("钱多多");
  await page.getByLabel("手机号", { exact: true }).fill("13912345678");
  await page.getByLabel("企业名称").fill("另一家公司");
  // The cohort chosen for the previous person is kept for the next.
  await expect(page.getByLabel("班次")).toHaveValue(/.+/);
  await page.getByRole("button", { name: "添加并生成激活码" }).click();
  await expect(page.getByText("该手机号已被其他账号使用")).toBeVisible();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const trainee = await phone.newPage();
  await gotoHydrated(trainee, "/login");
  await trainee.getByRole("link", { name: "第一次使用？用激活码激活账号" }).click();
  await expect(trainee.getByRole("heading", { name: "激活账号" })).toBeVisible();
  await trainee.getByLabel("手机号或邮箱").fill("13912345678");
  await trainee.getByLabel("激活码").fill(code);
  await trainee.getByLabel("设置密码").fill("password123");
  await trainee.getByLabel("再次输入密码").fill("password123");
  await trainee.getByRole("button", { name: "激活并登录" }).click();
  await expect(trainee.getByText("这个密码太常见，容易被猜到，请换一个。")).toBeVisible();

  await trainee.getByLabel("设置密码").fill("云溪多多 2025 学习愉快");
  await trainee.getByLabel("再次输入密码").fill("云溪多多 2025 学习愉快");
  await trainee.getByRole("button", { name: "激活并登录" }).click();
  await expect(trainee.getByRole("heading", { name: "钱多多，您好" })).toBeVisible();
  await expect(trainee.getByTestId("my-cohort")).toContainText("专精特新企业成长训练营（第二期）");

  await signOut(trainee);
  await submitLogin(trainee, "13912345678", "云溪多多 2025 学习愉快");
  await expect(trainee.getByRole("heading", { name: "钱多多，您好" })).toBeVisible();

  // The code was spent.
  await signOut(trainee);
  await gotoHydrated(trainee, "/activate");
  await trainee.getByLabel("手机号或邮箱").fill("13912345678");
  await trainee.getByLabel("激活码").fill(code);
  await trainee.getByLabel("设置密码").fill("another fine passphrase");
  await trainee.getByLabel("再次输入密码").fill("another fine passphrase");
  await trainee.getByRole("button", { name: "激活并登录" }).click();
  await expect(trainee.getByRole("alert")).toContainText("激活码不正确");
  await phone.close();
});

test("the session cookie is HttpOnly, SameSite=Lax and Secure, and a new one is issued at sign-in", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "academy_session", value: "planted-by-an-attacker-0123456789", url: baseURL! }]);
  await signIn(page, demo.trainee.login, demo.trainee.password);
  const cookie = (await context.cookies()).find((c) => c.name === "academy_session")!;
  expect(cookie.value).not.toContain("planted-by-an-attacker");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true, path: "/" });

  // Sign out ends the session on the server: replaying the old cookie gets nothing.
  await signOut(page);
  expect((await context.cookies()).find((c) => c.name === "academy_session")).toBeUndefined();
  await context.addCookies([{ ...cookie }]);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("deactivating a person signs them out everywhere at once", async ({ page, browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const trainee = await phone.newPage();
  await signIn(trainee, "13800000003", demo.trainee.password);
  await expect(trainee.getByRole("heading", { name: "今日课程" })).toBeVisible();

  await signIn(page, demo.admin.login, demo.admin.password);
  await page.goto("/admin/people?q=13800000003");
  await page.getByTestId("person-row").first().click();
  await page.getByRole("button", { name: "停用账号" }).click();
  await expect(page.getByText("已停用")).toBeVisible();

  await trainee.reload();
  await expect(trainee).toHaveURL(/\/login/);
  await submitLogin(trainee, "13800000003", demo.trainee.password);
  await expect(trainee.getByRole("alert")).toHaveText("手机号/邮箱或密码不正确");

  await page.getByRole("button", { name: "恢复账号" }).click();
  await submitLogin(trainee, "13800000003", demo.trainee.password);
  await expect(trainee.getByRole("heading", { name: "今日课程" })).toBeVisible();
  await phone.close();
});

test("wrong passwords lock an account for a while, and an unknown account gets the very same answers", async ({ page }) => {
  test.setTimeout(120_000);
  const answers = async (login: string) => {
    const seen: string[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      await submitLogin(page, login, `wrong password ${attempt}`);
      seen.push((await page.getByRole("alert").textContent())!.trim());
    }
    return seen;
  };
  const known = await answers("13800000050");
  const unknown = await answers("13999990000");
  expect(known).toEqual(unknown);
  expect(known.slice(0, 10)).toEqual(Array(10).fill("手机号/邮箱或密码不正确"));
  expect(known[10]).toBe("尝试次数过多，请 15 分钟后再试。");
  // Even the right password waits.
  await submitLogin(page, "13800000050", demo.trainee.password);
  await expect(page.getByRole("alert")).toHaveText("尝试次数过多，请 15 分钟后再试。");
});

test("a state-changing request from another site is refused", async ({ request }) => {
  const response = await request.post("/logout", { headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("此请求来自其他网站，已被拒绝");
});

test("a state-changing request that carries no form is refused with a message, not a server error", async ({ request, baseURL }) => {
  const response = await request.post("/login", { headers: { Origin: baseURL!, "Content-Type": "text/plain" }, data: "identifier=x", maxRedirects: 0 });
  expect(response.status()).toBe(415);
  expect(await response.text()).toContain("提交的内容无法识别");
});

test("people can see their signed-in devices and sign out the others", async ({ page, browser }) => {
  const other = await browser.newContext();
  await signIn(await other.newPage(), "13800000004", demo.trainee.password);
  await signIn(page, "13800000004", demo.trainee.password);
  await page.goto("/account");
  await expect(page.getByTestId("account-session")).toHaveCount(2);
  await page.getByRole("button", { name: "退出其他所有设备" }).click();
  await expect(page.getByRole("status")).toHaveText("已让 1 台其他设备退出登录。");
  await expect(page.getByTestId("account-session")).toHaveCount(1);
  const otherPage = other.pages()[0]!;
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});
