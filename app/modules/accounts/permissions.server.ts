// The permission matrix: which role may do what, at what scope. Written to the
// database by `ensureRolesAndPermissions` (run by migrations-at-start and the seed),
// never edited by hand.
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
  ],
  instructor: [
    "read:cohort:cohort",
    "read:enrollment:cohort",
    "read:curriculum:cohort",
    "create:attendance:cohort", "read:attendance:cohort", "update:attendance:cohort",
    "read:leave:cohort",
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
};

/** Creates the four roles and their permissions, adding what is missing and removing what is no longer granted. */
export async function ensureRolesAndPermissions(db: Db | Prisma.TransactionClient): Promise<void> {
  for (const key of roleKeys) {
    const role = await db.role.upsert({ where: { key }, update: {}, create: { key }, select: { id: true } });
    const wanted = rolePermissions[key];
    const permissionIds: string[] = [];
    for (const permission of wanted) {
      const [action, entity, access] = permission.split(":") as [string, string, string];
      const row = await db.permission.upsert({
        where: { action_entity_access: { action, entity, access } },
        update: {},
        create: { action, entity, access },
        select: { id: true },
      });
      permissionIds.push(row.id);
    }
    await db.rolePermission.deleteMany({ where: { roleId: role.id, permissionId: { notIn: permissionIds } } });
    for (const permissionId of permissionIds) {
      await db.rolePermission.upsert({
        where: { roleId_permissionId: { roleId: role.id, permissionId } },
        update: {},
        create: { roleId: role.id, permissionId },
      });
    }
  }
}
