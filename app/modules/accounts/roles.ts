// Roles and typed permission strings ("action:entity:access"), shared with the browser.

export const roleKeys = ["admin", "staff", "instructor", "trainee"] as const;
export type RoleKey = (typeof roleKeys)[number];

export const actions = ["create", "read", "update", "delete"] as const;
export const entities = [
  "cohort",
  "enrollment",
  "person",
  "curriculum",
  "attendance",
  "leave",
  "certificate",
  "report",
  "audit",
] as const;
export const accesses = ["own", "cohort", "any"] as const;

export type PermissionString =
  `${(typeof actions)[number]}:${(typeof entities)[number]}:${(typeof accesses)[number]}`;

/** Staff-side roles land in /admin; trainees in the portal. */
export function homePathFor(roles: readonly string[]): string {
  return roles.some((role) => role === "admin" || role === "staff" || role === "instructor") ? "/admin" : "/";
}
