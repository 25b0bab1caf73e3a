// Runs in each test worker before a test file: gives the file a fresh database
// of its own before anything imports the Prisma client.
import "@testing-library/jest-dom/vitest";
import { switchToFreshDatabase } from "./test-database.ts";

await switchToFreshDatabase();
