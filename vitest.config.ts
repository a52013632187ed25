import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    globals: true,
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}", "seeds/**/*.test.ts", "server/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/database-per-file.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // BALLOT_SEAL_KEY: the key informal polls are sealed with (a fixed test key; never in the database).
    env: { LOG_LEVEL: "silent", BALLOT_SEAL_KEY: "7e57000000000000000000000000000000000000000000000000000000000001" },
  },
});
