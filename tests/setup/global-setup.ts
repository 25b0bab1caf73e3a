// Builds one migrated template database per test run; each test file copies it.
import type { TestProject } from "vitest/node";
import { prepareTemplateDatabase } from "./test-database.ts";

export default async function globalSetup(project: TestProject) {
  return prepareTemplateDatabase((key, value) => project.provide(key, value));
}
