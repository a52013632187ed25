/**
 * Every 503 the portal gives while its database is away says what to do: the "try again shortly"
 * page for a browser, the JSON error for an API or ?_data request, whichever layer notices the
 * outage (session validation in the server, the root loader, or a route's loader).
 *
 * Deterministic, unlike the load test in faults.test.ts: the database "goes away" by pointing the
 * app's pool at a closed port, and one app instance reuses a session validated just before (what
 * happens under load when the outage starts between the session check and the root loader).
 */
import net from "node:net";
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, hooksOf } from "../../server/app";
import { Client, startTestApp } from "../support/app";
import type { Authentication } from "~/server-hooks.server";

async function closedPort() {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function listen(app: ReturnType<typeof createApp>) {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}` };
}

describe("a database outage", () => {
  let build: ServerBuild;
  let memberCookie = "";
  let validated: Authentication;
  let realUrl = "";
  const servers: Server[] = [];
  let plain = ""; // the real app: its session check meets the outage
  let midway = ""; // the session was validated just before the outage

  beforeAll(async () => {
    const app = await startTestApp();
    build = app.build;
    const member = new Client(app.baseUrl);
    await member.login("member1@demo.test");
    memberCookie = `cab_session=${member.cookies.get("cab_session")}`;
    const hooks = hooksOf(build);
    validated = await hooks.authenticate(memberCookie);
    expect(validated.user?.role).toBe("cab_member");

    const logger = pino({ level: "silent" });
    const withSession: ServerBuild = {
      ...build,
      entry: { ...build.entry, module: { ...build.entry.module, serverHooks: { ...hooks, authenticate: async () => validated } } as typeof build.entry.module },
    };
    const a = await listen(createApp({ build, logger }));
    const b = await listen(createApp({ build: withSession, logger }));
    servers.push(a.server, b.server);
    plain = a.url;
    midway = b.url;

    // The database goes away: the pool is dropped and every new connection is refused.
    realUrl = process.env.DATABASE_URL!;
    await hooks.closeDatabase();
    process.env.DATABASE_URL = `postgres://cab:cab@127.0.0.1:${await closedPort()}/cab`;
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    await hooksOf(build).closeDatabase();
    process.env.DATABASE_URL = realUrl;
  });

  const get = (base: string, pathname: string, cookie?: string, accept = "text/html") =>
    fetch(base + pathname, { redirect: "manual", headers: { Accept: accept, ...(cookie ? { Cookie: cookie } : {}) } });

  it("a page answers 503 with the 'try again shortly' message, for a visitor and for a member at every layer", async () => {
    const cases = [
      { what: "visitor, /briefs (the route's loader notices)", base: plain, path: "/briefs", cookie: undefined },
      { what: "member, /briefs (the session check notices)", base: plain, path: "/briefs", cookie: memberCookie },
      { what: "member, /briefs (the root loader notices)", base: midway, path: "/briefs", cookie: memberCookie },
      { what: "member, / (the root loader notices)", base: midway, path: "/", cookie: memberCookie },
    ];
    for (const c of cases) {
      const r = await get(c.base, c.path, c.cookie);
      const body = await r.text();
      expect(r.status, c.what).toBe(503);
      expect(r.headers.get("content-type"), c.what).toMatch(/text\/html/);
      // What a person reads (the page also carries the error's JSON in Remix's script, out of sight).
      const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(body)?.[1] ?? "";
      expect(main, c.what).toMatch(/try again shortly/i);
      expect(main, c.what).not.toMatch(/errors\.unavailable/);
    }
  });

  it("an API or ?_data request answers 503 with the JSON error", async () => {
    const cases = [
      { what: "member, /briefs?_data=root (root loader)", base: midway, path: "/briefs?_data=root", cookie: memberCookie },
      { what: "member, /briefs?_data=routes/briefs._index", base: midway, path: "/briefs?_data=routes%2Fbriefs._index", cookie: memberCookie },
      { what: "member, ?_data (session check)", base: plain, path: "/briefs?_data=root", cookie: memberCookie, accept: "application/json" },
      { what: "Open311 requests", base: plain, path: "/open311/v2/services.json", cookie: undefined, accept: "application/json" },
    ];
    for (const c of cases) {
      const r = await get(c.base, c.path, c.cookie, c.accept ?? "*/*");
      const text = await r.text();
      expect(r.status, `${c.what}: ${text.slice(0, 200)}`).toBe(503);
      expect(JSON.parse(text), c.what).toMatchObject({ error: expect.stringMatching(/try again shortly/i) });
    }
  });
});
