// The permission matrix: which role may do what, at what scope. It is the one
// source of every grant: a signed-in person's permissions are read from it by
// their roles (`permissionsOf`), and the database copy is written from it by
// `ensureRolesAndPermissions` (run by migrations-at-start and the seed), never edited by hand.
import type { Db, Prisma } from "~/utils/db.server.ts";
import type { PermissionString, RoleKey } from "./roles.ts";
import { roleKeys } from "./roles.ts";

export const rolePermissions: Record<RoleKey, readonly PermissionString[]> = {
  admin: [
    "create:cohort:any", "read:cohort:any", "update:cohort:any", "delete:cohort:any",
    "create:enrollment:any", "read:enrollment:any", "update:enrollment:any", "delete:enrollment:any",
    "create:person:any", "read:person:any", "update:person:any", "delete:person:any",
    "create:curriculum:any", "read:curriculum:any", "update:curriculum:any", "delete:curriculum:any",
    "create:attendance:any", "read:attendance:any", "update:attendance:any",
    "read:leave:any", "update:leave:any",
    "create:certificate:any", "read:certificate:any", "update:certificate:any",
    "read:report:any",
    "read:roster:any",
    "read:audit:any",
  ],
  staff: [
    "read:cohort:cohort", "update:cohort:cohort",
    "create:enrollment:cohort", "read:enrollment:cohort", "update:enrollment:cohort",
    "create:person:any", "read:person:cohort", "update:person:cohort",
    "create:curriculum:cohort", "read:curriculum:cohort", "update:curriculum:cohort", "delete:curriculum:cohort",
    "create:attendance:cohort", "read:attendance:cohort", "update:attendance:cohort",
    "read:leave:cohort", "update:leave:cohort",
    "create:certificate:cohort", "read:certificate:cohort", "update:certificate:cohort",
    "read:report:cohort",
    "read:roster:cohort",
  ],
  instructor: [
    "read:cohort:cohort",
    "read:enrollment:cohort",
    "read:curriculum:cohort",
    "create:attendance:cohort", "read:attendance:cohort", "update:attendance:cohort",
    "read:leave:cohort",
    "read:roster:cohort",
  ],
  trainee: [
    "read:cohort:own",
    "read:enrollment:own", "create:enrollment:own",
    "read:person:own", "update:person:own",
    "read:curriculum:own",
    "create:attendance:own", "read:attendance:own",
    "create:leave:own", "read:leave:own",
    "read:certificate:own",
  ],
  // Read-only, and only through the organisation's cohorts: no contact details, no other admin page.
  viewer: ["read:report:organisation", "read:roster:organisation"],
};

const permissionsByRoles = new Map<string, PermissionString[]>();

/** The permissions the roles grant together, from the matrix; a key outside the matrix grants nothing. */
export function permissionsOf(roles: readonly string[]): PermissionString[] {
  const key = [...roles].sort().join(",");
  let permissions = permissionsByRoles.get(key);
  if (!permissions) {
    permissions = [...new Set(roles.flatMap((role) => (Object.hasOwn(rolePermissions, role) ? rolePermissions[role as RoleKey] : [])))];
    permissionsByRoles.set(key, permissions);
  }
  return permissions;
}

/**
 * Creates the roles and their permissions, adding what is missing and
 * removing grants no longer in the matrix. A handful of queries whatever the
 * size of the matrix, since it runs at every start.
 */
export async function ensureRolesAndPermissions(db: Db | Prisma.TransactionClient): Promise<void> {
  const existingRoles = await db.role.findMany({ select: { key: true } });
  const missingRoles = roleKeys.filter((key) => !existingRoles.some((role) => role.key === key));
  if (missingRoles.length) await db.role.createMany({ data: missingRoles.map((key) => ({ key })) });
  const roleIdByKey = new Map((await db.role.findMany({ select: { id: true, key: true } })).map((r) => [r.key, r.id]));

  const permissionKey = (p: { action: string; entity: string; access: string }) => `${p.action}:${p.entity}:${p.access}`;
  const wanted = new Set(Object.values(rolePermissions).flat());
  const existing = new Set((await db.permission.findMany({ select: { action: true, entity: true, access: true } })).map(permissionKey));
  const missing = [...wanted].filter((permission) => !existing.has(permission));
  if (missing.length) {
    await db.permission.createMany({
      data: missing.map((permission) => {
        const [action, entity, access] = permission.split(":") as [string, string, string];
        return { action, entity, access };
      }),
    });
  }
  const permissionIdByKey = new Map(
    (await db.permission.findMany({ select: { id: true, action: true, entity: true, access: true } })).map((p) => [
      permissionKey(p),
      p.id,
    ]),
  );

  const grant = (roleId: string, permissionId: string) => `${roleId}|${permissionId}`;
  const wantedGrants = new Set(
    roleKeys.flatMap((key) =>
      rolePermissions[key].map((permission) => grant(roleIdByKey.get(key)!, permissionIdByKey.get(permission)!)),
    ),
  );
  const grants = await db.rolePermission.findMany({ select: { roleId: true, permissionId: true } });
  const stale = grants.filter((g) => !wantedGrants.has(grant(g.roleId, g.permissionId)));
  for (const g of stale) {
    await db.rolePermission.delete({ where: { roleId_permissionId: { roleId: g.roleId, permissionId: g.permissionId } } });
  }
  const present = new Set(grants.map((g) => grant(g.roleId, g.permissionId)));
  const toCreate = [...wantedGrants].filter((g) => !present.has(g));
  if (toCreate.length) {
    await db.rolePermission.createMany({
      data: toCreate.map((g) => {
        const [roleId, permissionId] = g.split("|") as [string, string];
        return { roleId, permissionId };
      }),
    });
  }
}
