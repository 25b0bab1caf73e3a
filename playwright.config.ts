import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT) || 3100;

export default defineConfig({
  testDir: "./tests/e2e",
  // Whole stories (invite, activate, sign in) on a busy 2-core machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: "test-results/playwright",
  // .ci/run collects the totals of every runner from their JSON reports.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT ? [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT }]] : "list",
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium, not a downloaded browser build.
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: "tsx scripts/e2e-server.ts",
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(port), E2E_DATABASE: "data/e2e.db" },
  },
});
