// The audit log as an admin reads it: filtered by action, by person and by
// calendar days in the academy's zone, newest first, fifty to a page.
import { beforeAll, describe, expect, test } from "vitest";
import { AUDIT_PAGE_SIZE, readAuditLog } from "~/modules/audit/audit-log.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { DEFAULT_TIME_ZONE } from "~/utils/time.ts";
import { createPerson } from "../factories/person.ts";

const zone = "Asia/Shanghai";

// Every test reads March 2025 or June 2024 only, so the two sets of events stay apart.
const march = { from: "2025-03-01", to: "2025-03-31" };

let admin: { id: string; name: string; mobile: string | null };
let secretary: { id: string; name: string; mobile: string | null };
let trainee: { id: string; name: string; mobile: string | null };
let leaver: { id: string; name: string; mobile: string | null; email: string | null };

/** Event ids by name, as written in beforeAll. */
const ids: Record<string, string> = {};

async function record(name: string, input: Parameters<typeof recordAudit>[0]) {
  await recordAudit(input);
  const event = await db.auditEvent.findFirstOrThrow({
    where: { action: input.action, at: input.at },
    select: { id: true },
  });
  ids[name] = event.id;
}

const idsOf = (result: { events: { id: string }[] }) => result.events.map((e) => e.id);

beforeAll(async () => {
  admin = await createPerson({ roles: ["admin"], name: "周管理" });
  secretary = await createPerson({ roles: ["staff"], name: "吴教务" });
  trainee = await createPerson({ name: "郑学员" });
  leaver = await createPerson({ name: "王离开", email: "wang.likai@leaver.test" });

  await record("created", {
    action: "person.created",
    actorId: admin.id,
    targetType: "person",
    targetId: trainee.id,
    at: new Date("2025-03-10T01:00:00Z"),
  });
  // 23:59:59 on 10 March in Shanghai.
  await record("granted", {
    action: "role.granted",
    actorId: admin.id,
    targetType: "person",
    targetId: trainee.id,
    at: new Date("2025-03-10T15:59:59Z"),
    detail: { role: "trainee" },
  });
  // 01:00 on 11 March in Shanghai, though still 10 March in UTC.
  await record("signIn", {
    action: "auth.sign_in",
    actorId: trainee.id,
    targetType: "person",
    targetId: trainee.id,
    at: new Date("2025-03-10T17:00:00Z"),
  });
  await record("failed", {
    action: "auth.sign_in_failed",
    at: new Date("2025-03-11T03:00:00Z"),
    detail: { identifier: "13500000000" },
  });
  await record("deactivated", {
    action: "person.deactivated",
    actorId: secretary.id,
    targetType: "person",
    targetId: leaver.id,
    at: new Date("2025-03-12T02:00:00Z"),
  });
});

describe("filters", () => {
  test("by action", async () => {
    const result = await readAuditLog({ action: "auth.sign_in", ...march, page: 1 }, zone);
    expect(result.total).toBe(1);
    expect(idsOf(result)).toEqual([ids.signIn]);
    expect(result.events[0]).toMatchObject({
      action: "auth.sign_in",
      actor: { id: trainee.id, name: "郑学员" },
      targetName: "郑学员",
    });
  });

  test("everything in a range, newest first, with the names of actors and targets", async () => {
    const result = await readAuditLog({ ...march, page: 1 }, zone);
    expect(result.total).toBe(5);
    expect(idsOf(result)).toEqual([ids.deactivated, ids.failed, ids.signIn, ids.granted, ids.created]);
    expect(result.events[0]).toMatchObject({
      actor: { id: secretary.id, name: "吴教务" },
      targetType: "person",
      targetId: leaver.id,
      targetName: "王离开",
    });
    expect(result.events[1]).toMatchObject({
      actor: null,
      targetName: null,
      detail: JSON.stringify({ identifier: "13500000000" }),
    });
  });

  test("by person, as the one who acted or the one acted on, by name, mobile number or e-mail", async () => {
    const byAdminName = await readAuditLog({ person: "周管理", ...march, page: 1 }, zone);
    expect(idsOf(byAdminName)).toEqual([ids.granted, ids.created]);

    const byTraineeMobile = await readAuditLog({ person: trainee.mobile!, ...march, page: 1 }, zone);
    expect(idsOf(byTraineeMobile)).toEqual([ids.signIn, ids.granted, ids.created]);

    // The leaver only ever appears as a target; the secretary only as an actor.
    expect(idsOf(await readAuditLog({ person: " 王离开 ", ...march, page: 1 }, zone))).toEqual([ids.deactivated]);
    expect(idsOf(await readAuditLog({ person: "Wang.Likai@Leaver", ...march, page: 1 }, zone))).toEqual([
      ids.deactivated,
    ]);
    expect(idsOf(await readAuditLog({ person: "吴教务", ...march, page: 1 }, zone))).toEqual([ids.deactivated]);

    expect(await readAuditLog({ person: "没有这个人", ...march, page: 1 }, zone)).toEqual({ total: 0, events: [] });
  });

  test("by calendar day in Asia/Shanghai: 17:00 UTC on 10 March is 11 March", async () => {
    const eleventh = await readAuditLog({ from: "2025-03-11", to: "2025-03-11", page: 1 }, zone);
    expect(idsOf(eleventh)).toEqual([ids.failed, ids.signIn]);

    const tenth = await readAuditLog({ from: "2025-03-10", to: "2025-03-10", page: 1 }, zone);
    expect(idsOf(tenth)).toEqual([ids.granted, ids.created]);

    // Open-ended on either side.
    expect(idsOf(await readAuditLog({ from: "2025-03-12", page: 1 }, zone))).toEqual([ids.deactivated]);
    expect(idsOf(await readAuditLog({ from: "2025-03-01", to: "2025-03-10", page: 1 }, zone))).toEqual([
      ids.granted,
      ids.created,
    ]);

    // In UTC the same event would belong to the 10th: the zone decides.
    expect(idsOf(await readAuditLog({ from: "2025-03-10", to: "2025-03-10", page: 1 }, "UTC"))).toEqual([
      ids.signIn,
      ids.granted,
      ids.created,
    ]);
    expect(DEFAULT_TIME_ZONE).toBe(zone);
  });

  test("filters combine", async () => {
    const result = await readAuditLog(
      { action: "role.granted", person: trainee.mobile!, from: "2025-03-10", to: "2025-03-10", page: 1 },
      zone,
    );
    expect(idsOf(result)).toEqual([ids.granted]);
    expect(
      await readAuditLog(
        { action: "role.granted", person: trainee.mobile!, from: "2025-03-11", to: "2025-03-11", page: 1 },
        zone,
      ),
    ).toEqual({ total: 0, events: [] });
  });
});

describe("pages", () => {
  test("fifty events to a page, newest first, every event on exactly one page", async () => {
    const base = new Date("2024-06-01T00:00:00Z").getTime();
    // 120 events a minute apart, and two more sharing one instant to test the tie-break.
    const data = Array.from({ length: 120 }, (_, i) => ({
      action: "auth.sign_in",
      actorId: trainee.id,
      at: new Date(base + i * 60_000),
    }));
    data.push({ action: "auth.sign_out", actorId: trainee.id, at: new Date(base + 30 * 60_000) });
    await db.auditEvent.createMany({ data });
    const june = { from: "2024-06-01", to: "2024-06-30" };

    const pages = [];
    for (let page = 1; page <= 4; page += 1) pages.push(await readAuditLog({ ...june, page }, zone));
    expect(pages.map((p) => p.total)).toEqual([121, 121, 121, 121]);
    expect(pages.map((p) => p.events.length)).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, 21, 0]);
    expect(AUDIT_PAGE_SIZE).toBe(50);

    const all = pages.flatMap((p) => p.events);
    expect(new Set(all.map((e) => e.id)).size).toBe(121);
    const times = all.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all[0]!.at).toEqual(new Date(base + 119 * 60_000));
    expect(all.at(-1)!.at).toEqual(new Date(base));

    // The total counts only what the filter kept.
    const signOuts = await readAuditLog({ action: "auth.sign_out", ...june, page: 1 }, zone);
    expect(signOuts.total).toBe(1);
  });
});
