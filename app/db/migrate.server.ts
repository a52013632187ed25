import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { runMigrations as runWorkerMigrations } from "graphile-worker";
import postgres from "postgres";

const MIGRATION_LOCK = 724_311; // any constant shared by every instance

/** Applies drizzle/ migrations under an advisory lock, so instances starting together migrate once. */
export async function runMigrations(url = process.env.DATABASE_URL, migrationsFolder = path.resolve("drizzle")) {
  if (!url) throw new Error("DATABASE_URL is not set");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder });
      // The job queue's own schema, so jobs can be added in any transaction from the start.
      await runWorkerMigrations({ connectionString: url });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await sql.end();
  }
}
