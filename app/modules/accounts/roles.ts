// Roles and typed permission strings ("action:entity:access"), shared with the browser.

/** `viewer`: a co-organising organisation's read-only account (查看账号), see organisation-viewers.server.ts. */
export const roleKeys = ["admin", "staff", "instructor", "trainee", "viewer"] as const;
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
  /** A cohort's people as co-organisers may see them: names, companies, positions, attendance; never contact details. */
  "roster",
] as const;
/** `organisation`: the cohorts that the person's organisation organises or co-organises (viewers). */
export const accesses = ["own", "cohort", "organisation", "any"] as const;

export type PermissionString =
  `${(typeof actions)[number]}:${(typeof entities)[number]}:${(typeof accesses)[number]}`;

/** Where a viewer lands: the reports, the one page of the admin area that is theirs besides their cohorts' rosters. */
export const VIEWER_HOME = "/admin/reports";

/** Staff-side roles land in /admin; viewers in the reports; trainees in the portal. */
export function homePathFor(roles: readonly string[]): string {
  if (roles.some((role) => role === "admin" || role === "staff" || role === "instructor")) return "/admin";
  return roles.includes("viewer") ? VIEWER_HOME : "/";
}
