import { expect, test } from "vitest";
import { getAcademySettings, isKnownTimeZone, updateAcademySettings } from "~/modules/academy/academy.server.ts";
import { db } from "~/utils/db.server.ts";
import { createCohort } from "../factories/cohort.ts";
import { createPerson } from "../factories/person.ts";

test("only real IANA zones are taken", () => {
  expect(isKnownTimeZone("Asia/Shanghai")).toBe(true);
  expect(isKnownTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
  expect(isKnownTimeZone("UTC")).toBe(true);
  expect(isKnownTimeZone("Mars/Olympus")).toBe(false);
  expect(isKnownTimeZone("+08:00")).toBe(false);
  expect(isKnownTimeZone("")).toBe(false);
});

test("an admin sets the academy's time zone, and the change is in the audit log; an unknown zone changes nothing", async () => {
  await createCohort(); // makes the academy
  const admin = await createPerson({ roles: ["admin"] });
  const request = new Request("http://localhost/admin/settings", { method: "POST" });
  await updateAcademySettings({ name: "测试企业家学院", nameEn: "Test Academy", timeZone: "Asia/Urumqi" }, admin, request, new Date());
  expect((await getAcademySettings()).timeZone).toBe("Asia/Urumqi");
  const event = await db.auditEvent.findFirstOrThrow({ where: { action: "academy.settings_changed" } });
  expect(event.actorId).toBe(admin.id);
  expect(JSON.parse(event.detail ?? "{}")).toMatchObject({ before: { timeZone: "Asia/Shanghai" }, after: { timeZone: "Asia/Urumqi" } });

  await expect(updateAcademySettings({ name: "x", nameEn: null, timeZone: "Mars/Olympus" }, admin, request, new Date())).rejects.toMatchObject({ messageKey: "settings.errors.timeZoneUnknown", field: "timeZone" });
  expect(await getAcademySettings()).toMatchObject({ name: "测试企业家学院", timeZone: "Asia/Urumqi" });
});
