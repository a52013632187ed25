/**
 * npm run db:migrate | db:seed | db:reset — against DATABASE_URL, or the embedded
 * PostgreSQL in .data/ when it is unset (the same one `npm start` uses).
 * `tsx scripts/db.ts streets FILE` loads the office's street list (one street a line; an empty
 * file turns the list off) and recomputes every concern's public location against it.
 */
import { rmSync } from "node:fs";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/embedded-postgres";

const command = process.argv[2];
const dataDir = process.env.DATA_DIR ?? ".data/postgres";

async function main() {
  if (!["migrate", "seed", "reset", "streets"].includes(command ?? "")) {
    console.error("usage: tsx scripts/db.ts migrate|seed|reset|streets FILE");
    process.exit(2);
  }
  let embedded: EmbeddedDatabase | null = null;
  if (command === "reset" && !process.env.DATABASE_URL) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`removed ${dataDir}`);
  }
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir, databases: ["cab"] });
    process.env.DATABASE_URL = embedded.url("cab");
  }
  const { runMigrations } = await import("../app/db/migrate.server");
  const { closeDatabase, db } = await import("../app/db/client.server");
  try {
    if (command === "reset" && !embedded) {
      const { sql } = await import("drizzle-orm");
      await db.execute(
        sql`drop schema if exists public cascade; drop schema if exists drizzle cascade; drop schema if exists graphile_worker cascade; create schema public;`,
      );
    }
    await runMigrations();
    console.log("migrations applied");
    const { backfillPublicLocations, replaceStreetList } = await import("../app/modules/concerns/index.server");
    if (command === "streets") {
      const { readFileSync } = await import("node:fs");
      const lines = readFileSync(process.argv[3] ?? "/dev/stdin", "utf8").split(/\r?\n/);
      const result = await replaceStreetList(lines, { id: null });
      if (!result.ok) throw new Error(`street list: ${result.error}`);
      console.log(`street list: ${result.count} streets${result.rejected.length ? `; not read as a street: ${result.rejected.join(" | ")}` : ""}`);
      console.log(`public locations recomputed: ${await backfillPublicLocations({ all: true })}`);
      return;
    }
    console.log(`public locations computed: ${await backfillPublicLocations()}`);
    if (command !== "migrate") {
      const { seedDemoData } = await import("../seeds/demo.server");
      await seedDemoData();
      console.log("demo data seeded");
    }
  } finally {
    await closeDatabase();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
