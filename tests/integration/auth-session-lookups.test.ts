// Sign-in lookups that arrive together are read in one query; each request still gets its own answer,
// and nothing is kept between turns, so a session ended a moment ago no longer works.
import { describe, expect, test } from "vitest";
import { createAuthSession, endAuthSession, getCurrentUser } from "~/modules/accounts/auth-session.server.ts";
import type { RoleKey } from "~/modules/accounts/roles.ts";
import { createPerson } from "../factories/person.ts";

async function browser(roles: RoleKey[]) {
  const person = await createPerson({ roles });
  const setCookie = await createAuthSession(new Request("http://localhost/"), person.id, {});
  const request = () => new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0]! } });
  return { person, request };
}

describe("signed-in lookups arriving together", () => {
  test("forty browsers at once each get their own person and roles; an ended session and a forged cookie get nobody", async () => {
    const browsers = await Promise.all(Array.from({ length: 40 }, (_, i) => browser(i % 4 === 0 ? ["staff"] : ["trainee"])));
    const ended = browsers[7]!;
    await endAuthSession(ended.request());
    const forged = new Request("http://localhost/", { headers: { Cookie: "academy_session=not-a-session-token-of-ours-at-all" } });

    const [answers, nobody] = await Promise.all([Promise.all(browsers.map((b) => getCurrentUser(b.request()))), getCurrentUser(forged)]);

    expect(nobody).toBeNull();
    answers.forEach((user, i) => {
      if (i === 7) return expect(user).toBeNull();
      expect(user?.id).toBe(browsers[i]!.person.id);
      expect(user?.roles).toEqual(i % 4 === 0 ? ["staff"] : ["trainee"]);
    });
  });

  test("a session ended between two turns is refused on the next", async () => {
    const one = await browser(["trainee"]);
    expect((await getCurrentUser(one.request()))?.id).toBe(one.person.id);
    await endAuthSession(one.request());
    expect(await getCurrentUser(one.request())).toBeNull();
  });
});
