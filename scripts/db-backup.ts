/**
 * npm run db:backup [FILE]     writes a backup (default backups/cab-<time>.cabbackup.gz)
 * npm run db:restore FILE      replaces the database's contents with the backup
 *
 * Against DATABASE_URL, or the embedded PostgreSQL in DATA_DIR (.data/postgres) when it is unset:
 * if that one is running (the server has it), the tool connects to it; otherwise it starts it
 * for the duration. See scripts/backup.ts for the format and why it is not pg_dump.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/embedded-postgres";
import { backupDatabase, restoreDatabase } from "./backup";

const [command, fileArg] = process.argv.slice(2);

/** The port of the embedded PostgreSQL running on dataDir, if one is. */
function runningEmbeddedPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch (error) {
    // EPERM: it runs as the "postgres" user, so it is alive.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? Number(port) : null;
  }
}

async function main() {
  if ((command !== "backup" && command !== "restore") || (command === "restore" && !fileArg)) {
    console.error("usage: npm run db:backup [FILE]  |  npm run db:restore FILE");
    process.exit(2);
  }
  let url = process.env.DATABASE_URL;
  let embedded: EmbeddedDatabase | null = null;
  if (!url) {
    const dataDir = path.resolve(process.env.DATA_DIR ?? ".data/postgres");
    const port = runningEmbeddedPort(dataDir);
    if (port) {
      url = `postgres://postgres:postgres@127.0.0.1:${port}/cab`;
    } else {
      if (command === "backup" && !existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error(`no database in ${dataDir} to back up`);
      embedded = await startEmbeddedPostgres({ dataDir, databases: ["cab"] });
      url = embedded.url("cab");
    }
  }
  try {
    if (command === "backup") {
      const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
      const file = path.resolve(fileArg ?? `backups/cab-${stamp}.cabbackup.gz`);
      mkdirSync(path.dirname(file), { recursive: true });
      const result = await backupDatabase(url, file);
      console.log(`backup written: ${result.file} (${result.tables} tables, ${result.rows} rows, ${(result.bytes / 1024).toFixed(1)} KiB, ${result.ms} ms)`);
    } else {
      const result = await restoreDatabase(url, path.resolve(fileArg!));
      console.log(`restored ${result.file}: ${result.tables} tables, ${result.rows} rows in ${result.ms} ms`);
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
