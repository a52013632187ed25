import { execSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/embedded-postgres";

export const TEMPLATE_DB = "cab_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
  }
}

/**
 * One PostgreSQL per test run (the one `npm test` started, or an embedded one of our own),
 * with a migrated template database that every test file clones (see database-per-file.ts).
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | null = null;
  let dataDir: string | null = null;
  let adminUrl = process.env.TEST_PG_URL;
  if (!adminUrl) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "cab-vitest-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), preferredPort: 0 });
    adminUrl = embedded.url("postgres");
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DB}`);
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  const { runMigrations } = await import("../../app/db/migrate.server");
  await runMigrations(templateUrl);
  // The template carries the demo data, so every test file starts with the demo accounts.
  process.env.DATABASE_URL = templateUrl;
  const { seedDemoData } = await import("../../seeds/demo.server");
  const { closeDatabase } = await import("../../app/db/client.server");
  await seedDemoData();
  await closeDatabase();
  delete process.env.DATABASE_URL;
  await admin.end();

  // Route tests drive the real server build; build it once if it is missing or stale.
  if (!process.env.SKIP_REMIX_BUILD) execSync("npx remix build", { stdio: "ignore" });

  project.provide("pgAdminUrl", adminUrl);
  project.provide("templateDb", TEMPLATE_DB);

  return async () => {
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
