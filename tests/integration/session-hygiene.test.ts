/**
 * Session hygiene: a new session id at every login (no fixation), logout ends the session on the
 * server, a deactivated user's open tab loses access on its next request, and the cookies carry
 * HttpOnly, SameSite=Lax and (in production) Secure.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, getSql } from "~/db/client.server";
import { users } from "~/db/schema";
import { setDeactivated } from "~/modules/auth/index.server";
import { Client, clientFor } from "../support/app";
import { startServerProcess } from "../support/server-process";

const PASSWORD = "demo-password-2026";

async function userId(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

async function sessionRow(id: string) {
  const [row] = await getSql()`select id, user_id from sessions where id = ${id}`;
  return row ?? null;
}

function sessionCookie(response: Response) {
  return response.headers.getSetCookie().find((c) => c.startsWith("cab_session="));
}

describe("session hygiene", () => {
  it("gives a new session id at login and never adopts a planted one (session fixation)", async () => {
    const victim = await clientFor();
    const planted = "attacker-chosen-session-id-0123456789";
    victim.cookies.set("cab_session", planted);
    const login = await victim.post("/login", { email: "member3@demo.test", password: PASSWORD });
    expect(login.status).toBe(302);
    const issued = victim.cookies.get("cab_session")!;
    expect(issued).toBeTruthy();
    expect(issued).not.toBe(planted);
    expect(await sessionRow(planted)).toBeNull();
    expect((await sessionRow(issued))?.user_id).toBe(await userId("member3@demo.test"));

    // An attacker plants his own real session in the victim's browser; her login must not join it.
    const attacker = await clientFor("resident@demo.test");
    const attackerSession = attacker.cookies.get("cab_session")!;
    const victim2 = await clientFor();
    victim2.cookies.set("cab_session", attackerSession);
    expect((await victim2.post("/login", { email: "member4@demo.test", password: PASSWORD })).status).toBe(302);
    expect(victim2.cookies.get("cab_session")).not.toBe(attackerSession);
    expect((await sessionRow(attackerSession))?.user_id).toBe(await userId("resident@demo.test"));
    expect((await attacker.get("/staff")).status).toBe(403); // still only the resident
    expect((await victim2.get("/staff")).status).toBe(403); // member4 is a cab_member, not staff
  });

  it("ends the session on the server at logout: the old cookie is refused afterwards", async () => {
    const analyst = await clientFor("analyst@demo.test");
    const old = analyst.cookies.get("cab_session")!;
    expect((await analyst.get("/staff")).status).toBe(200);
    const out = await analyst.post("/logout", {});
    expect(out.status).toBe(302);
    expect(sessionCookie(out)).toMatch(/Max-Age=0/i);
    expect(await sessionRow(old)).toBeNull();

    // Someone who kept a copy of the cookie (a second tab, a stolen cookie) gets nothing with it.
    const replay = await clientFor();
    replay.cookies.set("cab_session", old);
    const response = await replay.get("/staff");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fstaff");
    expect(sessionCookie(response)).toMatch(/Max-Age=0/i);
  });

  it("takes access away from a deactivated user's open tab on its next request", async () => {
    const tab = await clientFor("analyst@demo.test");
    expect((await tab.get("/staff")).status).toBe(200);
    const admin = { id: await userId("admin@demo.test"), ipAddress: "127.0.0.1" };
    expect(await setDeactivated(admin, await userId("analyst@demo.test"), true)).toBe(true);

    const next = await tab.get("/staff");
    expect(next.status).toBe(302);
    expect(next.headers.get("location")).toBe("/login?redirectTo=%2Fstaff");
    const home = await (await tab.get("/")).text();
    expect(home).not.toContain("Dana Analyst");
    // Nor can they sign in again.
    expect((await (await clientFor()).post("/login", { email: "analyst@demo.test", password: PASSWORD })).status).toBe(400);
    await setDeactivated(admin, await userId("analyst@demo.test"), false);
  });

  it("refuses a deactivated user's session even if a row was left behind (second wall)", async () => {
    const tab = await clientFor("member5@demo.test");
    const id = tab.cookies.get("cab_session")!;
    expect((await tab.get("/briefs")).status).toBe(200);
    // Deactivated by hand, without the service's session clean-up (e.g. by another tool).
    await getSql()`update users set deactivated_at = now() where email = 'member5@demo.test'`;
    const response = await tab.get("/staff");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
    expect(await sessionRow(id)).toBeNull();
    await getSql()`update users set deactivated_at = null where email = 'member5@demo.test'`;
  });

  it("sets HttpOnly and SameSite=Lax on every cookie, and no Secure over plain local HTTP", async () => {
    const client = await clientFor();
    const login = await client.post("/login", { email: "member6@demo.test", password: PASSWORD });
    const locale = await client.post("/set-locale", { locale: "es", redirectTo: "/" });
    const logout = await client.post("/logout", {});
    const cookies = [...login.headers.getSetCookie(), ...locale.headers.getSetCookie(), ...logout.headers.getSetCookie()];
    expect(cookies.map((c) => c.split("=")[0]).sort()).toEqual(["cab_flash", "cab_lng", "cab_session", "cab_session"]);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
      expect(cookie).not.toMatch(/;\s*Secure/i);
    }
    expect(sessionCookie(login)).toMatch(/Max-Age=\d{6,}|Expires=/i);
  });

  it("adds Secure to every cookie when NODE_ENV=production (a real server process)", { timeout: 90_000 }, async () => {
    const server = await startServerProcess({ NODE_ENV: "production", DATABASE_URL: process.env.DATABASE_URL });
    try {
      const client = new Client(server.url);
      const login = await client.post("/login", { email: "member7@demo.test", password: PASSWORD });
      expect(login.status, server.output()).toBe(302);
      const locale = await client.post("/set-locale", { locale: "en", redirectTo: "/" });
      const logout = await client.post("/logout", {});
      const cookies = [...login.headers.getSetCookie(), ...locale.headers.getSetCookie(), ...logout.headers.getSetCookie()];
      expect(cookies.length).toBe(4);
      for (const cookie of cookies) {
        expect(cookie).toMatch(/;\s*Secure/i);
        expect(cookie).toMatch(/;\s*HttpOnly/i);
        expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      }
      expect(login.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    } finally {
      await server.stop();
    }
  });
});
