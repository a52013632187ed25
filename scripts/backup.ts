/**
 * Logical backup and restore, written against PostgreSQL's own COPY so that the tool always
 * matches the server's version. (The embedded server is PostgreSQL 17; Debian bookworm ships
 * pg_dump 15, which refuses to dump a newer server, and the CI machine has nothing but Node.)
 *
 * A backup file is gzip'd text:
 *   CAB-PORTAL-BACKUP 1
 *   {header: server version, drizzle migration level, tables in dependency order}
 *   TABLE {"schema","name","columns"}      then the rows in COPY text format, then "\."
 *   ...
 *   SEQUENCES [{"name","value"}]
 *   END {"rows": {"schema.table": n}}
 * It is read from one REPEATABLE READ snapshot, so tables are consistent with each other.
 *
 * Restore rebuilds the schema from the migrations (up to the backup's migration level), loads the
 * rows in dependency order inside one transaction (checked against the END counts before it
 * commits), sets the sequences, then applies any newer migrations of this code.
 */
import { once } from "node:events";
import { cpSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import postgres from "postgres";

export const MAGIC = "CAB-PORTAL-BACKUP 1";
const SCHEMAS = ["public", "graphile_worker"];
// Filled by the migrations themselves on restore.
const SKIPPED = new Set(["graphile_worker.migrations"]);

type TableInfo = { schema: string; name: string; columns: string[] };
export type BackupHeader = {
  createdAt: string;
  serverVersion: string;
  /** created_at of the last applied drizzle migration (its journal "when"). */
  migrationLevel: number | null;
  tables: string[];
};
export type BackupSummary = { file: string; tables: number; rows: number; bytes: number; ms: number };

const qualified = (t: { schema: string; name: string }) => `"${t.schema}"."${t.name}"`;
const key = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;

/** Tables (plain and partitioned parents) of our schemas, parents before children of each foreign key. */
async function listTables(sql: postgres.Sql): Promise<TableInfo[]> {
  const rows = await sql<{ oid: number; schema: string; name: string }[]>`
    select c.oid::int as oid, n.nspname as schema, c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any(${SCHEMAS})
    order by n.nspname, c.relname`;
  const tables = rows.filter((t) => !SKIPPED.has(key(t)));
  const columns = await sql<{ oid: number; name: string }[]>`
    select attrelid::int as oid, attname as name from pg_attribute
    where attrelid = any(${tables.map((t) => t.oid)}) and attnum > 0 and not attisdropped and attgenerated = ''
    order by attrelid, attnum`;
  const edges = await sql<{ child: number; parent: number }[]>`
    select conrelid::int as child, confrelid::int as parent from pg_constraint
    where contype = 'f' and conrelid = any(${tables.map((t) => t.oid)}) and conrelid <> confrelid`;

  // Topological order: a table after every table it references.
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const ordered: typeof tables = [];
  const state = new Map<number, "visiting" | "done">();
  const visit = (oid: number) => {
    if (state.get(oid) === "done" || !byOid.has(oid)) return;
    if (state.get(oid) === "visiting") return; // a cycle: session_replication_role covers it
    state.set(oid, "visiting");
    for (const e of edges) if (e.child === oid) visit(e.parent);
    state.set(oid, "done");
    ordered.push(byOid.get(oid)!);
  };
  tables.forEach((t) => visit(t.oid));
  return ordered.map((t) => ({ schema: t.schema, name: t.name, columns: columns.filter((c) => c.oid === t.oid).map((c) => c.name) }));
}

async function migrationLevel(sql: postgres.Sql): Promise<number | null> {
  const [exists] = await sql`select to_regclass('drizzle.__drizzle_migrations') as t`;
  if (!exists?.t) return null;
  const [row] = await sql`select max(created_at)::text as level from drizzle.__drizzle_migrations`;
  return row?.level ? Number(row.level) : null;
}

/** Writes a backup of the database at `url` to `file`. */
export async function backupDatabase(url: string, file: string): Promise<BackupSummary> {
  const started = Date.now();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(file);
  const done = pipeline(gzip, out);
  const write = async (text: string | Buffer) => {
    if (!gzip.write(text)) await once(gzip, "drain");
  };
  const counts: Record<string, number> = {};
  try {
    await sql.begin("isolation level repeatable read read only", async (tx) => {
      const tables = await listTables(tx);
      const [version] = await tx`show server_version`;
      const header: BackupHeader = {
        createdAt: new Date().toISOString(),
        serverVersion: String(version!.server_version),
        migrationLevel: await migrationLevel(tx),
        tables: tables.map(key),
      };
      await write(`${MAGIC}\n${JSON.stringify(header)}\n`);
      for (const table of tables) {
        await write(`TABLE ${JSON.stringify(table)}\n`);
        const cols = table.columns.map((c) => `"${c}"`).join(", ");
        const stream = await tx.unsafe(`copy (select ${cols} from ${qualified(table)}) to stdout`).readable();
        let rows = 0;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          for (const byte of chunk) if (byte === 10) rows++;
          await write(chunk);
        }
        // postgres.js 3.4 pauses the socket when a COPY chunk fills the stream's buffer and only
        // resumes it from the stream's read(); when that was the last chunk, the connection stays
        // paused and the next statement hangs. Its read() is `socket.resume()`: call it once more.
        (stream as unknown as { _read: (n: number) => void })._read(0);
        counts[key(table)] = rows;
        await write("\\.\n");
      }
      const sequences = await tx<{ name: string; value: string | null }[]>`
        select format('%I.%I', schemaname, sequencename) as name, last_value::text as value
        from pg_sequences where schemaname = any(${SCHEMAS})`;
      await write(`SEQUENCES ${JSON.stringify(sequences.filter((s) => s.value !== null))}\n`);
      await write(`END ${JSON.stringify({ rows: counts })}\n`);
    });
    gzip.end();
    await done;
  } catch (error) {
    gzip.destroy();
    out.destroy();
    rmSync(file, { force: true });
    throw error;
  } finally {
    await sql.end();
  }
  const bytes = readFileSync(file).length;
  return { file, tables: Object.keys(counts).length, rows: Object.values(counts).reduce((a, b) => a + b, 0), bytes, ms: Date.now() - started };
}

/** A copy of the migrations folder holding only the migrations up to `level`. */
function migrationsUpTo(level: number | null, folder = path.resolve("drizzle")) {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as { entries: { when: number; tag: string }[] };
  const known = journal.entries.map((e) => e.when);
  if (level !== null && !known.includes(level)) {
    const newest = Math.max(...known);
    throw new Error(
      level > newest
        ? `The backup comes from a newer version of the portal (migration ${level}; this code knows up to ${newest}). Restore it with that version.`
        : `The backup's migration level (${level}) is not one of this code's migrations: the drizzle folder was regenerated since. Restore with the version that made it.`,
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "cab-migrations-"));
  cpSync(folder, dir, { recursive: true });
  journal.entries = journal.entries.filter((e) => level !== null && e.when <= level);
  writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  return dir;
}

/** Reads the whole file once and checks its structure and row counts, before anything is dropped. */
export async function verifyBackupFile(file: string) {
  const lines = readline.createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let state: "magic" | "header" | "body" | "table" | "end" = "magic";
  let current = "";
  let rows = 0;
  const counts: Record<string, number> = {};
  let trailer: { rows: Record<string, number> } | null = null;
  try {
    for await (const line of lines) {
      if (state === "magic") {
        if (line !== MAGIC) throw new Error(`${file} is not a CAB Portal backup`);
        state = "header";
      } else if (state === "header") {
        JSON.parse(line);
        state = "body";
      } else if (state === "table") {
        if (line === "\\.") {
          counts[current] = rows;
          state = "body";
        } else rows++;
      } else if (line.startsWith("TABLE ")) {
        const t = JSON.parse(line.slice(6)) as TableInfo;
        current = key(t);
        rows = 0;
        state = "table";
      } else if (line.startsWith("END ")) {
        trailer = JSON.parse(line.slice(4)) as { rows: Record<string, number> };
        state = "end";
      }
    }
  } catch (error) {
    throw new Error(`${file} cannot be read (${(error as Error).message}): nothing was restored`);
  }
  if (state !== "end" || !trailer) throw new Error(`${file} is truncated (no END line): nothing was restored`);
  const wrong = Object.entries(trailer.rows).filter(([t, n]) => counts[t] !== n);
  if (wrong.length) throw new Error(`${file} is damaged (row counts ${wrong.map(([t]) => t).join(", ")}): nothing was restored`);
}

/** Replaces the contents of the database at `url` with the backup in `file`. */
export async function restoreDatabase(url: string, file: string): Promise<BackupSummary> {
  const started = Date.now();
  await verifyBackupFile(file);
  const lines = readline.createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await iterator.next();
    return done ? null : (value as string);
  };
  if ((await next()) !== MAGIC) throw new Error(`${file} is not a CAB Portal backup`);
  const header = JSON.parse((await next()) ?? "{}") as BackupHeader;
  const { runMigrations } = await import("../app/db/migrate.server");

  // 1. An empty schema at the backup's migration level.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const partial = migrationsUpTo(header.migrationLevel);
  const counts: Record<string, number> = {};
  try {
    await sql.unsafe(
      "drop schema if exists public cascade; drop schema if exists drizzle cascade; drop schema if exists graphile_worker cascade; create schema public;",
    );
    await runMigrations(url, partial);

    // 2. The rows, in one transaction, checked against the backup's own counts before commit.
    await sql.begin(async (tx) => {
      const [superuser] = await tx`select rolsuper from pg_roles where rolname = current_user`;
      // As superuser, skip triggers and FK checks while loading (self-references, trigger side effects);
      // otherwise dependency order alone has to do.
      if (superuser?.rolsuper) await tx`set local session_replication_role = replica`;
      const targets = header.tables.map((t) => `"${t.split(".")[0]}"."${t.split(".").slice(1).join(".")}"`);
      if (targets.length) await tx.unsafe(`truncate ${targets.join(", ")} restart identity cascade`);
      let trailer: { rows: Record<string, number> } | null = null;
      for (let line = await next(); line !== null; line = await next()) {
        if (line.startsWith("TABLE ")) {
          const table = JSON.parse(line.slice(6)) as TableInfo;
          const cols = table.columns.map((c) => `"${c}"`).join(", ");
          const copy = (await tx.unsafe(`copy ${qualified(table)} (${cols}) from stdin`).writable()) as Writable;
          const finished = once(copy, "finish");
          let rows = 0;
          try {
            let buffer = "";
            for (let row = await next(); row !== "\\."; row = await next()) {
              if (row === null) throw new Error(`${file} is truncated (it ends inside table ${key(table)}): nothing was restored`);
              buffer += row + "\n";
              rows++;
              if (buffer.length > 1 << 16) {
                if (!copy.write(buffer)) await once(copy, "drain");
                buffer = "";
              }
            }
            if (buffer) copy.write(buffer);
            copy.end();
            await finished;
          } catch (error) {
            // Abort the COPY (CopyFail) so the transaction can roll back cleanly.
            finished.catch(() => {});
            copy.destroy(error as Error);
            throw error;
          }
          counts[key(table)] = rows;
        } else if (line.startsWith("SEQUENCES ")) {
          for (const s of JSON.parse(line.slice(10)) as { name: string; value: string }[])
            await tx`select setval(${s.name}::regclass, ${s.value}::bigint, true)`;
        } else if (line.startsWith("END ")) {
          trailer = JSON.parse(line.slice(4)) as { rows: Record<string, number> };
        }
      }
      if (!trailer) throw new Error(`${file} is truncated (no END line): nothing was restored`);
      const wrong = Object.entries(trailer.rows).filter(([t, n]) => counts[t] !== n);
      if (wrong.length) throw new Error(`row counts differ from the backup: ${wrong.map(([t, n]) => `${t} ${counts[t]}/${n}`).join(", ")}`);
    });
  } finally {
    await sql.end();
    rmSync(partial, { recursive: true, force: true });
  }
  // 3. Migrations newer than the backup, as at any start.
  await runMigrations(url);
  return {
    file,
    tables: Object.keys(counts).length,
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    bytes: readFileSync(file).length,
    ms: Date.now() - started,
  };
}

/** Per table: row count and an md5 over all rows (ordered), to compare two databases. */
export async function tableChecksums(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await listTables(sql);
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const t of tables) {
      const cols = t.columns.map((c) => `"${c}"`).join(", ");
      const [row] = await sql.unsafe(
        `select count(*)::int as rows, md5(coalesce(string_agg(r::text, E'\\n' order by r::text), '')) as md5 from (select ${cols} from ${qualified(t)}) r`,
      );
      result[key(t)] = { rows: row!.rows as number, md5: row!.md5 as string };
    }
    const sequences =
      await sql`select format('%I.%I', schemaname, sequencename) as name, last_value::text as value from pg_sequences where schemaname = any(${SCHEMAS})`;
    for (const s of sequences) result[`sequence ${s.name}`] = { rows: 0, md5: String(s.value) };
    return result;
  } finally {
    await sql.end();
  }
}
