/**
 * Benchmark: one event to 2,000 recipients, from the commit of the transaction that called
 * notify() to every email handed to the (fake, loopback) provider, with the real queue, the
 * real resend SDK and a fresh PostgreSQL. Reports the time and the number of API calls.
 *
 *   npx tsx bench/notifications.ts [--recipients 2000] [--failure-rate 0.3]
 *
 * or `import { benchNotifications } from "./notifications"` from the bench harness. The resend
 * SDK reads RESEND_BASE_URL once, when first imported: call this before anything else in the
 * process imports `resend` (or run it in its own process, as above).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/embedded-postgres";
import { startFakeResend } from "../tests/support/fake-resend";

export type NotificationsBenchOptions = {
  recipients?: number;
  /** Share of provider calls failing with 429/500 (the acceptance test uses 0.3). */
  failureRate?: number;
  concurrency?: number;
  /** A PostgreSQL server URL where a scratch database may be created; else an embedded one. */
  adminUrl?: string;
  log?: (line: string) => void;
};

export type NotificationsBenchResult = {
  name: string;
  recipients: number;
  failureRate: number;
  /** notify() inside the transaction: in-app rows, rendering, outbox rows, send jobs. */
  notifyMs: number;
  /** From COMMIT to the last email accepted by the provider. */
  deliveryMs: number;
  apiCalls: number;
  failedCalls: number;
  delivered: number;
  duplicates: number;
};

export async function benchNotifications(options: NotificationsBenchOptions = {}): Promise<NotificationsBenchResult> {
  const recipients = options.recipients ?? 2000;
  const failureRate = options.failureRate ?? 0;
  const log = options.log ?? ((line: string) => console.log(line));

  const fake = await startFakeResend({ failureRate, retryAfterSeconds: 0 });
  const saved = { ...process.env };
  process.env.RESEND_API_KEY = "re_bench_fake_key";
  process.env.RESEND_BASE_URL = fake.url;
  process.env.EMAIL_RETRY_BASE_MS ??= "50";

  let embedded: EmbeddedDatabase | null = null;
  let tmp: string | null = null;
  let adminUrl = options.adminUrl;
  if (!adminUrl) {
    tmp = mkdtempSync(path.join(os.tmpdir(), "cab-bench-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), preferredPort: 0 });
    adminUrl = embedded.url("postgres");
  }
  const dbName = `bench_notifications_${process.pid}_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();

  // Imported only now, after RESEND_BASE_URL and DATABASE_URL are set.
  const { runMigrations } = await import("../app/db/migrate.server");
  const { db, closeDatabase } = await import("../app/db/client.server");
  const { users } = await import("../app/db/schema");
  const { notify } = await import("../app/modules/notifications/index.server");
  const { createRunner } = await import("../server/jobs");
  const { Logger } = await import("graphile-worker");

  let runner: Awaited<ReturnType<typeof createRunner>> | null = null;
  try {
    await runMigrations();
    const people: { id: string; email: string }[] = [];
    for (let i = 0; i < recipients; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, recipients - i) }, (_, j) => ({
        email: `bench-${i + j}@people.test`,
        displayName: `Bench ${i + j}`,
        passwordHash: "not-a-login",
        role: "cab_member" as const,
        locale: (i + j) % 3 === 0 ? "es" : "en",
      }));
      people.push(...(await db.insert(users).values(rows).returning({ id: users.id, email: users.email })));
    }
    // The worker is up and idle before the event, as in production.
    runner = await createRunner({ concurrency: options.concurrency ?? 4, crontab: "", logger: new Logger(() => () => {}) });

    let notifyMs = 0;
    await db.transaction(async (tx) => {
      const started = performance.now();
      await notify(
        tx,
        { type: "brief_published", key: "bench:brief", url: "/briefs/bench", params: { title: "Benchmark brief" } },
        people.map((p) => ({ userId: p.id })),
      );
      notifyMs = performance.now() - started;
    });
    const committed = performance.now();
    const deadline = Date.now() + 120_000;
    while (new Set(fake.delivered.flatMap((d) => d.to)).size < recipients) {
      if (Date.now() > deadline)
        throw new Error(`only ${fake.delivered.length} of ${recipients} delivered after 2 minutes (provider calls: ${fake.stats.calls})`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const deliveryMs = performance.now() - committed;
    const addresses = fake.delivered.flatMap((d) => d.to);
    const result: NotificationsBenchResult = {
      name: "notifications: one event to many recipients",
      recipients,
      failureRate,
      notifyMs: Math.round(notifyMs),
      deliveryMs: Math.round(deliveryMs),
      apiCalls: fake.stats.calls,
      failedCalls: fake.stats.failed,
      delivered: addresses.length,
      duplicates: addresses.length - new Set(addresses).size,
    };
    log(
      `notifications: 1 event → ${recipients} recipients (provider failure rate ${Math.round(failureRate * 100)}%): ` +
        `notify() ${result.notifyMs} ms in the transaction; commit → all handed to the provider ${result.deliveryMs} ms; ` +
        `${result.apiCalls} API calls (${result.failedCalls} failed, batches of ≤100); ${result.delivered} delivered, ${result.duplicates} duplicates`,
    );
    return result;
  } finally {
    await runner?.stop();
    await closeDatabase();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    await fake.close();
    for (const key of ["RESEND_API_KEY", "RESEND_BASE_URL", "DATABASE_URL", "EMAIL_RETRY_BASE_MS"]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

export default benchNotifications;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  benchNotifications({
    recipients: Number(arg("recipients") ?? 2000),
    failureRate: Number(arg("failure-rate") ?? 0),
  })
    .then(() => process.exit(0))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
