// Venues as staff keep them: unique names with a clear message, an address for
// every off-site place, and the same rules through the pages' actions.
import { describe, expect, test } from "vitest";
import { createAuthSession } from "~/modules/accounts/auth-session.server.ts";
import type { RoleKey } from "~/modules/accounts/roles.ts";
import { createVenue, getVenue, listVenues, updateVenue } from "~/modules/faculty/venues.server.ts";
import { VenueFormSchema } from "~/modules/faculty/venues.ts";
import { action as venuesAction } from "~/routes/admin.venues._index.tsx";
import { action as venueAction } from "~/routes/admin.venues.$venueId.tsx";
import { db } from "~/utils/db.server.ts";
import { DomainError } from "~/utils/domain-error.ts";
import { createPerson } from "../factories/person.ts";

const unique = (name: string) => `${name}${String(Math.random()).slice(2, 8)}`;
const room = (name: string) => ({ name, kind: "room" as const, address: null, capacity: null, notes: null });

async function signedIn(roles: RoleKey[]) {
  const person = await createPerson({ roles });
  return (await createAuthSession(new Request("http://localhost/"), person.id, {})).split(";")[0]!;
}

describe("the venue form", () => {
  test("off-site places need an address; capacity is a positive whole number or nothing", () => {
    const errors = (input: Record<string, unknown>) => {
      const result = VenueFormSchema.safeParse(input);
      return result.success ? {} : result.error.flatten().fieldErrors;
    };
    expect(errors({ name: "云溪革命烈士纪念馆", kind: "offsite" })).toEqual({ address: ["faculty.errors.addressRequired"] });
    expect(errors({ name: "研讨室", kind: "room" })).toEqual({});
    expect(errors({ name: "研讨室", kind: "room", capacity: "0" })).toEqual({ capacity: ["faculty.errors.capacityInvalid"] });
    expect(errors({ name: "研讨室", kind: "room", capacity: "12.5" })).toEqual({ capacity: ["faculty.errors.capacityInvalid"] });
    expect(errors({ name: "研讨室", kind: "hall" })).toEqual({ kind: ["faculty.errors.kindRequired"] });
    expect(VenueFormSchema.parse({ name: " 纪念馆 ", kind: "offsite", address: "烈士陵园路 1 号", capacity: "200" })).toEqual({
      name: "纪念馆",
      kind: "offsite",
      address: "烈士陵园路 1 号",
      capacity: 200,
      notes: null,
      latitude: null,
      longitude: null,
      radiusMeters: null,
    });
  });
});

describe("unique names", () => {
  test("a second venue with the same name is refused on the name field; renaming onto another's name too", async () => {
    const name = unique("经管楼报告厅");
    const first = await createVenue({ ...room(name), capacity: 120 });
    const error = await createVenue(room(name)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ messageKey: "faculty.errors.venueNameTaken", field: "name" });
    expect(await db.venue.count({ where: { name } })).toBe(1);

    const other = await createVenue(room(unique("研讨室")));
    await expect(updateVenue(other.id, room(name))).rejects.toMatchObject({ messageKey: "faculty.errors.venueNameTaken" });
    // Keeping its own name is no clash.
    await updateVenue(first.id, { ...room(name), kind: "offsite", address: "学府路 88 号", notes: "南门进出" });
    expect(await getVenue(first.id)).toMatchObject({ name, kind: "offsite", address: "学府路 88 号", capacity: null, notes: "南门进出" });
  });

  test("through the page: the duplicate gets the message, not an error page; instructors may not add", async () => {
    const name = unique("企业家学院研讨室");
    await createVenue(room(name));
    const staff = await signedIn(["staff"]);
    const post = (cookie: string) =>
      venuesAction({
        request: new Request("http://localhost/admin/venues?index", {
          method: "POST",
          body: new URLSearchParams({ name, kind: "room" }),
          headers: { Cookie: cookie },
        }),
        params: {},
        context: {},
      });
    const result = await post(staff);
    expect(result.error).toEqual({ name: ["faculty.errors.venueNameTaken"] });

    const instructor = await signedIn(["instructor"]);
    const thrown = await post(instructor).then(
      () => null,
      (e: unknown) => e,
    );
    expect((thrown as Response).status).toBe(403);
  });
});

test("the list counts sessions; an unknown venue is 404", async () => {
  const venue = await createVenue(room(unique("教室")));
  expect((await listVenues()).find((v) => v.id === venue.id)).toMatchObject({ sessionCount: 0, kind: "room" });
  const admin = await signedIn(["admin"]);
  const thrown = await venueAction({
    request: new Request("http://localhost/admin/venues/nope", {
      method: "POST",
      body: new URLSearchParams({ name: unique("无此场地"), kind: "room" }),
      headers: { Cookie: admin },
    }),
    params: { venueId: "nope" },
    context: {},
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect((thrown as Response).status).toBe(404);
});

test("two people adding the same venue at once: one is added, the other told the name is taken", async () => {
  const name = unique("纪念馆");
  const outcomes = await Promise.allSettled([createVenue(room(name)), createVenue(room(name))]);
  expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
  const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
  expect(rejected.reason).toMatchObject({ messageKey: "faculty.errors.venueNameTaken", field: "name" });
});

test("a venue keeps its check-in position and radius, given all three or none", async () => {
  const form = { name: "签到位置测试教室", kind: "room", latitude: "31.2304", longitude: "121.4737", radiusMeters: "150" };
  const parsed = VenueFormSchema.parse(form);
  const { id } = await createVenue(parsed);
  expect(await getVenue(id)).toMatchObject({ latitude: 31.2304, longitude: 121.4737, radiusMeters: 150 });
  const half = VenueFormSchema.safeParse({ ...form, radiusMeters: "" });
  expect(half.success).toBe(false);
  expect(half.error?.issues.map((i) => i.message)).toContain("checkin.venue.errors.incomplete");
  expect(VenueFormSchema.safeParse({ ...form, latitude: "91" }).error?.issues.map((i) => i.message)).toContain("checkin.venue.errors.latitude");
});
