import { expect, test } from "vitest";
import { db } from "~/utils/db.server.ts";
import { ensureRolesAndPermissions, permissionsOf, rolePermissions } from "./permissions.server.ts";

test("the matrix is written once, kept in step and never duplicated", async () => {
  await ensureRolesAndPermissions(db);
  await ensureRolesAndPermissions(db);
  const roles = await db.role.findMany({
    select: { key: true, permissions: { select: { permission: { select: { action: true, entity: true, access: true } } } } },
  });
  for (const role of roles) {
    const granted = role.permissions.map(({ permission: p }) => `${p.action}:${p.entity}:${p.access}`).sort();
    expect(granted).toEqual([...rolePermissions[role.key as keyof typeof rolePermissions]].sort());
  }

  // A grant that is no longer in the matrix is taken away at the next start.
  const trainee = await db.role.findUniqueOrThrow({ where: { key: "trainee" } });
  const audit = await db.permission.findUniqueOrThrow({
    where: { action_entity_access: { action: "read", entity: "audit", access: "any" } },
  });
  await db.rolePermission.create({ data: { roleId: trainee.id, permissionId: audit.id } });
  await ensureRolesAndPermissions(db);
  expect(await db.rolePermission.count({ where: { roleId: trainee.id, permissionId: audit.id } })).toBe(0);
});

test("a person's permissions are the union of their roles' rows in the matrix", () => {
  expect(permissionsOf(["trainee"])).toEqual([...rolePermissions.trainee]);
  const both = permissionsOf(["instructor", "staff"]);
  expect(new Set(both)).toEqual(new Set([...rolePermissions.staff, ...rolePermissions.instructor]));
  expect(both.length).toBe(new Set(both).size);
  // A role key the matrix does not know (a row written by hand) grants nothing.
  expect(permissionsOf(["superuser", "trainee"])).toEqual([...rolePermissions.trainee]);
  expect(permissionsOf(["constructor"])).toEqual([]);
  expect(permissionsOf([])).toEqual([]);
});
