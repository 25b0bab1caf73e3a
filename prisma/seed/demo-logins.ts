// The demo academy's sign-ins. Kept apart from the seed so the start script can
// print them without loading Prisma. Demo only: these passwords are public.

export type DemoLogin = {
  role: "admin" | "staff" | "instructor" | "trainee" | "viewer";
  /** What to type in the sign-in form's identifier field. */
  login: string;
  password: string;
};

export type DemoAccount = DemoLogin & { name: string };

export const DEMO_TRAINEE_COUNT = 87;
/** Trainees get 13800000001, 13800000002, … in roster order, from the range commonly used as a placeholder. */
export const DEMO_TRAINEE_MOBILE_BASE = 13_800_000_000;

export function demoTraineeMobile(index: number): string {
  return String(DEMO_TRAINEE_MOBILE_BASE + index + 1);
}

export const demoAdmin = {
  role: "admin",
  name: "学院管理员",
  login: "admin@demo.academy",
  password: "Academy-Admin-2025",
} as const satisfies DemoAccount;

export const demoStaff = {
  role: "staff",
  name: "陈静",
  login: "staff@demo.academy",
  password: "Academy-Staff-2025",
} as const satisfies DemoAccount;

/** Also the lecturer 林文博 of the partner university (see demo-data.ts). */
export const demoInstructor = {
  role: "instructor",
  name: "林文博",
  login: "teacher@demo.academy",
  password: "Academy-Teacher-2025",
} as const satisfies DemoAccount;

/** The county federation's read-only viewer account (查看账号): its reports and the first cohort's roster, which it co-organises. */
export const demoViewer = {
  role: "viewer",
  name: "周晓岚",
  login: "county@demo.academy",
  password: "Academy-Viewer-2025",
} as const satisfies DemoAccount;

/** The organisation the demo viewer reads for (a key of demo-data.ts's organisations). */
export const DEMO_VIEWER_ORGANISATION = "county_federation";

/** Every demo trainee shares this password; the first one is the one to show. */
export const DEMO_TRAINEE_PASSWORD = "Academy-Trainee-2025";

export const demoLogins: readonly DemoLogin[] = [
  { role: demoAdmin.role, login: demoAdmin.login, password: demoAdmin.password },
  { role: demoStaff.role, login: demoStaff.login, password: demoStaff.password },
  { role: demoInstructor.role, login: demoInstructor.login, password: demoInstructor.password },
  { role: demoViewer.role, login: demoViewer.login, password: demoViewer.password },
  { role: "trainee", login: demoTraineeMobile(0), password: DEMO_TRAINEE_PASSWORD },
];

export function formatDemoLogins(): string {
  const lastTrainee = demoTraineeMobile(DEMO_TRAINEE_COUNT - 1);
  const rows = [["role", "login", "password"], ...demoLogins.map((login) => [login.role, login.login, login.password])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((width) => "-".repeat(width)).join("  "));
  return [
    "Demo sign-ins:",
    ...lines.map((line) => `  ${line}`),
    `  (trainees ${demoTraineeMobile(0)} … ${lastTrainee} all use ${DEMO_TRAINEE_PASSWORD})`,
  ].join("\n");
}

export function printDemoLogins(write: (text: string) => void = console.log): void {
  write(formatDemoLogins());
}
