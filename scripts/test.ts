/**
 * `npm test`: the whole pyramid. Builds the app, starts one embedded PostgreSQL for the run,
 * runs vitest (unit + integration) and Playwright (e2e in Debian's Chromium), and ends with
 * one line "N passed, N failed" totalled over both.
 *
 *   npm test                          everything
 *   npm test -- --unit [filter…]      vitest only (filters are passed to vitest)
 *   npm test -- --e2e [filter…]       Playwright only (filters are passed to Playwright)
 */
import { spawnSync, execSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { getFreePort, startEmbeddedPostgres } from "../server/embedded-postgres";

const args = process.argv.slice(2);
const unitOnly = args.includes("--unit");
const e2eOnly = args.includes("--e2e") || args.includes("--e2e-only");
const filters = args.filter((a) => !a.startsWith("--"));

function ensureChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing: installing Debian's chromium with apt-get…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null", { stdio: "inherit" });
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  console.error("The e2e tests need Chromium. Install it (Debian: `sudo apt-get install chromium`) or set CHROMIUM_PATH.");
  process.exit(1);
}

function run(command: string, commandArgs: string[], env: Record<string, string>) {
  const result = spawnSync(command, commandArgs, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

async function main() {
  mkdirSync(".cache", { recursive: true });
  const chromium = unitOnly ? null : ensureChromium();
  execSync("npx remix build", { stdio: "inherit" });

  const tmp = mkdtempSync(path.join(os.tmpdir(), "cab-test-"));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), preferredPort: await getFreePort() });
  const adminUrl = pg.url("postgres");
  let passed = 0;
  let failed = 0;
  let exitCode = 0;
  try {
    if (!e2eOnly) {
      rmSync(".cache/vitest.json", { force: true });
      const code = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=.cache/vitest.json", ...filters], {
        TEST_PG_URL: adminUrl,
        SKIP_REMIX_BUILD: "1",
      });
      const report = readJson<{ numPassedTests: number; numFailedTests: number; numTotalTests: number }>(".cache/vitest.json");
      passed += report?.numPassedTests ?? 0;
      failed += report ? report.numFailedTests : 1;
      if (code !== 0) exitCode = code;
    }
    if (!unitOnly) {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe("drop database if exists cab_e2e with (force)");
      await admin.unsafe("create database cab_e2e");
      await admin.end();
      rmSync(".cache/playwright.json", { force: true });
      const code = run("npx", ["playwright", "test", ...filters], {
        E2E_DATABASE_URL: pg.url("cab_e2e"),
        E2E_PORT: String(await getFreePort()),
        CHROMIUM_PATH: chromium!,
      });
      const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(".cache/playwright.json");
      passed += (report?.stats.expected ?? 0) + (report?.stats.flaky ?? 0);
      failed += report ? report.stats.unexpected : 1;
      if (code !== 0) exitCode = code;
    }
  } finally {
    await pg.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(exitCode || (failed > 0 ? 1 : 0));
}

main().catch((error) => {
  console.error(error);
  console.log("\n0 passed, 1 failed");
  process.exit(1);
});
