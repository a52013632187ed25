import type { Server } from "node:http";
import path from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { emailOutbox } from "~/db/schema";
import { addDays, countyDay } from "~/utils/clock";
import { signUnsubscribeToken } from "~/modules/notifications/index.server";
import { createServer } from "node:http";
import { createApp } from "../../server/app";
import { PUBLIC_PATHS } from "../../server/cache";
import { createLogger, scrubUrl } from "../../server/logging";
import { Client, clientFor } from "../support/app";
import { issueKeyViaAdmin } from "../support/concerns";
import { generateCaseCsv } from "../support/metrics-csv";
import { startWorker } from "../../server/jobs";

/** The real server with a debug-level logger whose every line is kept, as a log file would be. */
let logged = "";
let server: Server;
let base = "";

beforeAll(async () => {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  // The port is known once listening; APP_URL (links, the Origin check) is that address.
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  process.env.APP_URL = base;
  server.on("request", createApp({ build, logger: createLogger({ level: "debug" }, sink), trustProxy: "loopback", appUrl: base }));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function newestLink(to: string, template: string, pathPrefix: string) {
  const [email] = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.template, template)))
    .orderBy(desc(emailOutbox.createdAt));
  const match = email?.text.match(new RegExp(`https?://[^\\s"'<>\\]\\[]*${pathPrefix.replace(/[?]/g, "\\?")}[^\\s"'<>\\]\\[]*`));
  if (!match) throw new Error(`no ${template} link for ${to}`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}

const today = countyDay(new Date());

describe("logs hold no secrets", () => {
  it("after a signed-in journey, token links and Open311 calls, the log has no cookie, token, key, code or address", { timeout: 60_000 }, async () => {
    const secrets: string[] = [];
    const person = new Client(base);
    person.ip = "10.77.66.55";

    // Signed in: the session cookie, a page, a form post (the session id is in Cookie and Set-Cookie).
    await person.login("member1@demo.test");
    const session = person.cookies.get("cab_session")!;
    expect(session).toBeTruthy();
    secrets.push(session);
    expect((await person.get("/briefs")).status).toBe(200);
    expect((await person.get("/account")).status).toBe(200);
    await person.post("/set-locale", { locale: "es", redirectTo: "/" });
    await person.post("/set-locale", { locale: "en", redirectTo: "/" });

    // An admin issues an Open311 key (the key is on the page, never in the log).
    const admin = await clientFor("admin@demo.test");
    const admin2 = new Client(base);
    admin2.cookies = admin.cookies;
    admin2.ip = "10.77.66.56";
    const key = await issueKeyViaAdmin(admin2, "Log test app");
    secrets.push(key, admin.cookies.get("cab_session")!);

    // A concern from the form: its tracking code travels in Location and in the next URL.
    const resident = new Client(base);
    resident.ip = "10.77.66.57";
    const submitted = await resident.post("/concerns/new", {
      intent: "submit",
      kind: "nuisance_property",
      description: "Log test: cars blocking the alley",
      observedDate: addDays(today, -1), // an evening today may be ahead on the county clock
      observedTime: "22:10",
      address: "7711 Logtest Rd",
      zip: "64109",
      email: "log.person@example.net",
    });
    expect(submitted.status).toBe(302);
    const code = /\/concerns\/received\/([A-Z0-9]{12})/.exec(submitted.headers.get("location") ?? "")![1]!;
    secrets.push(code, `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
    expect((await resident.get(submitted.headers.get("location")!)).status).toBe(200);
    expect((await resident.get(`/concerns/track/${code}`)).status).toBe(200);
    expect((await resident.get(`/concerns/track/${code.toLowerCase()}`)).status).toBeLessThan(500);
    expect((await resident.get(`/concerns/track?code=${code}`)).status).toBeLessThan(500);

    // Open311: submit with the key (in the body) and read with it (in the query string).
    const api = new Client(base);
    api.ip = "10.77.66.58";
    const posted = await api.post(
      "/open311/v2/requests.json",
      {
        api_key: key,
        service_code: "drug_sales",
        description: "Log test via Open311",
        address_string: "1234 Logging Ave",
        "attribute[zipcode]": "64130",
        "attribute[observed_date]": today,
        email: "api.log@example.net",
      },
      { origin: null },
    );
    expect(posted.status).toBe(201);
    const [created] = (await posted.json()) as { service_request_id: string; token?: string }[];
    if (created?.token) secrets.push(created.token);
    const read = await api.get(`/open311/v2/requests.json?api_key=${encodeURIComponent(key)}&start_date=${today}`);
    expect(read.status).toBe(200);
    const one = await api.get(`/open311/v2/requests/${created!.service_request_id}.json?api_key=${encodeURIComponent(key)}`);
    expect(one.status).toBeLessThan(500);

    // Token links: password reset, email verification, invitation, unsubscribe.
    const visitor = new Client(base);
    visitor.ip = "10.77.66.59";
    await visitor.post("/forgot-password", { email: "member2@demo.test" });
    const reset = await newestLink("member2@demo.test", "reset-password", "/reset-password?token=");
    const resetToken = new URL(reset, base).searchParams.get("token")!;
    secrets.push(resetToken);
    expect((await visitor.get(reset)).status).toBe(200);
    await visitor.post(reset, { token: resetToken, password: "a-new-password-2026" });

    const newcomer = new Client(base);
    newcomer.ip = "10.77.66.60";
    await newcomer.post("/signup", { displayName: "Log Tester", email: "log.tester@example.org", password: "log-password-2026" });
    secrets.push(newcomer.cookies.get("cab_session")!);
    const verify = await newestLink("log.tester@example.org", "verify-email", "/verify-email?token=");
    secrets.push(new URL(verify, base).searchParams.get("token")!);
    expect((await newcomer.get(verify)).status).toBeLessThan(500);

    const invited = await admin2.post("/admin/users", { intent: "invite", email: "log.invitee@example.org", role: "cab_member", locale: "en" });
    expect(invited.status).toBe(200);
    const invitation = await newestLink("log.invitee@example.org", "invitation", "/invitations/");
    secrets.push(invitation.split("/")[2]!.split("?")[0]!);
    expect((await visitor.get(invitation)).status).toBe(200);

    const unsubscribe = await signUnsubscribeToken({ email: "log.person@example.net" }, "digest_daily");
    secrets.push(unsubscribe, unsubscribe.split(".")[1]!);
    expect((await visitor.get(`/unsubscribe?token=${encodeURIComponent(unsubscribe)}`)).status).toBeLessThan(500);

    // Let the last "finish" events write.
    await new Promise((r) => setTimeout(r, 100));
    const lines = logged.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThan(20);
    expect(logged, "a debug line with the request headers is there (so redaction is what keeps them out)").toContain('"request details"');
    for (const secret of secrets.filter((s) => s && s.length >= 8)) {
      expect(logged.includes(secret), `the log holds a secret (${secret.slice(0, 4)}…)`).toBe(false);
      expect(logged.includes(encodeURIComponent(secret)), `the log holds an encoded secret (${secret.slice(0, 4)}…)`).toBe(false);
    }
    for (const ip of ["10.77.66.55", "10.77.66.57", "10.77.66.58", "10.77.66.59"]) expect(logged).not.toContain(ip);
    expect(logged).not.toMatch(/cab_session=/);
    expect(logged).not.toMatch(/argon2|password=/i);
    // What an info line is: method, scrubbed path, status, time.
    const info = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "request");
    expect(info.find((l) => l.url === "/concerns/track/:code")).toMatchObject({ method: "GET", status: 200 });
    expect(Object.keys(info[0]!).filter((k) => !["level", "time", "pid", "hostname", "msg"].includes(k))).toEqual(["method", "url", "status", "ms"]);
  });

  it("scrubs tokens and codes from paths and queries", () => {
    expect(scrubUrl("/concerns/track/ABCD-EFGH-JKMN")).toBe("/concerns/track/:code");
    expect(scrubUrl("/concerns/received/ABCDEFGHJKMN?emailed=1")).toBe("/concerns/received/:code?emailed=1");
    expect(scrubUrl("/invitations/abc123")).toBe("/invitations/:token");
    expect(scrubUrl("/open311/v2/requests/1234.json?api_key=cab311_x")).toBe("/open311/v2/requests/:id.json?api_key=[redacted]");
    expect(scrubUrl("/reset-password?token=xyz")).toBe("/reset-password?token=[redacted]");
    expect(scrubUrl("/concerns/track?code=ABCDEFGHJKMN")).toBe("/concerns/track?code=[redacted]");
    expect(scrubUrl("/login?redirectTo=%2Fconcerns%2Ftrack%2FABCDEFGHJKMN")).toBe("/login?redirectTo=%2Fconcerns%2Ftrack%2F%3Acode");
    expect(scrubUrl("/anything/eyJ1IjoiYWJjIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ")).toBe("/anything/:secret");
    expect(scrubUrl("/briefs/a-brief-about-2026-drug-filings?lng=es")).toBe("/briefs/a-brief-about-2026-drug-filings?lng=es");
  });
});

describe("HTTP caching", () => {
  it("marks anonymous public pages public with an ETag and Vary, answers 304, and keeps the CSP with its body", async () => {
    const r = await fetch(`${base}/briefs`);
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toMatch(/^public, .*s-maxage=\d+.*stale-while-revalidate=\d+/);
    expect(r.headers.get("vary")).toMatch(/Cookie/);
    expect(r.headers.get("vary")).toMatch(/Accept-Language/);
    const etag = r.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const body = await r.text();
    const nonce = /nonce-([^']+)'/.exec(r.headers.get("content-security-policy")!)![1]!;
    expect(body).toContain(`nonce="${nonce}"`);
    // Another render (another nonce) of the same content has the same ETag: caches can revalidate.
    const again = await fetch(`${base}/briefs`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("content-security-policy"), "a 304 must not replace the stored body's CSP").toBeNull();
    // Spanish is another representation.
    const es = await fetch(`${base}/briefs?lng=es`);
    expect(es.headers.get("etag")).not.toBe(etag);
    expect(await es.text()).toContain('lang="es"');
  });

  it("never marks a signed-in page public, and the anonymous copy holds nothing of the session", async () => {
    // A person whose name appears nowhere else, so finding it in a page can only mean their session leaked.
    const displayName = "Quillon Cachewright";
    const member = new Client(base);
    const signup = await member.post("/signup", { displayName, email: "quillon.cache@example.org", password: "cache-password-2026" });
    expect(signup.status).toBe(302);
    // Signing up asks the person to check their email; they then sign in.
    await member.login("quillon.cache@example.org", "cache-password-2026");
    const session = member.cookies.get("cab_session")!;
    expect(session).toBeTruthy();
    expect(await (await member.get("/")).text()).toContain(displayName);
    const anonymous = new Client(base);
    const publicPaths = [
      "/",
      "/briefs",
      "/dashboard",
      "/meetings",
      "/responses",
      "/analyses",
      "/consultations",
      "/concerns",
      "/concerns/new",
      "/search?q=drug",
      "/briefs.atom",
      "/meetings.ics",
    ];
    for (const p of publicPaths)
      expect(
        PUBLIC_PATHS.some((re) => re.test(p.split("?")[0]!)),
        p,
      ).toBe(true);
    for (const p of [...publicPaths, "/account", "/notifications", "/login"]) {
      const signedIn = await member.get(p);
      await signedIn.arrayBuffer();
      expect(signedIn.headers.get("cache-control"), `${p} signed in`).toBe("private, no-store");
      expect(signedIn.headers.get("etag"), `${p} signed in`).toBeNull();
      // Even asked to revalidate a public copy's ETag, a signed-in person gets their own page.
      const publicCopy = await anonymous.get(p);
      const publicBody = await publicCopy.text();
      const tag = publicCopy.headers.get("etag");
      if (tag) {
        const conditional = await member.get(p, { headers: { "If-None-Match": tag } });
        expect(conditional.status, `${p}: a signed-in If-None-Match`).not.toBe(304);
        await conditional.arrayBuffer();
      }
      if (/^public/.test(publicCopy.headers.get("cache-control") ?? "")) {
        expect(publicBody, p).not.toContain(session);
        expect(publicBody, p).not.toContain(displayName);
        expect(publicBody, p).not.toMatch(/"user":\{/);
        expect(publicCopy.headers.get("set-cookie"), p).toBeNull();
      }
    }
    const account = await anonymous.get("/account");
    expect(account.headers.get("cache-control")).toBe("private, no-store");
  });

  it("keeps pages that set a cookie, POST answers and other pages out of shared caches", async () => {
    const c = new Client(base);
    const posted = await c.post("/set-locale", { locale: "es", redirectTo: "/briefs" });
    expect(posted.headers.get("cache-control")).toBe("private, no-store");
    const tracked = await c.get("/concerns/track/ABCDEFGHJKMN");
    expect(tracked.headers.get("cache-control")).toBe("private, no-store");
    const missing = await c.get("/no-such-page");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("private, no-store");
  });
});

describe("cheap answers where no page is needed", () => {
  it("serves a real favicon, linked from every page", async () => {
    const ico = await fetch(`${base}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get("content-type")).toMatch(/icon/);
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
    const svg = await fetch(`${base}/favicon.svg`);
    expect(svg.status).toBe(200);
    const home = await (await fetch(`${base}/`)).text();
    expect(home).toMatch(/<link rel="icon" href="\/favicon.ico"/);
  });

  it("answers missing asset-like paths with a two-word 404, and real navigation with the full page", async () => {
    for (const p of ["/apple-touch-icon.png", "/build/entry.client-OLD.js", "/app.css.map", "/ads.txt", "/locales/en.0000.json"]) {
      const r = await fetch(base + p);
      expect(r.status, p).toBe(404);
      expect(r.headers.get("content-type"), p).toMatch(/^text\/plain/);
      expect((await r.text()).length, p).toBeLessThan(20);
    }
    const page = await fetch(`${base}/no-such-page`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain("Page not found");
    expect(html).toContain("<nav");
    // Open311's .json and .xml are routes, not assets.
    expect((await fetch(`${base}/open311/v2/discovery.json`)).status).toBe(200);
  });
});

describe("strings as a cached file, not in every document", () => {
  it("documents name their language's strings file instead of carrying every string", async () => {
    const r = await fetch(`${base}/bench/floor`);
    const html = await r.text();
    expect(html.length).toBeLessThan(20_000);
    const href = /"strings":"(\/locales\/en\.[\w-]+\.json)"/.exec(html)?.[1];
    expect(href).toBeTruthy();
    expect(html).toContain(`<link rel="preload" as="fetch" href="${href}" crossorigin="anonymous"/>`);
    // A string of a namespace this page does not render is not in it.
    expect(html).not.toContain("Invitation sent to");
    const file = await fetch(base + href!);
    expect(file.status).toBe(200);
    expect(file.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const strings = (await file.json()) as Record<string, Record<string, unknown>>;
    expect(Object.keys(strings)).toContain("common");
    expect(Object.keys(strings)).not.toContain("emails");

    const es = await (await fetch(`${base}/?lng=es`)).text();
    const esHref = /"strings":"(\/locales\/es\.[\w-]+\.json)"/.exec(es)?.[1];
    expect(esHref).toBeTruthy();
    expect(esHref).not.toBe(href);
    expect(es).toContain('lang="es"');
    const esStrings = (await (await fetch(base + esHref!)).json()) as Record<string, Record<string, unknown>>;
    expect(JSON.stringify(esStrings.common)).not.toBe(JSON.stringify(strings.common));
  });
});

describe("the dashboard's cache of the publication", () => {
  /** The year total of a measure as its CSV publishes it (null: no row for that year). */
  async function yearCell(client: Client, measure: string, year: number) {
    const csv = await (await client.get(`/dashboard/${measure}/csv?grain=year`)).text();
    const row = csv.split("\n").find((l) => l.startsWith(`${year},`));
    return row ? row.split(",")[1]! : null;
  }

  it("shows a new import's figures at once (pages and CSV were served from the cache before it)", { timeout: 90_000 }, async () => {
    const visitor = await clientFor();
    const analyst = await clientFor("analyst@demo.test");
    // Read twice: the second answer comes from the cache.
    expect(await yearCell(visitor, "referred", 2033)).toBeNull();
    expect(await yearCell(visitor, "referred", 2033)).toBeNull();
    const data = async () =>
      (await (await visitor.get(`/dashboard/referred?grain=year&year=2033&_data=${encodeURIComponent("routes/dashboard.$measure")}`)).json()) as {
        table: { periods: string[] };
      };
    expect((await data()).table.periods).toEqual([]);

    const form = new FormData();
    form.append("periodStart", "2033-01");
    form.append("periodEnd", "2033-12");
    form.append("file", new Blob([generateCaseCsv(240, { year: 2033, prefix: "C" })], { type: "text/csv" }), "cache-2033.csv");
    const uploaded = await analyst.request("/staff/metrics/import", { method: "POST", body: form });
    expect(uploaded.status).toBe(302);
    const statusPath = uploaded.headers.get("location")!;
    expect((await analyst.post(statusPath, { intent: "confirm" })).status).toBe(302);
    const stop = await startWorker();
    try {
      const deadline = Date.now() + 60_000;
      while (!/data-status="completed"/.test(await (await analyst.get(statusPath)).text())) {
        if (Date.now() > deadline) throw new Error("import did not complete");
        await new Promise((r) => setTimeout(r, 150));
      }
    } finally {
      await stop();
    }
    // The very next reads show the new publication's cell for 2033 (as stored: shown, or suppressed).
    const [cell] = await db.execute<{ count: number | null; state: string }>(
      sql`select count, state from metric_published_cells where measure_key = 'referred' and grain = 'year' and period = '2033' and dimension = ''`,
    );
    expect(cell).toBeTruthy();
    expect(await yearCell(visitor, "referred", 2033)).toBe(cell!.state === "shown" ? String(cell!.count) : "suppressed");
    expect((await data()).table.periods).toEqual(["2033"]);

    // An event added by staff is on the chart at once too.
    expect(
      (
        await analyst.post("/staff/metrics/events", {
          intent: "create",
          occurredOn: "2033-03-01",
          titleEn: "Cache test ordinance",
          titleEs: "Ordenanza de prueba",
          descriptionEn: "",
          descriptionEs: "",
          appliesTo: ["referred"],
        })
      ).status,
    ).toBe(302);
    expect(await (await visitor.get("/dashboard/referred?grain=month&year=2033")).text()).toContain("Cache test ordinance");
  });
});
