// The module map is enforced: an import against docs/architecture.md fails the
// lint, one that follows it passes, and the page and the rules say the same.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";
import { moduleNames, modules } from "../../eslint/architecture.js";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.js") });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { value } from "${source}";\nexport const copy = value;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("imports against the map fail the lint", () => {
  test.each([
    ["app/modules/timetable/probe.ts", "~/modules/calendar/calendar.ts", "app/modules/timetable may not import app/modules/calendar"],
    ["app/modules/cohorts/probe.ts", "~/modules/timetable/sessions.ts", "app/modules/cohorts may not import app/modules/timetable"],
    ["app/modules/cohorts/probe.ts", "../people/people.ts", "app/modules/cohorts may not import app/modules/people"],
    ["app/modules/attendance/probe.ts", "~/modules/certificates/rules.ts", "app/modules/attendance may not import app/modules/certificates"],
    ["app/modules/faculty/probe.ts", "~/modules/reports/summary.server.ts", "app/modules/faculty may not import app/modules/reports"],
    ["app/modules/materials/probe.ts", "~/routes/admin.tsx", "Nothing imports a route"],
    ["app/components/probe.tsx", "~/modules/faculty/lecturers.ts", "Shared components import no module"],
    ["app/utils/probe.ts", "../modules/timetable/sessions.ts", "Utilities import no module"],
    ["app/utils/probe.ts", "~/components/forms.tsx", "Utilities import no component"],
    ["app/modules/unmapped/probe.ts", "~/utils/time.ts", "not in the module map"],
  ])("%s importing %s", async (filePath, source, message) => {
    const errors = await importErrors(filePath, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });
});

describe("imports along the map pass", () => {
  test.each([
    ["app/modules/timetable/probe.ts", "~/modules/faculty/lecturers.ts"],
    ["app/modules/calendar/probe.ts", "~/modules/timetable/timetable.server.ts"],
    ["app/modules/cohorts/probe.ts", "../people/profile.ts"],
    ["app/modules/attendance/probe.ts", "~/modules/timetable/sessions.ts"],
    ["app/modules/reports/probe.ts", "~/modules/attendance/anything.ts"],
    ["app/modules/materials/probe.ts", "~/components/forms.tsx"],
    ["app/components/probe.tsx", "~/utils/time.ts"],
    ["app/routes/probe.tsx", "~/modules/calendar/calendar.ts"],
  ])("%s importing %s", async (filePath, source) => {
    expect(await importErrors(filePath, source)).toEqual([]);
  });
});

describe("docs/architecture.md and eslint/architecture.js agree", () => {
  const page = readFileSync(path.join(root, "docs/architecture.md"), "utf8");
  const rows = new Map(
    [...page.matchAll(/^\| `([a-z-]+)`[^|]*\|[^|]*\| (.*) \|$/gm)].map(([, name = "", uses = ""]) => [name, uses] as const),
  );

  test("every folder in app/modules is in the map", () => {
    const folders = readdirSync(path.join(root, "app/modules"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !moduleNames.includes(folder))).toEqual([]);
  });

  test.each(moduleNames)("the page's row for %s lists what the rules allow", (name) => {
    const uses = rows.get(name);
    expect(uses, `docs/architecture.md has no row for ${name}`).toBeDefined();
    const rule = modules[name]!;
    if (rule.uses === "all") return expect(uses).toBe("every module");
    const listed = [...(uses ?? "").replace(/\(.*\)/, "").matchAll(/`([a-z-]+)`/g)].map(([, folder]) => folder);
    expect(listed.sort()).toEqual([...rule.uses].sort());
    for (const file of rule.allow ?? []) expect(uses).toContain(`\`${file}\``);
  });

  test("the page has no row the map lacks", () => {
    expect([...rows.keys()].filter((name) => !moduleNames.includes(name))).toEqual([]);
  });
});
