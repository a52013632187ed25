/**
 * Faults: the database goes away under load, two app instances share one database, and backups
 * round-trip. These drive real server processes (server/index.ts), as production runs them.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { db, getSql } from "~/db/client.server";
import { registerResident, setDeactivated } from "~/modules/auth/index.server";
import { queueEmail } from "~/modules/notifications/index.server";
import { enqueueJob } from "~/modules/notifications/index.server";
import { tableChecksums } from "../../scripts/backup";
import { withDatabase } from "../setup/global-setup";
import { startEmbeddedPostgres } from "../../server/embedded-postgres";
import { Client } from "../support/app";
import { startServerProcess } from "../support/server-process";
import { startFakeResend } from "../support/fake-resend";
import { PAGE_LOADS, WRITE_WORKLOADS, concernSubmission, formPost, randomIp } from "../support/workloads";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CLIENT_TIMEOUT_MS = 5_000;
const OUTAGE_MS = Number(process.env.FAULTS_OUTAGE_MS ?? 10_000);

type Event = { kind: "page" | "write" | "health"; what: string; start: number; end: number; status: number | string; body?: string };

describe("faults: the database goes away", () => {
  it(
    "answers 503 (not a hang) during a 10 s outage, loses no acknowledged write, recovers within 5 s, and /healthz tells the truth",
    { timeout: 240_000 },
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "cab-faults-"));
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), preferredPort: 0, databases: ["cab"] });
      const url = pg.url("cab");
      // The job worker runs too: it must live through the outage as well.
      const server = await startServerProcess({ DATABASE_URL: url, SEED: "true", WORKER: "true", TRUST_PROXY: "loopback" }, 120_000);
      const events: Event[] = [];
      const acknowledged = new Map<string, string[]>(WRITE_WORKLOADS.map((w) => [w.name, []]));
      let stopping = false;
      try {
        // Sessions for the signed-in page loads, made while the database is up.
        const cookies = new Map<string, string>();
        for (const email of new Set(PAGE_LOADS.map((p) => p.as).filter(Boolean) as string[])) {
          const client = new Client(server.url);
          await client.login(email);
          cookies.set(email, `cab_session=${client.cookies.get("cab_session")}`);
        }

        const timed = async (kind: Event["kind"], what: string, run: (signal: AbortSignal) => Promise<{ status: number; body?: string }>) => {
          const start = Date.now();
          try {
            const { status, body } = await run(AbortSignal.timeout(CLIENT_TIMEOUT_MS));
            events.push({ kind, what, start, end: Date.now(), status, body });
            return status;
          } catch (error) {
            const name = (error as Error).name === "TimeoutError" ? "timeout" : `error ${(error as Error).cause ?? error}`;
            events.push({ kind, what, start, end: Date.now(), status: name });
            return name;
          }
        };
        const keepBody = (status: number, text: string) => (status >= 500 ? text.slice(0, 2000) : undefined);

        let page = 0;
        const pageLoop = async () => {
          while (!stopping) {
            const target = PAGE_LOADS[page++ % PAGE_LOADS.length]!;
            await timed("page", `GET ${target.path}${target.as ? ` as ${target.as}` : ""}`, async (signal) => {
              const headers: Record<string, string> = { "X-Forwarded-For": randomIp() };
              if (target.as) headers.Cookie = cookies.get(target.as)!;
              const r = await fetch(server.url + target.path, { signal, redirect: "manual", headers });
              return { status: r.status, body: keepBody(r.status, await r.text()) };
            });
          }
        };
        let n = 0;
        const writeLoop = async () => {
          while (!stopping) {
            const workload = WRITE_WORKLOADS[n % WRITE_WORKLOADS.length]!;
            const i = n++;
            await timed("write", workload.name, async (signal) => {
              const result = await workload.write({ baseUrl: server.url, n: i, signal });
              if (result.key) acknowledged.get(workload.name)!.push(result.key);
              return { status: result.status, body: result.body };
            });
          }
        };
        const healthLoop = async () => {
          while (!stopping) {
            await timed("health", "GET /healthz", async (signal) => {
              const r = await fetch(`${server.url}/healthz`, { signal });
              return { status: r.status, body: await r.text() };
            });
            await sleep(200);
          }
        };
        const loops = [pageLoop(), pageLoop(), pageLoop(), writeLoop(), writeLoop(), healthLoop()];

        await sleep(3_000);
        const tStopBegin = Date.now();
        await pg.pg.stop();
        const tStopped = Date.now();
        await sleep(OUTAGE_MS);
        const tStartBegin = Date.now();
        await pg.pg.start();
        const tUp = Date.now();
        await sleep(8_000);
        stopping = true;
        await Promise.all(loops);

        // ---- what happened ----
        expect(
          server.child.exitCode ?? server.child.signalCode,
          `the server died during the outage (exit ${server.child.exitCode}, signal ${server.child.signalCode}):\n${server.output()}`,
        ).toBeNull();
        const hung = events.filter((e) => typeof e.status === "string");
        expect(
          hung.map((e) => `${e.kind} ${e.what} at +${e.start - tStopBegin} ms: ${e.status}`),
          "requests that hung or were cut off",
        ).toEqual([]);
        const wrong5xx = events.filter((e) => typeof e.status === "number" && e.status >= 500 && e.status !== 503);
        expect(
          wrong5xx.map((e) => `${e.what} → ${e.status}: ${e.body?.slice(0, 300)}`),
          "5xx other than 503",
        ).toEqual([]);

        const during = events.filter((e) => e.start >= tStopped && e.end <= tStartBegin);
        const unavailable = events.filter((e) => e.status === 503 && e.kind !== "health");
        expect(unavailable.length, "no request noticed the outage").toBeGreaterThan(0);
        for (const e of unavailable) expect(e.body ?? "", `${e.what} 503 without a clear message`).toMatch(/try again/i);
        expect(
          during.filter((e) => e.kind === "write" && e.status === 302).map((e) => e.what),
          "a write acknowledged while the database was down",
        ).toEqual([]);

        // /healthz: 200 before, 503 while down, 200 again after.
        const health = events.filter((e) => e.kind === "health");
        const wrongBefore = health.filter((e) => e.end < tStopBegin && e.status !== 200);
        const wrongDuring = health.filter((e) => e.start >= tStopped && e.end <= tStartBegin && e.status !== 503);
        expect(wrongBefore.length + wrongDuring.length, "healthz lied").toBe(0);
        expect(health.filter((e) => e.start >= tStopped && e.end <= tStartBegin).length).toBeGreaterThan(5);

        // Recovery: the first healthy answer and the first acknowledged write after the database is back.
        const firstHealthy = health.find((e) => e.start >= tUp && e.status === 200);
        const firstWrite = events.find((e) => e.kind === "write" && e.start >= tUp && e.status === 302);
        expect(firstHealthy, "healthz never recovered").toBeDefined();
        expect(firstWrite, "writes never recovered").toBeDefined();
        const recovery = Math.max(firstHealthy!.end, firstWrite!.end) - tUp;
        expect(recovery).toBeLessThanOrEqual(5_000);
        // 429 is the per-account login limit (10 a minute) doing its job, not an outage.
        const lateFailures = events.filter((e) => e.start >= tUp + 5_000 && e.status !== 200 && e.status !== 302 && e.status !== 429);
        expect(
          lateFailures.map((e) => `${e.what} → ${e.status}`),
          "failures more than 5 s after the database returned",
        ).toEqual([]);

        // Every acknowledged write is in the database.
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        let lost = 0;
        let acked = 0;
        try {
          for (const workload of WRITE_WORKLOADS) {
            const keys = acknowledged.get(workload.name)!;
            acked += keys.length;
            const missing = await workload.missing(sql, keys);
            lost += missing.length;
            expect(missing, `${workload.name}: acknowledged but not in the database`).toEqual([]);
          }
        } finally {
          await sql.end();
        }
        const count = (kind: string, pred: (e: Event) => boolean) => events.filter((e) => e.kind === kind && pred(e)).length;
        const slowest = Math.max(...events.map((e) => e.end - e.start));
        const byStatus = (kind: string) => {
          const counts = new Map<string, number>();
          for (const e of events.filter((e) => e.kind === kind)) counts.set(String(e.status), (counts.get(String(e.status)) ?? 0) + 1);
          return [...counts].map(([status, n]) => `${status}×${n}`).join(" ");
        };
        console.log(
          `database outage (${tStartBegin - tStopped} ms down): ${count("page", () => true)} page loads (${byStatus("page")}), ${count("write", () => true)} writes (${byStatus("write")}) ` +
            `(${acked} acknowledged, ${lost} lost), ${unavailable.length} answered 503, ${count("health", () => true)} health checks; ` +
            `slowest answer ${slowest} ms; recovery ${recovery} ms after PostgreSQL was back (healthz ${firstHealthy!.end - tUp} ms, first write ${firstWrite!.end - tUp} ms)`,
        );
      } finally {
        stopping = true;
        await server.stop();
        await pg.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe("faults: two app instances on one database", () => {
  it("shares sessions, rate limits and the job queue (each job runs once)", { timeout: 180_000 }, async () => {
    // A stand-in for the email provider that counts what it is asked to send.
    const received: { key: string; to: string }[] = [];
    const fake = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const parsed = JSON.parse(body || "{}") as { to?: string | string[] };
        received.push({ key: String(req.headers["idempotency-key"] ?? ""), to: String(parsed.to) });
        setTimeout(() => {
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ id: `fake-${received.length}` }));
        }, 20);
      });
    });
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", () => r()));
    const fakeUrl = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
    const env = { DATABASE_URL: process.env.DATABASE_URL, TRUST_PROXY: "loopback", WORKER: "true", RESEND_API_KEY: "re_fake_key", RESEND_BASE_URL: fakeUrl };
    const [a, b] = await Promise.all([startServerProcess(env, 120_000), startServerProcess(env, 120_000)]);
    try {
      // A session made on one instance works on the other, and a logout on either ends it on both.
      const onA = new Client(a.url);
      await onA.login("analyst@demo.test");
      const onB = new Client(b.url);
      onB.cookies = new Map(onA.cookies);
      expect((await onB.get("/staff")).status).toBe(200);
      expect((await onB.post("/logout", {})).status).toBe(302);
      expect((await onA.get("/staff")).status).toBe(302);

      // Rate limits live in PostgreSQL: ten failed logins from one address across both, the 11th is refused.
      const second = new Date().getSeconds();
      if (second > 50) await sleep((61 - second) * 1000); // stay inside one fixed one-minute window
      const ip = randomIp();
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const client = new Client(i % 2 ? b.url : a.url);
        client.ip = ip;
        const r = await client.post("/login", { email: `nobody-${i}@example.org`, password: "wrong-password" });
        statuses.push(r.status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
      expect(statuses[10]).toBe(429);

      // Jobs: N emails queued; both instances run workers; each is sent exactly once.
      const N = 60;
      const previousKey = process.env.RESEND_API_KEY;
      process.env.RESEND_API_KEY = "re_fake_key"; // so queueEmail queues a send job instead of capturing
      const keys: string[] = [];
      try {
        for (let i = 0; i < N; i++) {
          const key = `two-instances:${i}:${Date.now()}`;
          keys.push(key);
          await db.transaction((tx) =>
            queueEmail(tx, {
              template: "test",
              to: `job-${i}@example.org`,
              locale: "en",
              subject: `Job ${i}`,
              body: createElement("p", null, `Job ${i}`),
              idempotencyKey: key,
            }),
          );
        }
      } finally {
        if (previousKey === undefined) delete process.env.RESEND_API_KEY;
        else process.env.RESEND_API_KEY = previousKey;
      }
      const sql = getSql();
      const deadline = Date.now() + 60_000;
      let sent = 0;
      while (Date.now() < deadline) {
        const [row] = await sql`select count(*)::int as n from email_outbox where idempotency_key = any(${keys}) and status = 'sent'`;
        sent = row!.n as number;
        if (sent === N) break;
        await sleep(250);
      }
      await sleep(1_500); // a duplicate run, if there were one, would arrive now
      expect(sent).toBe(N);
      const perKey = new Map<string, number>();
      for (const r of received.filter((r) => keys.includes(r.key))) perKey.set(r.key, (perKey.get(r.key) ?? 0) + 1);
      expect(keys.filter((k) => perKey.get(k) !== 1).map((k) => `${k} sent ${perKey.get(k) ?? 0} times`)).toEqual([]);
      const attempts = await sql`select attempts from email_outbox where idempotency_key = any(${keys})`;
      expect(attempts.every((r) => r.attempts === 1)).toBe(true);
      console.log(`two instances: session shared, 11th login across both → ${statuses[10]}, ${N} jobs → ${received.length} sends (each exactly once)`);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await new Promise<void>((r) => fake.close(() => r()));
    }
  });
});

describe("faults: the email provider is down for minutes", () => {
  // "Minutes" compressed into seconds: the sender's in-job backoff is made short by env; the
  // queue's own backoff between job attempts (e^attempts seconds) is graphile-worker's.
  const OUTAGE = Number(process.env.FAULTS_EMAIL_OUTAGE_MS ?? 25_000);

  it("loses nothing and sends nothing twice when every call fails for a long while, then recovers", { timeout: 170_000 }, async () => {
    const fake = await startFakeResend({ retryAfterSeconds: 1 });
    const server = await startServerProcess(
      {
        DATABASE_URL: process.env.DATABASE_URL,
        TRUST_PROXY: "loopback",
        WORKER: "true",
        RESEND_API_KEY: "re_fake_key",
        RESEND_BASE_URL: fake.url,
        EMAIL_INLINE_ATTEMPTS: "3",
        EMAIL_RETRY_BASE_MS: "100",
        EMAIL_RETRY_MAX_MS: "1000",
      },
      120_000,
    );
    const run = Math.random().toString(36).slice(2, 8);
    const prefix = `outage-${run}-`;
    const sql = getSql();
    try {
      // The provider goes down; the first calls are caught mid-answer (delivered, answer lost).
      fake.goDown({ lostResponses: 3 });
      const tDown = Date.now();

      // Emails from three sources while it is down: residents reporting concerns through the
      // site (one "received" email each), single emails, and one batch of 60 (one call).
      const SUBMISSIONS = 30;
      const codes: string[] = [];
      for (let i = 0; i < SUBMISSIONS; i++) {
        const r = await formPost(
          server.url,
          "/concerns/new",
          concernSubmission(i, { email: `${prefix}concern-${i}@example.org` }),
          AbortSignal.timeout(10_000),
        );
        await r.arrayBuffer();
        expect(r.status).toBe(302);
        codes.push(/\/concerns\/received\/([A-Z0-9]{12})/.exec(r.headers.get("location") ?? "")![1]!);
      }
      const SINGLES = 40;
      const BATCH = 60;
      const previousKey = process.env.RESEND_API_KEY;
      process.env.RESEND_API_KEY = "re_fake_key"; // queue send jobs instead of capturing
      try {
        for (let i = 0; i < SINGLES; i++) {
          await db.transaction((tx) =>
            queueEmail(tx, {
              template: "test",
              to: `${prefix}single-${i}@example.org`,
              locale: "en",
              subject: `Single ${i}`,
              body: createElement("p", null, `Single ${i}`),
              idempotencyKey: `${prefix}single-${i}`,
            }),
          );
        }
        const { notify } = await import("~/modules/notifications/index.server");
        await db.transaction((tx) =>
          notify(
            tx,
            { type: "minutes_approved", key: `${prefix}batch`, url: "/meetings", params: { title: "Outage meeting" } },
            Array.from({ length: BATCH }, (_, i) => ({ email: `${prefix}batch-${i}@example.org`, locale: "en" })),
          ),
        );
      } finally {
        if (previousKey === undefined) delete process.env.RESEND_API_KEY;
        else process.env.RESEND_API_KEY = previousKey;
      }
      const expected = SUBMISSIONS + SINGLES + BATCH;
      const statuses = async () => {
        const rows = await sql<
          { status: string; n: number }[]
        >`select status, count(*)::int as n from email_outbox where to_address like ${`${prefix}%`} group by 1`;
        return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
      };
      expect(Object.values(await statuses()).reduce((a, b) => a + b, 0)).toBe(expected);

      // Down: the worker keeps trying; nothing is marked sent, nothing gives up as failed.
      while (Date.now() - tDown < OUTAGE) {
        const s = await statuses();
        expect(s.sent ?? 0, "marked sent while the provider refused every call").toBe(0);
        expect(s.failed ?? 0, "gave up during the outage").toBe(0);
        await sleep(1000);
      }
      const callsDuringOutage = fake.stats.outageCalls;
      expect(callsDuringOutage, "the worker stopped trying").toBeGreaterThan(6);
      const deliveredDuringOutage = fake.delivered.filter((d) => d.to.some((a) => a.startsWith(prefix))).length;

      // Back up: everything goes out, each exactly once.
      fake.comeBack();
      const tUp = Date.now();
      let s = await statuses();
      while ((s.sent ?? 0) < expected && Date.now() - tUp < 100_000) {
        await sleep(250);
        s = await statuses();
      }
      const recovery = Date.now() - tUp;
      await sleep(1_500); // a duplicate, if there were one, would arrive now
      expect(s, "every email sent after the outage").toEqual({ sent: expected });
      const perAddress = new Map<string, number>();
      for (const d of fake.delivered) for (const a of d.to) if (a.startsWith(prefix)) perAddress.set(a, (perAddress.get(a) ?? 0) + 1);
      const twice = [...perAddress].filter(([, n]) => n > 1);
      expect(twice, "sent more than once").toEqual([]);
      expect(perAddress.size, "an email never reached the provider").toBe(expected);
      // The tracking codes acknowledged during the outage are all there, and their emails went out.
      const found = await sql`select count(*)::int as n from concerns where tracking_code = any(${codes})`;
      expect(found[0]!.n).toBe(SUBMISSIONS);
      const [attempts] = await sql`select max(attempts)::int as max, sum(attempts)::int as total from email_outbox where to_address like ${`${prefix}%`}`;
      console.log(
        `email provider outage (${OUTAGE} ms, every call failed: ${callsDuringOutage} calls, ${fake.stats.lostResponses} delivered with the answer lost): ` +
          `${expected} emails (${SUBMISSIONS} concern receipts, ${SINGLES} single, a batch of ${BATCH}); ${deliveredDuringOutage} reached the provider during the outage; ` +
          `all sent ${recovery} ms after it came back; 0 lost, 0 sent twice; up to ${attempts!.max} calls per email`,
      );
    } finally {
      await server.stop();
      await fake.close();
    }
  });
});

describe("faults: backups", () => {
  const tool = (args: string[], env: Record<string, string | undefined>) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/db-backup.ts", ...args], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (c) => (output += c));
      child.stderr.on("data", (c) => (output += c));
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, output: code === null ? `killed after 60 s: ${args.join(" ")}\n${output}` : output });
      });
    });

  it("db:backup writes a file that db:restore brings back: same rows and checksums in every table", { timeout: 120_000 }, async () => {
    // Beside the demo data: an audit row, a captured email, a pending job, a session.
    const sourceUrl = process.env.DATABASE_URL!;
    const [admin] = await getSql()`select id from users where email = 'admin@demo.test'`;
    const [member] = await getSql()`select id from users where email = 'member9@demo.test'`;
    await setDeactivated({ id: admin!.id }, member!.id, true);
    await setDeactivated({ id: admin!.id }, member!.id, false);
    await registerResident(
      { email: "backup-resident@example.org", password: "backup-password", displayName: "Beatriz Backup", locale: "es" },
      "http://localhost",
    );
    await db.transaction((tx) => enqueueJob(tx, "prune_rate_limits", {}, { runAt: new Date(Date.now() + 86_400_000) }));
    const before = await tableChecksums(sourceUrl);
    expect(before["public.users"]!.rows).toBeGreaterThan(15);
    expect(before["public.audit_log"]!.rows).toBeGreaterThan(0);

    const dir = mkdtempSync(path.join(os.tmpdir(), "cab-backup-"));
    const file = path.join(dir, "demo.cabbackup.gz");
    const target = `restore_${Math.random().toString(36).slice(2, 10)}`;
    const admin2 = postgres(inject("pgAdminUrl"), { max: 1, onnotice: () => {} });
    await admin2.unsafe(`create database ${target}`);
    const targetUrl = withDatabase(inject("pgAdminUrl"), target);
    try {
      const backup = await tool(["backup", file], { DATABASE_URL: sourceUrl });
      if (backup.code !== 0) {
        const activity =
          await admin2`select pid, datname, state, wait_event_type, wait_event, left(query, 120) as query, xact_start from pg_stat_activity where datname is not null`;
        console.log(JSON.stringify(activity, null, 1));
      }
      expect(backup.code, backup.output).toBe(0);
      expect(backup.output).toMatch(/backup written: .*demo\.cabbackup\.gz \(\d+ tables, \d+ rows/);

      const restore = await tool(["restore", file], { DATABASE_URL: targetUrl });
      expect(restore.code, restore.output).toBe(0);
      const after = await tableChecksums(targetUrl);
      expect(after).toEqual(before);

      // Restoring over a database that has changed since puts it back as it was.
      const changed = postgres(targetUrl, { max: 1, onnotice: () => {} });
      await changed`delete from sessions`;
      await changed`update users set display_name = 'changed'`;
      await changed.end();
      expect((await tool(["restore", file], { DATABASE_URL: targetUrl })).code).toBe(0);
      expect(await tableChecksums(targetUrl)).toEqual(before);

      // A truncated file restores nothing, says so, and leaves the database as it was.
      const truncated = path.join(dir, "truncated.cabbackup.gz");
      const { gunzipSync, gzipSync } = await import("node:zlib");
      const text = gunzipSync(readFileSync(file)).toString("utf8");
      writeFileSync(truncated, gzipSync(text.slice(0, Math.floor(text.length * 0.6))));
      const bad = await tool(["restore", truncated], { DATABASE_URL: targetUrl });
      expect(bad.code).toBe(1);
      expect(bad.output).toMatch(/truncated.*nothing was restored/);
      expect(await tableChecksums(targetUrl)).toEqual(before);
      const rows = Object.values(before).reduce((a, b) => a + b.rows, 0);
      console.log(`backup round trip: ${Object.keys(before).length} tables/sequences, ${rows} rows, identical checksums after restore`);
    } finally {
      await admin2.unsafe(`drop database if exists ${target} with (force)`);
      await admin2.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("backs up and restores the embedded default database (DATA_DIR), running or not", { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cab-embedded-backup-"));
    const dataDir = path.join(dir, "postgres");
    const file = path.join(dir, "embedded.cabbackup.gz");
    const env = { DATABASE_URL: undefined, DATA_DIR: dataDir };
    try {
      // The default set-up: npm run db:seed into the embedded database (started and stopped by the script).
      const seed = await new Promise<number | null>((resolve) =>
        spawn(process.execPath, ["--import", "tsx", "scripts/db.ts", "seed"], { env: { ...process.env, ...env }, stdio: "ignore" }).on("exit", resolve),
      );
      expect(seed).toBe(0);
      // Not running: the tool starts it for the backup.
      const backup = await tool(["backup", file], env);
      expect(backup.code, backup.output).toBe(0);
      // Running (as under the server): the tool finds it by its postmaster.pid.
      const pg = await startEmbeddedPostgres({ dataDir, databases: ["cab"] });
      try {
        const before = await tableChecksums(pg.url("cab"));
        const sql = postgres(pg.url("cab"), { max: 1, onnotice: () => {} });
        await sql`update users set display_name = 'changed'`;
        await sql.end();
        const restore = await tool(["restore", file], env);
        expect(restore.code, restore.output).toBe(0);
        expect(await tableChecksums(pg.url("cab"))).toEqual(before);
      } finally {
        await pg.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
