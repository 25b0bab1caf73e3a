// The language switch is remembered on the account as well as in the browser.
import { expect, test } from "vitest";
import { createAuthSession } from "~/modules/accounts/auth-session.server.ts";
import { action } from "~/routes/preferences.tsx";
import { db } from "~/utils/db.server.ts";
import { createPerson } from "../factories/person.ts";

const post = (body: Record<string, string>, cookie?: string) =>
  action({
    request: new Request("http://localhost/preferences", {
      method: "POST",
      body: new URLSearchParams(body),
      headers: cookie ? { Cookie: cookie } : {},
    }),
    params: {},
    context: {},
  });

test("a signed-in person's choice of language is kept on their account; a visitor's only in the browser", async () => {
  const person = await createPerson();
  const cookie = (await createAuthSession(new Request("http://localhost/"), person.id, {})).split(";")[0]!;
  const response = await post({ language: "en", redirectTo: "/calendar" }, cookie);
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/calendar");
  expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).locale).toBe("en");

  await post({ language: "zh-CN" }, cookie);
  expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).locale).toBe("zh-CN");

  const visitor = await post({ language: "en" });
  expect(visitor.headers.get("Set-Cookie")).toMatch(/^lng=/);
  await post({ language: "klingon" }, cookie);
  expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).locale).toBe("zh-CN");
});
