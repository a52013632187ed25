import { defineConfig, devices } from "@playwright/test";

// scripts/test.ts starts PostgreSQL and sets these; see README "Running one test".
const port = Number(process.env.E2E_PORT ?? 3123);
const databaseUrl = process.env.E2E_DATABASE_URL;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".cache/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "npx tsx server/index.ts",
    url: `http://localhost:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      DATA_DIR: process.env.E2E_DATA_DIR ?? ".data-e2e/postgres",
      RESEND_API_KEY: "",
      AUTH_RATE_LIMIT_PER_IP: "1000",
      LOG_LEVEL: "warn",
      // Informal polls are sealed with this (tests never depend on a generated development key).
      BALLOT_SEAL_KEY: "0e20000000000000000000000000000000000000000000000000000000000002",
    },
  },
});
