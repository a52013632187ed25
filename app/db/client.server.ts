import type { AsyncLocalStorage } from "node:async_hooks";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Functions that write take either the database or an open transaction. */
export type DbOrTx = Database | Transaction;

let connection: { sql: postgres.Sql; db: Database } | null = null;

/**
 * With BENCH_COUNT_SQL=1 the server (server/app.ts) puts a counter in an AsyncLocalStorage for
 * each request and reports it as X-SQL-Count; it lives on globalThis so that the server and this
 * bundled module share it. Counted when postgres.js sends a statement.
 */
const SQL_COUNTER = Symbol.for("cab.sqlCounter");
function countStatement() {
  const storage = (globalThis as Record<symbol, AsyncLocalStorage<{ count: number }> | undefined>)[SQL_COUNTER];
  const store = storage?.getStore();
  if (store) store.count++;
}

function connect() {
  if (connection) return connection;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the server starts the database before the app.");
  const sql = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    onnotice: () => {},
    // While the database is away, a query must fail fast (the app answers 503) rather than wait:
    // postgres.js's default reconnect backoff grows to 20 s, which both hangs requests during an
    // outage and delays recovery after it. Retry within half a second instead.
    connect_timeout: 3,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    idle_timeout: 30,
    connection: { application_name: "cab-portal" },
    ...(process.env.BENCH_COUNT_SQL === "1" ? { debug: countStatement } : {}),
  });
  connection = { sql, db: drizzle(sql, { schema }) };
  return connection;
}

/** The raw postgres.js client (for health checks and tools). */
export function getSql() {
  return connect().sql;
}

/**
 * The drizzle database. Connected lazily so that the server (or a test) can point
 * DATABASE_URL at the embedded PostgreSQL before the first query.
 */
export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const real = connect().db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export async function closeDatabase() {
  if (!connection) return;
  const { sql } = connection;
  connection = null;
  await sql.end({ timeout: 5 });
}

export async function checkDatabase(timeoutMs = 2000): Promise<boolean> {
  try {
    const sql = getSql();
    await Promise.race([sql`select 1`, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs))]);
    return true;
  } catch {
    return false;
  }
}
