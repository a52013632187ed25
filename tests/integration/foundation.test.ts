import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { users } from "~/db/schema";
import { clientFor, startOfFreshRateWindow } from "../support/app";

describe("foundation: server security and permissions", () => {
  it("answers /healthz with the database state", async () => {
    const client = await clientFor();
    const response = await client.get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ db: "ok" });
  });

  it("refuses a cross-origin POST with 403", async () => {
    const client = await clientFor();
    const response = await client.post("/login", { email: "admin@demo.test", password: "x" }, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    const missing = await client.post("/login", { email: "admin@demo.test", password: "x" }, { origin: null });
    expect(missing.status).toBe(403);
  });

  it("sends a visitor on a member page to login and back afterwards", async () => {
    const client = await clientFor();
    const response = await client.get("/staff");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fstaff");
    await client.post("/login", { email: "analyst@demo.test", password: "demo-password-2026", redirectTo: "/staff" }).then((r) => {
      expect(r.status).toBe(302);
      expect(r.headers.get("location")).toBe("/staff");
    });
  });

  it("gives a cab_member a 403 page on a csu_staff page", async () => {
    const member = await clientFor("member1@demo.test");
    const response = await member.get("/staff");
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("You do not have access to this page");
  });

  it("stores passwords as argon2id hashes and sets a safe session cookie", async () => {
    const [admin] = await db.select().from(users).where(eq(users.email, "admin@demo.test"));
    expect(admin!.passwordHash).toMatch(/^\$argon2id\$/);
    const client = await clientFor();
    const response = await client.post("/login", { email: "admin@demo.test", password: "demo-password-2026" });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("cab_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("gives the 11th login attempt in a minute a 429", { timeout: 60_000 }, async () => {
    await startOfFreshRateWindow();
    const client = await clientFor();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await client.post("/login", { email: "member2@demo.test", password: "wrong-password" });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("rejects malformed login input with field errors, never a 500", async () => {
    const client = await clientFor();
    // Over-long fields within the 64 KB form limit get field errors; past it, a 413 (hardening.test.ts).
    const bodies: Record<string, string>[] = [{}, { email: "not-an-email" }, { email: "a".repeat(20_000), password: "b".repeat(20_000) }];
    for (const body of bodies) {
      const r = await client.post("/login", body);
      expect(r.status).toBe(400);
      expect(await r.text()).toMatch(/field-errors|This field is required|Enter an email address/);
    }
    const huge = await client.post("/login", { email: "a".repeat(100_000), password: "b".repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("Too much was sent");
    const json = await client.request("/login", { method: "POST", body: "{not json", headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(400);
  });

  it("switches language with a plain form post and remembers it", async () => {
    const client = await clientFor();
    const r = await client.post("/set-locale", { locale: "es", redirectTo: "/" });
    expect(r.status).toBe(302);
    const home = await client.get("/");
    const html = await home.text();
    expect(html).toContain('lang="es"');
    expect(html).toContain("Junta Asesora Comunitaria");
  });
});
