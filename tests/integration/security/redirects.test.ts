// Sign-in and the preference switches follow only targets on this site, and a
// hostile target never costs a server error or a session without its cookie.
import { describe, expect, test } from "vitest";
import { action as login } from "~/routes/login.tsx";
import { action as preferences } from "~/routes/preferences.tsx";
import { loader as rootLoader } from "~/root.tsx";
import { db } from "~/utils/db.server.ts";
import { createPerson, defaultTestPassword } from "../../factories/person.ts";

const hostile = ["/\t/evil.example/x", "/\n/evil.example/x", "/\r\nSet-Cookie: x=1", "/\u3000", "//evil.example/", "/\\evil.example"];

const post = (path: string, body: Record<string, string>) =>
  new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(body) });

describe("after a correct password", () => {
  test.each(hostile)("redirectTo %j lands on the person's home, signed in, with one session", async (redirectTo) => {
    const person = await createPerson({ roles: ["trainee"] });
    const response = await login({
      request: post("/login", { identifier: person.mobile!, password: defaultTestPassword, redirectTo }),
      params: {},
      context: {},
    });
    expect(response).toBeInstanceOf(Response);
    const answer = response as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/");
    expect(answer.headers.get("Set-Cookie")).toMatch(/academy_session=/);
    expect(await db.authSession.count({ where: { personId: person.id } })).toBe(1);
  });

  test("a target on this site is followed", async () => {
    const person = await createPerson({ roles: ["trainee"] });
    const response = (await login({
      request: post("/login", { identifier: person.mobile!, password: defaultTestPassword, redirectTo: "/timetable?week=2" }),
      params: {},
      context: {},
    })) as Response;
    expect(response.headers.get("Location")).toBe("/timetable?week=2");
  });
});

test.each(hostile)("the preference switch with redirectTo %j goes back to the home page", async (redirectTo) => {
  const response = await preferences({ request: post("/preferences", { language: "en", redirectTo }), params: {}, context: {} });
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/");
});

test("choosing a language from an address that starts with // stays on the site", async () => {
  const thrown = await Promise.resolve(rootLoader({ request: new Request("http://localhost//evil.example/?lng=en"), params: {}, context: {} })).catch(
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).headers.get("Location")).toBe("/");
});
