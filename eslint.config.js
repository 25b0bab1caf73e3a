import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import {
  anyModuleImport,
  componentsImport,
  forbiddenFor,
  importOf,
  moduleNames,
  modules,
  routesImport,
} from "./eslint/architecture.js";

const prismaClient = {
  group: ["**/prisma/generated/*/client*"],
  message: "Import the Prisma client only through app/utils/db.server.ts.",
};
const noRoutes = { regex: routesImport, message: "Nothing imports a route; move what is shared into a module (docs/architecture.md)." };

/** Import rules of one folder of app/modules, from the map in eslint/architecture.js. */
const moduleBoundaries = moduleNames.map((name) => ({
  files: [`app/modules/${name}/**/*.{ts,tsx,js}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          prismaClient,
          noRoutes,
          ...forbiddenFor(name).map((other) => ({
            regex: importOf(other, modules[name].allow),
            message: `app/modules/${name} may not import app/modules/${other} (docs/architecture.md).`,
          })),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "prisma/generated/", "test-results/", "playwright-report/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-imports": ["error", { patterns: [prismaClient] }],
    },
  },
  {
    // A folder under app/modules that the map does not name fails here: add it to eslint/architecture.js.
    files: ["app/modules/**/*.{ts,tsx,js}"],
    ignores: moduleNames.map((name) => `app/modules/${name}/**`),
    rules: { "no-restricted-imports": ["error", { patterns: [{ regex: ".", message: "This folder is not in the module map (eslint/architecture.js, docs/architecture.md)." }] }] },
  },
  ...moduleBoundaries,
  {
    files: ["app/components/**/*.{ts,tsx,js}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            prismaClient,
            noRoutes,
            { regex: anyModuleImport, message: "Shared components import no module; pass what they show in (docs/architecture.md)." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/utils/**/*.{ts,tsx,js}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            prismaClient,
            noRoutes,
            { regex: anyModuleImport, message: "Utilities import no module (docs/architecture.md)." },
            { regex: componentsImport, message: "Utilities import no component (docs/architecture.md)." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/utils/db.server.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
