// The map of app/modules: what each folder owns and which other folders it may
// import. docs/architecture.md shows the same table (a test keeps the two
// alike) and eslint.config.js turns it into import rules.
//
// Layers: routes → modules → components → utils. Nothing imports routes;
// components and utils import no module. Between modules, a folder imports
// only the folders it lists under `uses`.

const base = ["audit", "accounts", "academy"];

/**
 * @typedef {{
 *   owns: string;
 *   uses: readonly string[] | "all";
 *   allow?: readonly string[];
 *   planned?: boolean;
 * }} ModuleRule
 */

/** @type {Record<string, ModuleRule>} */
export const modules = {
  audit: { owns: "the audit log: recording and reading what was done, by whom", uses: [] },
  accounts: {
    owns: "sign-in, sessions, passwords, invitations, roles, permissions and the actor's scope",
    uses: ["audit", "academy"],
  },
  academy: {
    owns: "the academy's settings and time zone, reference data, track keys, session kinds, track badges",
    uses: ["audit", "accounts"],
  },
  files: {
    owns: "the content-addressed file store, file-type detection, reading upload forms",
    uses: [],
  },
  cohorts: {
    owns: "cohorts, applications, enrolments, seats, the trainee's own cohorts",
    uses: [...base],
    // The application form asks for the same trainee details as the profile.
    allow: ["people/profile.ts"],
  },
  people: { owns: "adding people, running their accounts, trainee profiles, credit codes", uses: [...base, "cohorts"] },
  roster: { owns: "importing a cohort's roster from a spreadsheet", uses: [...base, "cohorts", "people"] },
  materials: { owns: "course materials (files and links) of a module, and who may open them", uses: [...base, "cohorts", "files"] },
  programme: {
    owns: "modules by track, the hours balance, copying modules from an earlier cohort",
    uses: [...base, "cohorts", "materials"],
  },
  faculty: { owns: "lecturers (profiles, photos, account links) and venues", uses: [...base, "files", "materials"] },
  timetable: {
    owns: "sessions: scheduling, clashes, change history, week views, the timetable workbook, my teaching",
    uses: [...base, "cohorts", "programme", "faculty"],
  },
  calendar: {
    owns: "iCalendar feeds, their secret addresses and resets, subscription pages, add to calendar",
    uses: [...base, "cohorts", "timetable"],
  },
  attendance: {
    owns: "check-in (rotating codes, the projector screen, guests, flags), roll call, sign-in sheets, leave, derived absence, attendance rates and the grid, the staff's day",
    uses: [...base, "cohorts", "programme", "faculty", "timetable"],
  },
  certificates: {
    owns: "certificates earned by attendance: the rule, issuance, revocation and reissue, the PDF and image (stored at issuance), downloads and the cohort's archive, Open Badges credentials (signing keys, status list), public verification",
    uses: [...base, "cohorts", "programme", "attendance", "files", "materials"],
  },
  reports: {
    owns: "the academy's report: figures by period, breakdowns, charts, the workbook, the print view and figures' lists; co-organisers' read-only rosters; the reports API; nothing imports reports",
    uses: "all",
  },
};

export const moduleNames = Object.keys(modules);

/** The folders `name` may not import, or [] when it may import every module. */
export function forbiddenFor(name) {
  const rule = modules[name];
  if (!rule) throw new Error(`app/modules/${name} is not in eslint/architecture.js`);
  const others = moduleNames.filter((other) => other !== name);
  if (rule.uses === "all") return others.filter((other) => other === "reports");
  return others.filter((other) => !rule.uses.includes(other));
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regular expression matching imports of `folder` written as ~/modules/…, ../… or app/modules/…, except `allowed` files. */
export function importOf(folder, allowed = []) {
  const except = allowed
    .filter((path) => path.startsWith(`${folder}/`))
    .map((path) => `(?!${escape(path.slice(folder.length + 1))}$)`)
    .join("");
  return `(^~/modules/|^(\\.\\./)+(modules/)?|app/modules/)${escape(folder)}(/${except}|$)`;
}

/** Imports of routes from anywhere in app/ but the route files. */
export const routesImport = "(^~/routes(/|$)|^(\\.\\./)+routes(/|$)|app/routes(/|$))";
/** Imports of any module. */
export const anyModuleImport = "(^~/modules(/|$)|^(\\.\\./)+modules(/|$)|app/modules(/|$))";
/** Imports of shared components. */
export const componentsImport = "(^~/components(/|$)|^(\\.\\./)+components(/|$)|app/components(/|$))";
