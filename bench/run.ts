/**
 * npm run bench — builds the portal for production and the bare Express + Remix hello page
 * (bench/bare/, from the same installed packages), then, with one process and then with a worker
 * per core: measures the bare page, starts the portal on loopback against the large benchmark
 * database (npm run seed:large; made if missing) and measures with autocannon at 50 connections
 * the portal's floor (a trivial page of its own layout) and every entry of bench/pages.ts. For
 * each: req/s, p50, p99, ratio to the bare page and to the floor, SQL statements per request
 * (X-SQL-Count, BENCH_COUNT_SQL=1), gzipped JavaScript of a first visit. Then memory over a soak of
 * mixed traffic. Prints the README's markdown table, writes bench/results.json.
 *
 * npm run soak — only the soak: 10 minutes of mixed traffic (reads and writes), reporting errors,
 * p99 per route and memory at start and end.
 *
 * npm run bench -- --profile=NAME — one process under `node --cpu-prof`, loaded with the pages whose
 * name contains NAME (e.g. "brief", "floor"): writes the profile to bench/profiles/ and prints where
 * the CPU went (self time by function and by package). For a goal that is not met: what bounds it.
 *
 * Options: --duration=S (per page, default 10), --soak-duration=S (default 300; 600 with --soak;
 * 0 = no soak), --connections=N (50), --no-build, --only=single|all (one of the two modes). BENCH_DATABASE_URL (or DATABASE_URL) to use another database.
 */
import { execSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import postgres from "postgres";
import type { EmbeddedDatabase } from "../server/embedded-postgres";
import { getFreePort } from "../server/embedded-postgres";
import { startServerProcess, type ServerProcess } from "../tests/support/server-process";
import { FLOOR, PAGES, type BenchPage } from "./pages";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k!, v ?? "true"] as const;
  }),
);
const SOAK_ONLY = args.has("soak");
const DURATION = Number(args.get("duration") ?? 10);
const SOAK_DURATION = Number(args.get("soak-duration") ?? (SOAK_ONLY ? 600 : 300));
const CONNECTIONS = Number(args.get("connections") ?? 50);
const CORES = os.availableParallelism();
const ONLY = args.get("only");
const PROFILE = args.get("profile");

type Measured = {
  name: string;
  path: string | null;
  available: boolean;
  reqPerSec?: number;
  p50?: number;
  p99?: number;
  ratioToFloor?: number;
  ratioToBare?: number | null;
  sqlPerRequest?: number | null;
  jsGzipBytes?: number | null;
  errors?: number;
  unexpectedStatuses?: Record<string, number>;
  acknowledged?: number;
  lost?: number | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const randomIp = () => `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 255)}.${1 + Math.floor(Math.random() * 250)}`;

/** Resident memory of the server: the primary and its cluster workers, from /proc. */
function treeRssBytes(rootPid: number) {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* gone */
    }
  }
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) for (const [pid, ppid] of parents) if (ppid === pids[i]) pids.push(pid);
  let total = 0;
  for (const pid of pids) {
    try {
      const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      total += match ? Number(match[1]) * 1024 : 0;
    } catch {
      /* gone */
    }
  }
  return total;
}

async function signIn(base: string, email: string) {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, "X-Forwarded-For": randomIp() },
    body: new URLSearchParams({ email, password: process.env.DEMO_PASSWORD ?? "demo-password-2026" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("cab_session="));
  if (response.status !== 302 || !cookie) throw new Error(`bench: cannot sign in as ${email} (${response.status})`);
  return cookie.split(";")[0]!;
}

/** Gzipped bytes of the JavaScript a first visit to this HTML downloads (scripts and modulepreloads). */
async function firstVisitJs(base: string, html: string) {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of html.matchAll(/(?:import|from)\s*["'](\/build\/[^"']+\.js)["']/g)) urls.add(m[1]!);
  let bytes = 0;
  for (const url of urls) {
    const response = await fetch(new URL(url, base), { headers: { "Accept-Encoding": "identity" } });
    bytes += gzipSync(Buffer.from(await response.arrayBuffer())).length;
  }
  return bytes;
}

type Target = { page: BenchPage; path: string; headers: Record<string, string>; cookies: string[] };

/** Runs autocannon on one target; `keys` collects what identifies each acknowledged write. */
function cannon(base: string, target: Target, seconds: number, connections: number, keys: string[] = [], rate?: number) {
  const { page, path, headers, cookies } = target;
  const method = page.method ?? "GET";
  let i = 0;
  return autocannon({
    url: base + path,
    connections,
    duration: seconds,
    timeout: 10,
    headers,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method,
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          headers: {
            ...headers,
            // Several accounts: each request as the next one (per-account limits).
            ...(cookies.length ? { Cookie: cookies[i++ % cookies.length]! } : {}),
            "X-Forwarded-For": randomIp(),
            ...(method === "POST" ? { Origin: base, "Content-Type": "application/x-www-form-urlencoded" } : {}),
          },
          ...(method === "POST" ? { body: new URLSearchParams(page.body?.() ?? {}).toString() } : {}),
        }),
        ...(page.key
          ? {
              onResponse: (status: number, _body: string, _context: unknown, responseHeaders: Record<string, string>) => {
                const key = page.key!(status, responseHeaders ?? {});
                if (key) keys.push(key);
              },
            }
          : {}),
      },
    ],
  } as autocannon.Options);
}

/** Acknowledged writes that are not in the database: by key when the page names one, else by row count. */
async function lostWrites(sql: postgres.Sql, page: BenchPage, acknowledged: number, keys: string[], before: number | null) {
  if (page.missing) return (await page.missing(sql, keys)).length + Math.max(0, acknowledged - keys.length);
  if (page.count && before !== null) return Math.max(0, acknowledged - ((await page.count(sql)) - before));
  return null;
}

function summarize(result: autocannon.Result, page: BenchPage) {
  const ok = page.ok ?? (page.method === "POST" ? [302, 303] : [200]);
  const stats = (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {};
  const unexpected = Object.fromEntries(
    Object.entries(stats)
      .filter(([code]) => !ok.includes(Number(code)))
      .map(([code, s]) => [code, s.count]),
  );
  const acknowledged = Object.entries(stats)
    .filter(([code]) => ok.includes(Number(code)))
    .reduce((a, [, s]) => a + s.count, 0);
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon's `errors` are connection errors INCLUDING timeouts (no answer within 10 s).
    errors: result.errors + Object.values(unexpected).reduce((a, b) => a + b, 0),
    timeouts: result.timeouts,
    socketErrors: result.errors - result.timeouts,
    unexpectedStatuses: unexpected,
    acknowledged,
  };
}

const signedIn = new Map<string, string>();
async function cookieFor(base: string, email: string) {
  if (!signedIn.has(email)) signedIn.set(email, await signIn(base, email));
  return signedIn.get(email)!;
}

async function resolveTargets(base: string, sql: postgres.Sql, pages: BenchPage[]) {
  const targets: (Target | { page: BenchPage; path: string | null; unavailable: true })[] = [];
  for (const page of pages) {
    const path = typeof page.path === "function" ? await page.path(sql).catch(() => null) : page.path;
    if (!path) {
      targets.push({ page, path: null, unavailable: true });
      continue;
    }
    const headers: Record<string, string> = {};
    if (page.as) headers.Cookie = await cookieFor(base, page.as);
    const cookies: string[] = [];
    for (const email of page.asMany ?? []) cookies.push(await cookieFor(base, email));
    if (cookies.length) headers.Cookie = cookies[0]!;
    // A route that is not there yet answers 404 (a POST to a missing route too).
    const probe = await fetch(base + path, { method: page.method === "POST" ? "GET" : "GET", redirect: "manual", headers });
    await probe.arrayBuffer();
    if (probe.status === 404 && !page.ok?.includes(404)) targets.push({ page, path, unavailable: true });
    else targets.push({ page, path, headers, cookies });
  }
  return targets;
}

/** SQL statements and JS bytes of one warm request, measured alone (no concurrency). */
async function probe(base: string, target: Target) {
  const { page, path, headers } = target;
  let sqlCount: number | null = null;
  let js: number | null = null;
  for (let i = 0; i < 3; i++) {
    const response = await fetch(base + path, {
      method: page.method ?? "GET",
      redirect: "manual",
      headers: {
        ...headers,
        "X-Forwarded-For": randomIp(),
        ...(page.method === "POST" ? { Origin: base, "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      body: page.method === "POST" ? new URLSearchParams(page.body?.() ?? {}).toString() : undefined,
    });
    const text = await response.text();
    sqlCount = response.headers.has("x-sql-count") ? Number(response.headers.get("x-sql-count")) : null;
    if (page.minRecords && i === 2) {
      const records = (JSON.parse(text) as unknown[]).length;
      if (records < page.minRecords) throw new Error(`${page.name}: ${records} records, expected at least ${page.minRecords}`);
    }
    if (i === 2 && (response.headers.get("content-type") ?? "").includes("text/html")) js = await firstVisitJs(base, text);
  }
  return { sqlCount, js };
}

async function measure(
  server: Pick<ServerProcess, "url">,
  sql: postgres.Sql | null,
  pages: BenchPage[],
  floorRps: number | null,
  bareRps: number | null,
  log: (s: string) => void,
) {
  const results: Measured[] = [];
  for (const target of await resolveTargets(server.url, sql!, pages)) {
    if ("unavailable" in target) {
      log(`  ${target.page.name}: not yet available`);
      results.push({ name: target.page.name, path: target.path, available: false });
      continue;
    }
    const { sqlCount, js } = await probe(server.url, target);
    const before = target.page.count ? await target.page.count(sql!) : null;
    const keys: string[] = [];
    const result = summarize(await cannon(server.url, target, DURATION, CONNECTIONS, keys), target.page);
    const lost = sql ? await lostWrites(sql, target.page, result.acknowledged, keys, before) : null;
    const measured: Measured = {
      name: target.page.name,
      path: target.path,
      available: true,
      ...result,
      acknowledged: target.page.method === "POST" ? result.acknowledged : undefined,
      ratioToFloor: floorRps ? Number((result.reqPerSec / floorRps).toFixed(2)) : 1,
      ratioToBare: bareRps ? Number((result.reqPerSec / bareRps).toFixed(2)) : null,
      sqlPerRequest: sqlCount,
      jsGzipBytes: js,
      lost,
    };
    results.push(measured);
    log(
      `  ${measured.name}: ${measured.reqPerSec} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms${measured.ratioToBare !== null ? ` (×${measured.ratioToBare} bare)` : ""}, ${sqlCount ?? "?"} SQL, errors ${measured.errors}${lost !== null ? `, ${result.acknowledged} acknowledged, ${lost} lost` : ""}`,
    );
    floorRps ??= result.reqPerSec;
  }
  return results;
}

/**
 * A fresh server is slow for its first seconds (JIT, connection pools, caches): load every GET
 * page briefly first, so that the floor, measured first, is not measured cold.
 */
async function warmUp(server: ServerProcess, sql: postgres.Sql, log: (s: string) => void, pages = [FLOOR, ...PAGES]) {
  const targets = (
    await resolveTargets(
      server.url,
      sql,
      pages.filter((p) => (p.method ?? "GET") === "GET"),
    )
  ).filter((t): t is Target => !("unavailable" in t));
  log(`warming up (${targets.length} pages)…`);
  for (const t of targets) await cannon(server.url, t, 3, 10);
}

/** Mixed traffic on every available page at once; memory sampled each second. */
async function soak(server: ServerProcess, sql: postgres.Sql, seconds: number, log: (s: string) => void) {
  const targets = (
    await resolveTargets(
      server.url,
      sql,
      [FLOOR, ...PAGES].filter((p) => p.soak !== false),
    )
  ).filter((t): t is Target => !("unavailable" in t));
  const keys = targets.map(() => [] as string[]);
  const perTarget = Math.max(2, Math.floor(CONNECTIONS / targets.length));
  const samples: { t: number; rss: number }[] = [];
  const started = Date.now();
  const sampler = setInterval(() => samples.push({ t: Date.now() - started, rss: treeRssBytes(server.child.pid!) }), 1000);
  const counts = await Promise.all(targets.map((t) => (t.page.count ? t.page.count(sql) : Promise.resolve(null))));
  log(`  soak: ${seconds} s of mixed traffic over ${targets.length} routes, ${perTarget} connections each`);
  const results = await Promise.all(targets.map((t, i) => cannon(server.url, t, seconds, perTarget, keys[i], t.page.soakRate)));
  clearInterval(sampler);
  const routes = await Promise.all(
    targets.map(async (t, i) => {
      const s = summarize(results[i]!, t.page);
      const lost = await lostWrites(sql, t.page, s.acknowledged, keys[i]!, counts[i]!);
      return {
        name: t.page.name,
        reqPerSec: s.reqPerSec,
        p50: s.p50,
        p99: s.p99,
        errors: s.errors,
        timeouts: s.timeouts,
        socketErrors: s.socketErrors,
        unexpectedStatuses: s.unexpectedStatuses,
        acknowledged: t.page.method === "POST" ? s.acknowledged : undefined,
        lost,
      };
    }),
  );
  // Start: after a warm-up (JIT, pools, caches, V8 growing its heap to its working size: a
  // minute, or a fifth of a short run); end: the last sample.
  const warm = samples.find((s) => s.t >= Math.min(60_000, seconds * 200)) ?? samples[0];
  const last = samples.at(-1);
  const memory =
    warm && last
      ? {
          startMiB: +(warm.rss / 2 ** 20).toFixed(1),
          endMiB: +(last.rss / 2 ** 20).toFixed(1),
          growthPercent: +((100 * (last.rss - warm.rss)) / warm.rss).toFixed(1),
        }
      : null;
  return { seconds, routes, memory, errors: routes.reduce((a, r) => a + r.errors, 0), lost: routes.reduce((a, r) => a + (r.lost ?? 0), 0) };
}

/** The bare Express + Remix page (bench/bare/), as its own process; resolves when it answers. */
async function startBare(workers: number) {
  const port = await getFreePort();
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare/server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), WEB_CONCURRENCY: String(workers) },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("bench: the bare Remix server did not start");
    await sleep(150);
  }
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const BARE: BenchPage = { name: "bare Express + Remix hello page", path: "/" };

type Mode = { label: string; workers: number; bare: Measured | null; rows: Measured[] };

const num = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? "–" : n.toFixed(digits));

/** The README's table (markdown): every page, one process and all cores, ratios to the bare page and the floor. */
function markdownTable(modes: Mode[]) {
  const names = [BARE.name, ...new Set(modes.flatMap((m) => m.rows.map((r) => r.name)))];
  const head = ["page"];
  for (const m of modes) head.push(`${m.label} req/s`, "p50 ms", "p99 ms", "× bare", "× floor");
  head.push("SQL/req", "JS gz KB", "errors");
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`];
  for (const name of names) {
    const cells = [name];
    let any: Measured | undefined;
    let errors = 0;
    let lost = 0;
    for (const m of modes) {
      const r = name === BARE.name ? m.bare : m.rows.find((x) => x.name === name);
      if (!r || !r.available) {
        cells.push(r ? "n/a" : "–", "", "", "", "");
        continue;
      }
      any ??= r;
      errors += r.errors ?? 0;
      lost += r.lost ?? 0;
      cells.push(num(r.reqPerSec), num(r.p50), num(r.p99), num(r.ratioToBare, 2), name === BARE.name ? "" : num(r.ratioToFloor, 2));
    }
    cells.push(
      name === BARE.name ? "–" : String(any?.sqlPerRequest ?? "?"),
      any?.jsGzipBytes ? (any.jsGzipBytes / 1024).toFixed(1) : "–",
      any ? `${errors}${lost ? ` (${lost} lost)` : ""}` : "",
    );
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

async function main() {
  const log = (s: string) => console.log(s);
  if (!args.has("no-build")) {
    log("building for production (the portal, and the bare Remix page in bench/bare)…");
    execSync("npx remix build", { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
    execSync("../../node_modules/.bin/remix build", { cwd: "bench/bare", stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  }

  // The large database: BENCH_DATABASE_URL, or the embedded benchmark one (seeded if needed).
  let embedded: EmbeddedDatabase | null = null;
  let url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    const { startBenchDatabase } = await import("../scripts/seed-large");
    embedded = await startBenchDatabase();
    url = embedded.url("cab");
  }
  process.env.DATABASE_URL = url;
  const { seedLarge } = await import("../scripts/seed-large");
  const { closeDatabase } = await import("../app/db/client.server");
  log("large data (npm run seed:large):");
  await seedLarge((line) => log(line));
  await closeDatabase();

  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const env = {
    DATABASE_URL: url,
    NODE_ENV: "production",
    BENCH_COUNT_SQL: "1",
    WORKER: "false",
    LOG_LEVEL: "error",
    TRUST_PROXY: "loopback",
    AUTH_RATE_LIMIT_PER_IP: "100000000",
    CONCERN_FORM_LIMIT_PER_IP: "100000000",
    CONCERN_SUBMIT_LIMIT_PER_IP: "100000000",
  };
  const results: Record<string, unknown> = {
    machine: { cores: CORES, cpu: os.cpus()[0]?.model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, loadAverage: os.loadavg() },
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    at: new Date().toISOString(),
  };
  const modes: Mode[] = [];
  try {
    if (PROFILE) {
      await profile(PROFILE, env, sql, log);
      return;
    }
    if (!SOAK_ONLY) {
      const wanted = [
        { key: "single", label: "1 process", workers: 1 },
        { key: "all", label: `${CORES} workers`, workers: CORES },
      ].filter((m) => !ONLY || ONLY === m.key);
      for (const { label, workers } of wanted) {
        log(`\n${label}: the bare Express + Remix page`);
        const bareServer = await startBare(workers);
        let bare: Measured | null = null;
        try {
          await cannon(bareServer.url, { page: BARE, path: "/", headers: {}, cookies: [] }, 3, 10);
          [bare] = await measure(bareServer, null, [BARE], null, null, log);
          bare!.ratioToBare = 1;
        } finally {
          await bareServer.stop();
        }
        const server = await startServerProcess({ ...env, WEB_CONCURRENCY: String(workers) }, 120_000);
        try {
          await warmUp(server, sql, log);
          log(`${label}: the portal at ${CONNECTIONS} connections, ${DURATION} s each`);
          const [floor] = await measure(server, sql, [FLOOR], null, bare?.reqPerSec ?? null, log);
          const pages = await measure(
            server,
            sql,
            PAGES.filter((p) => p.soak !== "only"),
            floor!.reqPerSec ?? null,
            bare?.reqPerSec ?? null,
            log,
          );
          modes.push({ label, workers, bare, rows: [floor!, ...pages] });
        } finally {
          await server.stop();
        }
      }
      results.modes = modes;
      results.table = markdownTable(modes);
    }
    if (SOAK_DURATION > 0) {
      const server = await startServerProcess({ ...env, WEB_CONCURRENCY: String(CORES) }, 120_000);
      try {
        log(`\nsoak (${SOAK_DURATION} s):`);
        const soaked = await soak(server, sql, SOAK_DURATION, log);
        results.soak = soaked;
        for (const r of soaked.routes)
          log(
            `  ${r.name.padEnd(40)} ${String(r.reqPerSec).padStart(6)} req/s  p50 ${String(r.p50).padStart(5)} ms  p99 ${String(r.p99).padStart(5)} ms  errors ${r.errors}${r.errors ? ` (${r.timeouts} timed out, ${r.socketErrors} socket errors)` : ""}${r.acknowledged !== undefined ? `  acknowledged ${r.acknowledged}, lost ${r.lost ?? "?"}` : ""}${Object.keys(r.unexpectedStatuses).length ? `  ${JSON.stringify(r.unexpectedStatuses)}` : ""}`,
          );
        log(
          `  errors: ${soaked.errors}; acknowledged writes lost: ${soaked.lost}; memory ${soaked.memory?.startMiB} MiB → ${soaked.memory?.endMiB} MiB (${soaked.memory?.growthPercent}%)`,
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    await sql.end();
    await embedded?.stop();
  }
  writeFileSync(new URL("./results.json", import.meta.url), JSON.stringify(results, null, 2));
  if (modes.length) {
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ");
    log(
      `\n${markdownTable(modes)}\n\n${CORES} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s per page; load average at the end ${load}. × bare: req/s over the bare Express + Remix 2 page's in the same mode; × floor: over the portal's own trivial page.`,
    );
  }
  log("\nwritten: bench/results.json");
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };

/** One process under --cpu-prof, loaded with the matching pages; prints self time by function and by package. */
async function profile(name: string, env: Record<string, string>, sql: postgres.Sql, log: (s: string) => void) {
  const pages = [FLOOR, ...PAGES].filter((p) => p.name.toLowerCase().includes(name.toLowerCase()));
  if (!pages.length) throw new Error(`bench: no page's name contains "${name}"`);
  const dir = new URL("./profiles/", import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const server = await startServerProcess({ ...env, WEB_CONCURRENCY: "1" }, 120_000, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  // Only the measured load counts, not start-up (module loading) or the warm-up: the profile's
  // clock starts with the process, so the window is taken from the wall clock.
  let window: [number, number];
  try {
    await warmUp(server, sql, log, pages);
    const from = Date.now();
    await measure(server, sql, pages, null, null, log);
    window = [(from - started) * 1000, (Date.now() - started) * 1000];
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir)
    // The main thread's (thread 0): a loader worker writes its own.
    .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
    .map((f) => dir + f)
    .find((f) => statSync(f).mtimeMs >= started);
  if (!file) throw new Error("bench: the server wrote no profile");
  const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = 0;
  samples.forEach((id, i) => {
    at += timeDeltas[i] ?? 0;
    if (at >= window[0] && at <= window[1]) self.set(id, (self.get(id) ?? 0) + (timeDeltas[i] ?? 0));
  });
  const idle = [...self].filter(([id]) => ["(idle)", "(program)"].includes(byId.get(id)!.callFrame.functionName)).reduce((a, [, t]) => a + t, 0);
  const busy = [...self.values()].reduce((a, b) => a + b, 0) - idle;
  const where = (url: string) =>
    url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ??
    (url.startsWith("node:") ? "node internals" : /\/(app|server|build)\//.test(url) ? "portal code" : url ? "other" : "V8 (gc, native)");
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  for (const [id, t] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (["(idle)", "(program)"].includes(functionName)) continue;
    const key = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(app|server|build)\//, "$1/")}:${lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + t);
    pkgs.set(where(url), (pkgs.get(where(url)) ?? 0) + t);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `  ${((100 * t) / busy).toFixed(1).padStart(5)}%  ${k}`)
      .join("\n");
  log(
    `\nprofile: ${file}\nbusy CPU ${(busy / 1e6).toFixed(1)} s of ${((window[1] - window[0]) / 1e6).toFixed(1)} s measured\n\nby package (self time):\n${top(pkgs, 12)}\n\nby function (self time):\n${top(fns, 25)}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
