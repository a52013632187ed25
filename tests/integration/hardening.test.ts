/**
 * Issue 19: nothing the request says is trusted. Each test is the attack as it was reproduced
 * (raw sockets, so Host and X-Forwarded-Host reach the server as an attacker sends them).
 */
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { emailOutbox, users } from "~/db/schema";
import { parseTrustProxy, resolveAppUrl } from "../../server/config";
import { clientFor, startOfFreshRateWindow, startTestApp } from "../support/app";
import { bigField, manyFields, rawRequest } from "../support/raw-http";
import { startServerProcess } from "../support/server-process";

async function newestEmail(to: string, template: string) {
  const [row] = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.template, template)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  return row;
}

const form = (origin: string, extra: Record<string, string> = {}) => ({
  "Content-Type": "application/x-www-form-urlencoded",
  Origin: origin,
  "X-Forwarded-For": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  ...extra,
});

// The app (build import, database) starts once, outside the timed tests.
beforeAll(async () => {
  await startTestApp();
}, 180_000);

// "Well under a second" on an idle machine (see the figures printed); the assertions allow 2 s so a
// busy shared CI machine does not fail them, which still catches the 12.5 s this used to take.
const QUICK_MS = 2000;

describe("bodies: limits before any parsing", () => {
  it("refuses a declared 100 MB body at once, bilingual HTML for a document, and closes the connection", async () => {
    const { baseUrl } = await startTestApp();
    const answer = await rawRequest(baseUrl, {
      method: "POST",
      path: "/login",
      headers: form(baseUrl, { "Content-Length": String(100 * 1024 * 1024) }),
      chunks: bigField(100 * 1024 * 1024),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    expect(answer.headers["content-type"]).toMatch(/text\/html/);
    expect(answer.body).toContain("Too much was sent");
    expect(answer.body).toContain("Se envió demasiado");
    expect(answer.ms).toBeLessThan(QUICK_MS);
    expect(answer.sentBytes).toBeLessThan(20 * 1024 * 1024); // the server stopped reading
    console.log(`413 for a declared 100 MB body: ${answer.ms.toFixed(1)} ms, ${(answer.sentBytes / 1024 / 1024).toFixed(1)} MB written by the client`);
  });

  it("refuses 10,000,000 url-encoded fields sent chunked (no Content-Length) after the first few hundred, as JSON for ?_data", async () => {
    const { baseUrl } = await startTestApp();
    const answer = await rawRequest(baseUrl, {
      method: "POST",
      path: "/login?_data=routes%2Flogin",
      headers: form(baseUrl, { "Transfer-Encoding": "chunked" }),
      chunks: manyFields(10_000_000),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ reason: "payload_too_large", exceeded: "fields" });
    expect(answer.ms).toBeLessThan(QUICK_MS);
    // Of 40 MB, the client got out what socket buffers hold before the server hung up.
    expect(answer.sentBytes).toBeLessThan(20_000_000);
    console.log(
      `413 for 10,000,000 chunked fields (40 MB): ${answer.ms.toFixed(1)} ms, ${(answer.sentBytes / 1024 / 1024).toFixed(1)} MB written by the client`,
    );
  });

  it("refuses a multipart body with 200,000 parts", async () => {
    const { baseUrl } = await startTestApp();
    const boundary = "----cabBoundary7MA4YWxk";
    function* parts() {
      const part = `--${boundary}\r\nContent-Disposition: form-data; name="f"\r\n\r\n1\r\n`;
      for (let i = 0; i < 200_000; i += 1000) yield part.repeat(1000);
      yield `--${boundary}--\r\n`;
    }
    const answer = await rawRequest(baseUrl, {
      method: "POST",
      path: "/concerns/new",
      headers: form(baseUrl, { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Transfer-Encoding": "chunked" }),
      chunks: parts(),
    });
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(QUICK_MS);
  });

  it("keeps the ordinary limit on the case-data import for anyone who is not staff; staff get the large one", async () => {
    const { baseUrl } = await startTestApp();
    const resident = await clientFor("resident@demo.test");
    const cookie = [...resident.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const boundary = "b0undary";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n\r\n`;
    const tail = `\r\n--${boundary}--\r\n`;
    const length = head.length + 80 * 64 * 1024 + tail.length;
    const headers = (c: string) => form(baseUrl, { Cookie: c, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(length) });
    function* fiveMb() {
      yield head;
      for (let i = 0; i < 80; i++) yield Buffer.alloc(64 * 1024, "a");
      yield tail;
    }
    const asResident = await rawRequest(baseUrl, { method: "POST", path: "/staff/metrics/import", headers: headers(cookie), chunks: fiveMb() });
    expect(asResident.status).toBe(413);
    const anonymous = await rawRequest(baseUrl, { method: "POST", path: "/staff/metrics/import", headers: headers(""), chunks: fiveMb() });
    expect(anonymous.status).toBe(413);
    const staff = await clientFor("analyst@demo.test");
    const staffCookie = [...staff.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const asStaff = await rawRequest(baseUrl, { method: "POST", path: "/staff/metrics/import", headers: headers(staffCookie), chunks: fiveMb() });
    expect(asStaff.status).not.toBe(413);
    expect(asStaff.status).toBeLessThan(500);
  });

  it("answers /healthz quickly while two oversized bodies are streaming (a real server process)", { timeout: 90_000 }, async () => {
    const server = await startServerProcess({ DATABASE_URL: process.env.DATABASE_URL, TRUST_PROXY: "loopback" });
    const baseUrl = server.url;
    const slow = (n: number) =>
      rawRequest(baseUrl, { method: "POST", path: "/login", headers: form(baseUrl, { "Transfer-Encoding": "chunked" }), chunks: manyFields(n) });
    expect((await rawRequest(baseUrl, { path: "/healthz" })).status).toBe(200); // the pool's first connection, before measuring
    const attacks = [slow(1_000_000), slow(1_000_000)];
    // Let this process's writers fill their sockets first: what is timed is the server, not this loop.
    await new Promise((r) => setTimeout(r, 50));
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await rawRequest(baseUrl, { path: "/healthz" });
      expect(answer.status).toBe(200);
      latencies.push(answer.ms);
    }
    const refused = await Promise.all(attacks);
    expect(refused.map((a) => a.status)).toEqual([413, 413]);
    expect(Math.max(...latencies)).toBeLessThan(QUICK_MS);
    console.log(
      `/healthz during two oversized bodies: ${latencies.map((ms) => ms.toFixed(1)).join(", ")} ms; refusals ${refused.map((a) => a.ms.toFixed(1)).join(", ")} ms`,
    );
    await server.stop();
  });

  it("still accepts an ordinary sign-in and a form just under its limit", async () => {
    const client = await clientFor();
    expect((await client.post("/login", { email: "resident@demo.test", password: "wrong-password" })).status).toBe(400);
    const nearLimit = await client.post("/login", { email: "resident@demo.test", password: "x".repeat(60 * 1024) });
    expect(nearLimit.status).toBe(400);
  });
});

describe("rate limits before parsing", () => {
  it("refuses an address over its sign-in limit before reading the form (a body that would be a 400 gets the 429)", { timeout: 90_000 }, async () => {
    await startOfFreshRateWindow();
    const client = await clientFor();
    for (let i = 0; i < 10; i++) expect((await client.post("/login", { email: `nobody${i}@example.org`, password: "wrong-password" })).status).toBe(400);
    const malformed = await client.request("/login", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: "not multipart at all",
    });
    expect(malformed.status).toBe(429);
  });
});

describe("links and origins come from APP_URL", () => {
  it("puts APP_URL, not a hostile Host or X-Forwarded-Host, in the reset link", async () => {
    const { baseUrl } = await startTestApp();
    const email = "member9@demo.test";
    // A forged Origin matching a forged Host is still cross-origin: the check compares with APP_URL.
    const forged = await rawRequest(baseUrl, {
      method: "POST",
      path: "/forgot-password",
      headers: form("http://evil.example", { Host: "evil.example" }),
      chunks: [`email=${encodeURIComponent(email)}`],
    });
    expect(forged.status).toBe(403);

    // The same-origin post with a hostile Host (a proxy passing it through) still writes APP_URL.
    const viaHost = await rawRequest(baseUrl, {
      method: "POST",
      path: "/forgot-password",
      headers: form(baseUrl, { Host: "evil.example" }),
      chunks: [`email=${encodeURIComponent(email)}`],
    });
    expect(viaHost.status).toBe(200);
    let mail = await newestEmail(email, "reset-password");
    const link = mail!.text.match(/https?:\/\/\S*reset-password\?token=\S+/)![0];
    expect(link.startsWith(`${baseUrl}/reset-password?token=`)).toBe(true);
    expect(mail!.text + mail!.html).not.toContain("evil.example");
    console.log(`reset link with Host: evil.example → ${link.replace(/token=.*/, "token=…")}`);

    const viaForwarded = await rawRequest(baseUrl, {
      method: "POST",
      path: "/forgot-password?_data=routes%2Fforgot-password",
      headers: form(baseUrl, { "X-Forwarded-Host": "evil.example:4444", "X-Forwarded-Proto": "https" }),
      chunks: [`email=${encodeURIComponent(email)}`],
    });
    expect(viaForwarded.status).toBe(200);
    mail = await newestEmail(email, "reset-password");
    expect(mail!.text).not.toContain("evil.example");
    expect(mail!.text).toContain(`${baseUrl}/reset-password?token=`);
  });

  it("builds Atom, calendar and Open311 discovery links on APP_URL whatever the Host says", async () => {
    const { baseUrl } = await startTestApp();
    for (const path of ["/briefs.atom", "/meetings.ics", "/open311/v2/discovery.json"]) {
      const answer = await rawRequest(baseUrl, { path, headers: { Host: "evil.example:8080", "X-Forwarded-Host": "evil2.example" } });
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).not.toMatch(/evil2?\.example/);
      expect(answer.body, path).toContain(baseUrl);
    }
  });

  it("does not answer 500 to a document POST whose X-Forwarded-Host differs from Host, or is malformed", async () => {
    const { baseUrl } = await startTestApp();
    for (const forwarded of ["other.example", "other.example:99999999", "a b:c", "[::1"]) {
      const answer = await rawRequest(baseUrl, {
        method: "POST",
        path: "/login",
        headers: form(baseUrl, { "X-Forwarded-Host": forwarded }),
        chunks: ["email=resident%40demo.test&password=wrong-password"],
      });
      expect(answer.status, forwarded).toBe(400);
    }
  });

  it("refuses to start in production without APP_URL, saying why", { timeout: 60_000 }, async () => {
    await expect(startServerProcess({ NODE_ENV: "production", APP_URL: "", DATABASE_URL: process.env.DATABASE_URL }, 30_000)).rejects.toThrow(
      /APP_URL is not set/,
    );
  });

  it("reads TRUST_PROXY as Express means it and APP_URL as an origin", () => {
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("loopback")).toBe("loopback");
    expect(parseTrustProxy("10.0.0.0/8, 192.168.0.1")).toBe("10.0.0.0/8,192.168.0.1");
    expect(parseTrustProxy(undefined)).toBeUndefined();
    expect(resolveAppUrl({ APP_URL: "https://cab.example.org/" })).toBe("https://cab.example.org");
    expect(resolveAppUrl({ PORT: "4100" })).toBe("http://localhost:4100");
    expect(() => resolveAppUrl({ NODE_ENV: "production" })).toThrow(/APP_URL is not set/);
    expect(() => resolveAppUrl({ APP_URL: "https://cab.example.org/portal" })).toThrow(/without a path/);
    expect(() => resolveAppUrl({ APP_URL: "javascript:alert(1)" })).toThrow();
  });
});

/** Redirect targets an attacker tries after login; each must stay on this site. */
export const HOSTILE_REDIRECTS = [
  "//evil.example/path",
  "/\t/evil.example/path",
  "/%09/evil.example/path",
  "/\n/evil.example",
  "/%0a/evil.example",
  "/\r\n/evil.example",
  "/%0d%0a/evil.example",
  "/\\evil.example",
  "/%5Cevil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/.//evil.example",
  "/./\t/evil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  " //evil.example",
  "\t//evil.example",
  "/%2F%2Fevil.example",
  "/\u0000/evil.example",
  "/\u000b/evil.example",
  "%2F%2Fevil.example",
  "///evil.example",
];

describe("redirect targets stay on site", () => {
  it("never sends Location to another host, whatever redirectTo holds (as Chromium would read it)", async () => {
    const { baseUrl } = await startTestApp();
    for (const target of HOSTILE_REDIRECTS) {
      const answer = await rawRequest(baseUrl, {
        method: "POST",
        path: "/set-locale",
        headers: form(baseUrl),
        chunks: [new URLSearchParams({ locale: "en", redirectTo: target }).toString()],
      });
      expect(answer.status, JSON.stringify(target)).toBe(302);
      const location = String(answer.headers.location);
      // The browser's reading of the Location header, against this site.
      const followed = new URL(location, baseUrl);
      expect(followed.origin, `${JSON.stringify(target)} → ${JSON.stringify(location)}`).toBe(baseUrl);
      expect(location).not.toMatch(/[\u0000-\u001f\\]/);
      expect(location.startsWith("//")).toBe(false);
    }
  });

  it("signs in and stays on site with a tab-smuggled redirectTo (the reproduced /%09/host/path)", async () => {
    const client = await clientFor();
    const answer = await client.post("/login", {
      email: "member10@demo.test",
      password: process.env.DEMO_PASSWORD ?? "demo-password-2026",
      redirectTo: "/\t/evil.example/path",
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/");
    const newline = await client.post("/set-locale", { locale: "es", redirectTo: "/briefs\n/x" });
    expect(newline.status).toBe(302);
  });

  it("keeps ordinary same-site targets, query and fragment included", async () => {
    const { baseUrl } = await startTestApp();
    for (const [target, expected] of [
      ["/briefs?topic=drugs#top", "/briefs?topic=drugs#top"],
      ["/analyses/abc", "/analyses/abc"],
      ["/concerns/new?x=a b", "/concerns/new?x=a%20b"],
    ]) {
      const answer = await rawRequest(baseUrl, {
        method: "POST",
        path: "/set-locale",
        headers: form(baseUrl),
        chunks: [new URLSearchParams({ locale: "en", redirectTo: target! }).toString()],
      });
      expect(answer.headers.location).toBe(expected);
    }
  });
});

describe("pathological input is never a 500", () => {
  it("answers /search with runs of dashes, ORs and quotes", async () => {
    const client = await clientFor();
    for (const q of [
      "-".repeat(45),
      "a " + "- ".repeat(45),
      "-a ".repeat(60),
      "a" + "-a".repeat(60),
      "or ".repeat(60),
      "a or -".repeat(40),
      '"' + "-".repeat(45) + '"',
      "-" + '"x" -'.repeat(40),
      "!".repeat(50) + "&|<->",
    ]) {
      const answer = await client.get(`/search?q=${encodeURIComponent(q)}`);
      expect(answer.status, q).toBe(200);
    }
  });

  it("refuses protocol-relative and schemeless-host links in analyses and response references", async () => {
    const { parseLinks } = await import("~/modules/analyses");
    const { parseRefLink } = await import("~/modules/responses/schemas");
    const id = "0b6f0b5e-6c1a-4a57-9d61-3f6f3b1d2a10";
    for (const link of [`//3232235777#comment-${id}`, `https://cab.example.org//3232235777#comment-${id}`, `///evil#comment-${id}`]) {
      expect(parseLinks(link), link).toBeNull();
      expect(parseRefLink(link), link).toBe("invalid");
    }
    expect(parseLinks(`/briefs/some-brief#comment-${id}`)?.[0]?.url).toBe(`/briefs/some-brief#comment-${id}`);
    expect(parseRefLink(`/briefs/some-brief#comment-${id}`)).toMatchObject({ type: "comment" });
  });
});

describe("accounts", () => {
  const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password-2026";
  const userRow = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]!;

  it("cannot promote a self-registered, unverified account above resident; /admin/users shows verification", async () => {
    const email = "squatter@example.org";
    const squatter = await clientFor();
    expect((await squatter.post("/signup", { displayName: "Squatter", email, password: "squatter-password-1" })).status).toBe(302);
    const admin = await clientFor("admin@demo.test");
    // The invitation page points the admin at the role change; the role change refuses.
    const invite = await admin.post("/admin/users", { intent: "invite", email, role: "cab_member", locale: "en" });
    expect(invite.status).toBe(400);
    const target = await userRow(email);
    for (const role of ["cab_member", "csu_staff", "admin"]) {
      const r = await admin.post("/admin/users", { intent: "change-role", userId: target.id, role, confirm: "yes" });
      expect(r.status, role).toBe(400);
      expect(await r.text()).toContain("has not confirmed its email address");
    }
    expect((await userRow(email)).role).toBe("resident");
    const page = await (await admin.get("/admin/users")).text();
    expect(page).toContain("Not confirmed");
  });

  it("asks before making someone an admin", async () => {
    const admin = await clientFor("admin@demo.test");
    const target = await userRow("member11@demo.test");
    const asked = await admin.post("/admin/users", { intent: "change-role", userId: target.id, role: "admin" });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("an administrator?");
    expect((await userRow("member11@demo.test")).role).toBe("cab_member");
    expect((await admin.post("/admin/users", { intent: "change-role", userId: target.id, role: "admin", confirm: "yes" })).status).toBe(200);
    expect((await userRow("member11@demo.test")).role).toBe("admin");
    expect((await admin.post("/admin/users", { intent: "change-role", userId: target.id, role: "cab_member" })).status).toBe(200);
  });

  it("ends the other sessions when the password changes", async () => {
    const email = "member12@demo.test";
    const here = await clientFor(email);
    const elsewhere = await clientFor(email);
    expect((await elsewhere.get("/account")).status).toBe(200);
    const changed = await here.post("/account", { intent: "change-password", currentPassword: PASSWORD, newPassword: "a-brand-new-password-1" });
    expect(changed.status).toBe(200);
    expect((await here.get("/account")).status).toBe(200);
    expect((await elsewhere.get("/account")).status).toBe(302);
  });

  it("asks for the current password to change the email, and tells the old address", async () => {
    const email = "member6@demo.test";
    const client = await clientFor(email);
    const wrong = await client.post("/account", { intent: "change-email", email: "new-member6@example.org", currentPassword: "not-the-password" });
    expect(wrong.status).toBe(400);
    expect(await newestEmail("new-member6@example.org", "change-email")).toBeUndefined();
    const missing = await client.post("/account", { intent: "change-email", email: "new-member6@example.org" });
    expect(missing.status).toBe(400);
    const ok = await client.post("/account", { intent: "change-email", email: "new-member6@example.org", currentPassword: PASSWORD });
    expect(ok.status).toBe(200);
    expect(await newestEmail("new-member6@example.org", "change-email")).toBeDefined();
    const notice = await newestEmail(email, "email-change-notice");
    expect(notice?.text).toContain("reset your password");
  });

  it("answers signup and forgot-password the same whether or not the account exists; the owner is emailed", async () => {
    const taken = "resident@demo.test";
    const fresh = `fresh-${Date.now()}@example.org`;
    const shape = async (r: Response) => ({
      status: r.status,
      location: r.headers.get("location"),
      cookies: r.headers
        .getSetCookie()
        .map((c) => c.split("=")[0])
        .sort(),
    });
    const t0 = performance.now();
    const a = await (await clientFor()).post("/signup", { displayName: "Someone", email: taken, password: "someone-password-1" });
    const t1 = performance.now();
    const b = await (await clientFor()).post("/signup", { displayName: "Someone", email: fresh, password: "someone-password-1" });
    const t2 = performance.now();
    expect(await shape(a)).toEqual(await shape(b));
    for (const r of [a, b]) expect(await r.text()).not.toMatch(/emailTaken|already exists/);
    // The owner hears about it, in their own language, with the way back in.
    const owner = await newestEmail(taken, "signup-existing");
    expect(owner?.text).toContain("/forgot-password");
    console.log(`signup: existing address ${(t1 - t0).toFixed(0)} ms, new address ${(t2 - t1).toFixed(0)} ms`);

    const known = await (await clientFor()).post("/forgot-password", { email: "member8@demo.test" });
    const unknown = await (await clientFor()).post("/forgot-password", { email: "nobody-at-all@example.org" });
    expect(known.status).toBe(unknown.status);
    // The same page, but for the address typed back into the form.
    const strip = (html: string, email: string) =>
      html
        .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "")
        .replace(/nonce="[^"]*"/g, "")
        .replaceAll(email, "EMAIL");
    expect(strip(await known.text(), "member8@demo.test")).toBe(strip(await unknown.text(), "nobody-at-all@example.org"));
  });

  it("marks cookies Secure whenever APP_URL is https (not only in production)", { timeout: 90_000 }, async () => {
    const server = await startServerProcess({ APP_URL: "https://cab.example.org", DATABASE_URL: process.env.DATABASE_URL, NODE_ENV: "development" });
    try {
      const login = await fetch(`${server.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://cab.example.org" },
        body: new URLSearchParams({ email: "analyst@demo.test", password: PASSWORD }),
      });
      expect(login.status).toBe(302);
      const cookies = login.headers.getSetCookie();
      expect(cookies.length).toBeGreaterThan(0);
      for (const c of cookies) expect(c).toMatch(/;\s*Secure/i);
      // The Origin check follows APP_URL: the server's own address is not "same-site".
      const local = await fetch(`${server.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
        body: new URLSearchParams({ email: "analyst@demo.test", password: PASSWORD }),
      });
      expect(local.status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});
