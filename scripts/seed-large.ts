/**
 * npm run seed:large — a county-scale database for the benchmarks (bench/run.ts), repeatable:
 * the same fixed random seed gives the same rows every time. Runs the migrations and the demo
 * seed first (the benchmarks sign in as the demo users), then each step below; a step whose data
 * is already there is skipped. Against DATABASE_URL, or the embedded PostgreSQL in
 * BENCH_DATA_DIR (.data-bench/postgres) when it is unset — not your development database.
 *
 * Target (issue 9): 2,000 users, 500 briefs (one with 1,000 comments), 200,000 concerns,
 * 2,000,000 case rows aggregated into metric facts, 50 meetings with minutes.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/embedded-postgres";

export const LARGE_SEED = 20_260_101;

/** mulberry32: a small, fast PRNG with a fixed seed, so every run makes the same data. */
export function prng(seed = LARGE_SEED) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    /** A UUID made from the PRNG: stable ids across runs. */
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
}

/**
 * The benchmark database's server settings: a county-scale database wants more than the
 * embedded default of 128 MB of shared buffers (the facts and their indexes are ~600 MB),
 * and bulk loads want fewer checkpoints.
 */
export const BENCH_PG_FLAGS = [
  "-c",
  "shared_buffers=1GB",
  "-c",
  "effective_cache_size=4GB",
  "-c",
  "max_wal_size=4GB",
  "-c",
  "checkpoint_timeout=30min",
  "-c",
  "maintenance_work_mem=256MB",
];

/** The embedded benchmark database (BENCH_DATA_DIR, .data-bench/postgres): never the development one. */
export async function startBenchDatabase() {
  return startEmbeddedPostgres({
    dataDir: process.env.BENCH_DATA_DIR ?? ".data-bench/postgres",
    preferredPort: 5433,
    databases: ["cab"],
    postgresFlags: BENCH_PG_FLAGS,
  });
}

export type LargeSeedStep = {
  name: string;
  /** Inserts the step's rows; returns how many. Undefined: the module has not landed yet. */
  run?: (ctx: { random: ReturnType<typeof prng>; log: (line: string) => void }) => Promise<number>;
};

const FIRST = ["Maria", "James", "Ana", "Robert", "Linh", "David", "Fatima", "Carlos", "Grace", "Omar", "Rosa", "Tom", "Keisha", "Pedro", "Mei", "Sam"];
const LAST = [
  "Garcia",
  "Smith",
  "Nguyen",
  "Johnson",
  "Okafor",
  "Brown",
  "Haddad",
  "Lopez",
  "Kim",
  "Miller",
  "Alvarez",
  "Carter",
  "Lin",
  "Russo",
  "Davis",
  "Moore",
];

export const STEPS: LargeSeedStep[] = [
  {
    name: "users (2,000)",
    async run({ random }) {
      const { sql } = await import("drizzle-orm");
      const { db } = await import("../app/db/client.server");
      const { users } = await import("../app/db/schema");
      const { hashPassword } = await import("../app/modules/auth/index.server");
      const [{ n }] = (await db.execute(sql`select count(*)::int as n from users where email like '%@large.test'`)) as unknown as [{ n: number }];
      if (n >= 2000) return 0;
      // One hash for all: 2,000 argon2 hashes would take minutes and measure nothing.
      const passwordHash = await hashPassword(process.env.DEMO_PASSWORD ?? "demo-password-2026");
      const rows = Array.from({ length: 2000 }, (_, i) => {
        const role = i < 40 ? ("cab_member" as const) : i < 60 ? ("csu_staff" as const) : ("resident" as const);
        return {
          id: random.uuid(),
          email: `user${String(i + 1).padStart(4, "0")}@large.test`,
          displayName: `${random.pick(FIRST)} ${random.pick(LAST)}`,
          role,
          locale: random.next() < 0.3 ? "es" : "en",
          passwordHash,
          emailVerifiedAt: new Date(Date.UTC(2025, 0, 1) + random.int(0, 364) * 86_400_000),
        };
      });
      for (let i = 0; i < rows.length; i += 500)
        await db
          .insert(users)
          .values(rows.slice(i, i + 500))
          .onConflictDoNothing();
      return rows.length;
    },
  },
  {
    name: "briefs (500, one with 1,000 comments)",
    run: async (ctx) => (await import("./large/briefs")).seedLargeBriefs(ctx),
  },
  {
    name: "concerns (200,000, with status history)",
    run: async (ctx) => (await import("./large/concerns")).seedLargeConcerns(ctx),
  },
  {
    name: "case rows (2,000,000) aggregated into metric facts",
    run: async (ctx) => (await import("./large/cases")).seedLargeCases(ctx.log),
  },
  {
    name: "analyses and votes (50, one ballot open)",
    run: async (ctx) => (await import("./large/governance")).seedLargeAnalyses(ctx),
  },
  {
    name: "meetings (50, with minutes)",
    run: async (ctx) => (await import("./large/governance")).seedLargeMeetings(ctx),
  },
  {
    name: "Open311 API key (benchmark)",
    run: async () => (await import("./large/governance")).seedLargeApiKey(),
  },
  {
    name: "concerns in the loop (counted and published)",
    run: async () => ((await (await import("../app/modules/responses/index.server")).refreshConcernLoop()) ? 1 : 0),
  },
];

export async function seedLarge(log: (line: string) => void = console.log) {
  const started = Date.now();
  const { runMigrations } = await import("../app/db/migrate.server");
  await runMigrations();
  const { seedDemoData } = await import("../seeds/demo.server");
  await seedDemoData();
  // Each step has its own PRNG stream (seed + index): adding a step does not change the others' data.
  for (const [index, step] of STEPS.entries()) {
    if (!step.run) {
      log(`  ${step.name.padEnd(52)} not yet available`);
      continue;
    }
    const t = Date.now();
    const rows = await step.run({ random: prng(LARGE_SEED + index), log });
    log(`  ${step.name.padEnd(52)} ${rows ? `${rows} rows` : "already there"} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  const { db } = await import("../app/db/client.server");
  const { sql } = await import("drizzle-orm");
  await db.execute(sql`analyze`);
  log(`seed:large done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main() {
  let embedded: EmbeddedDatabase | null = null;
  if (!process.env.DATABASE_URL) {
    embedded = await startBenchDatabase();
    process.env.DATABASE_URL = embedded.url("cab");
    console.log(`seed:large into the embedded benchmark database (${process.env.BENCH_DATA_DIR ?? ".data-bench/postgres"})`);
  }
  const { closeDatabase } = await import("../app/db/client.server");
  try {
    await seedLarge();
  } finally {
    await closeDatabase();
    await embedded?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
