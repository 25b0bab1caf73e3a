import type { CurrentUser } from "~/modules/accounts/auth-session.server.ts";
import { rolePermissions } from "~/modules/accounts/permissions.server.ts";
import type { RoleKey } from "~/modules/accounts/roles.ts";

/** The signed-in user that a person with these roles would be, as domain functions receive it. */
export function asUser(id: string, roles: RoleKey[], name = "测试用户"): CurrentUser {
  return { id, name, roles, permissions: [...new Set(roles.flatMap((role) => rolePermissions[role]))], authSessionId: "test" };
}
