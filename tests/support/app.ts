import { createServer, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { pino } from "pino";
import { createApp, hooksOf } from "../../server/app";

type TestApp = { baseUrl: string; server: Server; build: ServerBuild };
let running: TestApp | null = null;
const rand = () => Math.floor(Math.random() * 250) + 1;

/**
 * The real Express server with the real Remix build, on a loopback port, against this test
 * file's database. Route tests go through it exactly as a browser would.
 */
export async function startTestApp(): Promise<TestApp> {
  if (running) return running;
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  // The port is known once listening; APP_URL (links, the Origin check) is that address.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  process.env.APP_URL = baseUrl;
  // Each test Client is its own "address" (X-Forwarded-For), as separate people would be.
  const app = createApp({ build, logger: pino({ level: "silent" }), trustProxy: "loopback", appUrl: baseUrl });
  server.on("request", app);
  running = { baseUrl, server, build };
  return running;
}

export async function closeTestApp() {
  if (!running) return;
  const { server, build } = running;
  running = null;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await hooksOf(build).closeDatabase();
}

/** A cookie-keeping client for one person, sending the Origin a browser would. */
export class Client {
  cookies = new Map<string, string>();
  ip = `10.${rand()}.${rand()}.${rand()}`;
  constructor(public baseUrl: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const key = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(key);
      else this.cookies.set(key, value);
    }
  }

  async request(pathname: string, init: RequestInit & { origin?: string | null } = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    if (!headers.has("X-Forwarded-For")) headers.set("X-Forwarded-For", this.ip);
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && init.origin !== null) headers.set("Origin", init.origin ?? this.baseUrl);
    const response = await fetch(this.baseUrl + pathname, { ...init, headers, redirect: "manual" });
    this.keep(response);
    return response;
  }

  get(pathname: string, init: RequestInit = {}) {
    return this.request(pathname, init);
  }

  /** Posts a form, like a browser without JavaScript. */
  post(pathname: string, fields: Record<string, string | string[]> | URLSearchParams, init: RequestInit & { origin?: string | null } = {}) {
    const body = fields instanceof URLSearchParams ? fields : new URLSearchParams();
    if (!(fields instanceof URLSearchParams)) {
      for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    return this.request(pathname, { ...init, method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", ...init.headers } });
  }

  async login(email: string, password = process.env.DEMO_PASSWORD ?? "demo-password-2026") {
    const response = await this.post("/login", { email, password });
    if (response.status !== 302) throw new Error(`login as ${email} failed with ${response.status}`);
    return response;
  }
}

export async function clientFor(email?: string) {
  const { baseUrl } = await startTestApp();
  const client = new Client(baseUrl);
  if (email) await client.login(email);
  return client;
}

/**
 * Rate limits count in fixed one-minute windows; a test that makes N attempts and expects the
 * (N+1)th to be refused waits out the end of a window first, so all attempts fall in one. The wait
 * can be up to `needSeconds`, so such a test needs a timeout of that plus its own run time.
 */
export async function startOfFreshRateWindow(windowSeconds = 60, needSeconds = 20) {
  const intoWindow = (Date.now() / 1000) % windowSeconds;
  if (windowSeconds - intoWindow < needSeconds) await new Promise((r) => setTimeout(r, (windowSeconds - intoWindow + 0.2) * 1000));
}
