/**
 * `npm run worker`: the job queue alone, without the web server. Point several app instances
 * (each started with WORKER=false, or not) and any number of these at one DATABASE_URL:
 * graphile-worker hands each job to exactly one of them and runs each cron tick once.
 */
import { pino } from "pino";
import { closeDatabase } from "../app/db/client.server";
import { runMigrations } from "../app/db/migrate.server";
import { createRunner } from "./jobs";

const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });

async function main() {
  if (!process.env.DATABASE_URL) {
    // No embedded database here: a lone worker must share the app's database to be useful.
    logger.fatal("npm run worker needs DATABASE_URL (the same database as the app instances).");
    process.exit(1);
  }
  // Safe with instances starting together: migrations run once, under an advisory lock.
  await runMigrations();
  const runner = await createRunner();
  logger.info({ concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4) }, "worker is running");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "worker stopping");
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await runner.stop().catch((error) => logger.error({ err: error }, "worker stop failed"));
    await closeDatabase();
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  await runner.promise;
}

main().catch((error) => {
  logger.fatal({ err: error }, "worker failed");
  process.exit(1);
});
