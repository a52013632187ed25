import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { users } from "~/db/schema";
import { changeRole } from "~/modules/auth/index.server";
import { addDays, countyToday } from "~/utils/clock";
import { clientFor, type Client } from "../support/app";

/** The page's text as a person reads it: no scripts, no tags, entities decoded. */
function text(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");
}

let admin: Client;
let adminId = "";
let leeId = "";
let analystId = "";

async function idOf(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

beforeAll(async () => {
  adminId = await idOf("admin@demo.test");
  leeId = await idOf("member7@demo.test");
  analystId = await idOf("analyst@demo.test");
  await db.update(users).set({ displayName: "Ana Ruiz" }).where(eq(users.id, adminId));
  await db.update(users).set({ displayName: "Lee Park" }).where(eq(users.id, leeId));
  expect(await changeRole({ id: adminId }, leeId, "csu_staff")).toBe("ok");
  expect(await changeRole({ id: adminId }, leeId, "cab_member")).toBe("ok");
  admin = await clientFor("admin@demo.test");
});

describe("the audit log reads as sentences", () => {
  it("names who did what to whom, in English", async () => {
    const r = await admin.get("/admin/audit");
    expect(r.status).toBe(200);
    const page = text(await r.text());
    expect(page).toContain("Ana Ruiz changed Lee Park's role to CAB member");
    expect(page).toContain("Ana Ruiz changed Lee Park's role to CSU staff");
    // No raw action codes as the entry's text (they are kept under "What was recorded").
    expect(page).toContain("What was recorded");
  });

  it("and in Spanish", async () => {
    const es = await clientFor("admin@demo.test");
    expect((await es.post("/set-locale", { locale: "es", redirectTo: "/admin/audit" })).status).toBe(302);
    const page = text(await (await es.get("/admin/audit")).text());
    expect(page).toContain("Ana Ruiz cambió el rol de Lee Park a miembro del CAB");
    expect(page).toContain("Lo que se registró");
    expect(page).not.toContain("changed Lee Park's role");
    // The choice of language is kept on the account: switch back for the other tests.
    expect((await es.post("/set-locale", { locale: "en", redirectTo: "/admin/audit" })).status).toBe(302);
  });

  it("gives every action recorded in the demo data its own sentence (none falls back to the generic one)", async () => {
    const page = text(await (await admin.get("/admin/audit")).text());
    expect(page).not.toMatch(/ did “[a-z_.]+” \(/);
  });
});

describe("the audit log filters by person, kind of change and date, and pages", () => {
  it("shows only what one person did", async () => {
    const page = text(await (await admin.get(`/admin/audit?person=${encodeURIComponent(adminId)}`)).text());
    expect(page).toContain("Ana Ruiz changed Lee Park's role to CAB member");
    const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where actor_id = ${analystId}`);
    if (rows[0]!.n > 0) expect(page).not.toMatch(/Dana Analyst (published|started|saved|sent|drafted)/);
    // Someone who did nothing finds nothing.
    const nobody = text(await (await admin.get(`/admin/audit?person=${encodeURIComponent(leeId)}`)).text());
    expect(nobody).toContain("Nothing in the log matches these filters.");
  });

  it("shows only one kind of change", async () => {
    const html = await (await admin.get("/admin/audit?family=user")).text();
    const page = text(html);
    expect(page).toContain("changed Lee Park's role");
    expect(page).not.toMatch(/published a brief|started the brief|posted a comment|invited /);
    // The choice is kept in the form (a GET form: the query string is the state).
    expect(html).toMatch(/<option value="user" selected=""/);
    // A kind the page does not offer is no filter, not an error page.
    expect((await admin.get("/admin/audit?family=%27%20or%201%3D1")).status).toBe(200);
  });

  it("shows only a range of county days, both ends included", async () => {
    const today = countyToday();
    const page = text(await (await admin.get(`/admin/audit?from=${today}&to=${today}&family=user`)).text());
    expect(page).toContain("Ana Ruiz changed Lee Park's role to CAB member");
    const past = text(await (await admin.get(`/admin/audit?to=${addDays(today, -1)}&family=user`)).text());
    expect(past).not.toContain("changed Lee Park's role");
    const future = text(await (await admin.get(`/admin/audit?from=${addDays(today, 1)}`)).text());
    expect(future).toContain("Nothing in the log matches these filters.");
  });

  it("explains a date it cannot read, or a range that ends before it starts, without applying it", async () => {
    let r = await admin.get("/admin/audit?from=2026-02-31");
    expect(r.status).toBe(200);
    let page = text(await r.text());
    expect(page).toContain("There is a problem");
    expect(page).toContain("Enter a real date, for example 2026-03-31.");
    expect(page).toContain("changed Lee Park's role");
    r = await admin.get(`/admin/audit?from=${countyToday()}&to=${addDays(countyToday(), -3)}`);
    page = text(await r.text());
    expect(page).toContain("The end date must be the same as or after the start date.");
  });

  it("pages through the log keeping the filters", async () => {
    // More than a page of entries by one person.
    for (let i = 0; i < 55; i++) {
      expect(await changeRole({ id: adminId }, leeId, i % 2 ? "cab_member" : "csu_staff")).toBe("ok");
    }
    const first = await (await admin.get(`/admin/audit?family=user&person=${encodeURIComponent(adminId)}`)).text();
    const older = /href="(\/admin\/audit\?[^"]*before=\d+[^"]*)"/.exec(first)?.[1]?.replace(/&amp;/g, "&");
    expect(older, "a link to older entries").toBeTruthy();
    expect(older).toContain("family=user");
    expect(older).toContain(`person=${encodeURIComponent(adminId)}`);
    const second = await (await admin.get(older!)).text();
    expect(text(second)).toContain("changed Lee Park's role");
    expect(second).toContain("Newest entries");
  });

  it("is for admins only", async () => {
    const analyst = await clientFor("analyst@demo.test");
    expect((await analyst.get("/admin/audit")).status).toBe(403);
    const visitor = await clientFor();
    expect((await visitor.get("/admin/audit")).status).toBe(302);
  });
});
