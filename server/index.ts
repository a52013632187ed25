import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createApp, hooksOf } from "./app";
import { ConfigError, resolveAppUrl } from "./config";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";
import { createLogger } from "./logging";

const logger = createLogger();

// postgres.js can throw from a timer when the database drops a connection mid-write (its socket
// is already gone: "Cannot read properties of null (reading 'write')"). That connection is dead
// and the pool reconnects by itself, so log it and keep serving instead of dying with the outage.
process.on("uncaughtException", (error) => {
  if (/node_modules\/postgres\/src\/connection\.js/.test(error.stack ?? "")) {
    logger.warn({ err: error }, "database connection lost mid-write; the pool reconnects");
    return;
  }
  logger.fatal({ err: error }, "uncaught exception");
  process.exit(1);
});
const port = Number(process.env.PORT ?? 3000);

// The public origin comes from configuration only; production refuses to start without it.
let appUrl: string;
try {
  appUrl = resolveAppUrl();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`CAB Portal cannot start: ${error.message}`);
  process.exit(1);
}
process.env.APP_URL = appUrl;
// HTTP worker processes (node:cluster); every core by default. 1 = a single process, no cluster.
const concurrency = Math.max(1, Number(process.env.WEB_CONCURRENCY || os.availableParallelism()));

async function loadBuild() {
  return (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
}

/** A cluster worker: serves HTTP only. The primary did the database set-up and runs the jobs. */
async function worker() {
  const build = await loadBuild();
  const hooks = hooksOf(build);
  const app = createApp({ build, logger, appUrl });
  const server = app.listen(port);
  const shutdown = async () => {
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await hooks.closeDatabase();
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => {}); // the primary decides
  process.on("disconnect", () => void shutdown());
}

async function main() {
  const started = Date.now();
  let embedded: EmbeddedDatabase | null = null;
  if (!process.env.DATABASE_URL) {
    const dataDir = process.env.DATA_DIR ?? ".data/postgres";
    logger.info({ dataDir }, "DATABASE_URL is not set: starting embedded PostgreSQL");
    embedded = await startEmbeddedPostgres({ dataDir, databases: ["cab"], log: (m) => logger.debug(m) });
    process.env.DATABASE_URL = embedded.url("cab");
    logger.info({ port: embedded.port }, "embedded PostgreSQL is up");
  }

  const build = await loadBuild();
  const hooks = hooksOf(build);
  await hooks.runMigrations();
  logger.info("migrations applied");

  if (process.env.NODE_ENV !== "production" && process.env.SEED !== "false") {
    const logins = await hooks.seed();
    logger.info("demo data is in place");
    printLogins(logins);
  }

  const stopWorker = process.env.WORKER === "false" ? null : await hooks.startWorker();
  let stopping = false;
  let server: { close: (cb: () => void) => void };
  if (concurrency === 1) {
    const app = createApp({ build, logger, appUrl });
    server = app.listen(port, () => {
      logger.info({ url: appUrl, port, ms: Date.now() - started }, "CAB Portal is ready");
    });
  } else {
    // The workers share the port; the primary keeps the jobs and the embedded database.
    let ready = 0;
    const fork = () => cluster.fork({ DATABASE_URL: process.env.DATABASE_URL });
    cluster.on("listening", () => {
      if (++ready === concurrency) logger.info({ url: appUrl, port, workers: concurrency, ms: Date.now() - started }, "CAB Portal is ready");
    });
    cluster.on("exit", (w, code, signal) => {
      if (stopping) return;
      logger.error({ pid: w.process.pid, code, signal }, "web worker died: starting another");
      fork();
    });
    for (let i = 0; i < concurrency; i++) fork();
    server = {
      close: (cb) => {
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
        const check = setInterval(() => {
          if (!Object.values(cluster.workers ?? {}).length) {
            clearInterval(check);
            cb();
          }
        }, 50);
      },
    };
  }

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await stopWorker?.();
    await hooks.closeDatabase();
    await embedded?.stop();
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

function printLogins(logins: { email: string; role: string }[] | undefined) {
  if (!logins?.length) return;
  const password = process.env.DEMO_PASSWORD ?? "demo-password-2026";
  const lines = logins.map((l) => `  ${l.email.padEnd(24)} ${l.role}`);
  console.log(`\nDemo logins (password: ${password}):\n${lines.join("\n")}\n`);
}

(cluster.isPrimary ? main() : worker()).catch((error) => {
  logger.fatal({ err: error }, "failed to start");
  process.exit(1);
});
