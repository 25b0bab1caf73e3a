// The demo academy's logins, as README.md lists them.
export const demo = {
  admin: { login: "admin@demo.academy", password: "Academy-Admin-2025" },
  instructor: { login: "teacher@demo.academy", password: "Academy-Teacher-2025" },
  trainee: { login: "13800000001", password: "Academy-Trainee-2025" },
  /** The county federation's read-only viewer account (查看账号). */
  viewer: { login: "county@demo.academy", password: "Academy-Viewer-2025" },
} as const;
