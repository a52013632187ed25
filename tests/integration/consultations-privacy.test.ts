import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { clientFor } from "../support/app";

/**
 * A consultation's summary is the office's draft until the consultation closes: an attacker who
 * reads the page, its loader JSON (?_data), the list and search (snippets, and whether a word
 * only in the summary finds the consultation at all) learns nothing of it. After it closes,
 * all of them show it (so the test sees it when it is there).
 */
const SECRET = "Plumtreewhistle";
const SUMMARY = `Draft conclusion: the office will fund ${SECRET} outreach in Millbrook.`;
const ROUTE = "routes/consultations.$slug";

describe("consultations: the summary is hidden everywhere until the consultation closes", () => {
  it("keeps the summary out of the page, loader data, list and search while open, and shows it once closed", async () => {
    const analyst = await clientFor("analyst@demo.test");
    const notice = JSON.stringify({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Notice of intent to partner with Millbrook on outreach." }] }],
    });
    const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
    const created = await analyst.post("/staff/consultations/new", {
      title: "Outreach partnership notice",
      partners: "Town of Millbrook",
      opensAt: iso(-60_000),
      closesAt: iso(86_400_000),
      notice,
    });
    expect(created.status).toBe(302);
    const url = created.headers.get("location")!;
    const [row] = await db.execute<{ id: string }>(sql`select id from consultations where slug = ${url.split("/")[2]!}`);
    // Staff write the summary while it is still open (a draft of what they will publish).
    const saved = await analyst.post(`/staff/consultations/${row!.id}/edit`, {
      title: "Outreach partnership notice",
      partners: "Town of Millbrook",
      opensAt: iso(-60_000),
      closesAt: iso(86_400_000),
      notice,
      summary__text: SUMMARY,
    });
    expect(saved.status).toBe(302);
    const [stored] = await db.execute<{ summary_text: string | null }>(sql`select summary_text from consultations where id = ${row!.id}`);
    expect(stored!.summary_text).toContain(SECRET);

    const surfaces = async () => {
      const visitor = await clientFor();
      const resident = await clientFor("resident@demo.test");
      const out: Record<string, string> = {};
      for (const [who, c] of [
        ["visitor", visitor],
        ["resident", resident],
      ] as const) {
        out[`${who} page`] = await (await c.get(url)).text();
        out[`${who} _data`] = await (await c.get(`${url}?_data=${encodeURIComponent(ROUTE)}`)).text();
        out[`${who} list`] = await (await c.get("/consultations")).text();
        out[`${who} list _data`] = await (await c.get(`/consultations?_data=${encodeURIComponent("routes/consultations._index")}`)).text();
        out[`${who} search secret`] = await (await c.get(`/search?q=${SECRET}`)).text();
        out[`${who} search notice`] = await (await c.get(`/search?q=${encodeURIComponent("Millbrook outreach")}`)).text();
        out[`${who} search es`] = await (await c.get(`/search?q=${encodeURIComponent("conclusion Millbrook")}`)).text();
      }
      return out;
    };

    const open = await surfaces();
    for (const [where, text] of Object.entries(open)) {
      // The search page repeats the query it was asked; what it must not do is find anything.
      if (where.endsWith("search secret")) expect(text, where).not.toContain(`href="${url}"`);
      else expect(text.toLowerCase().includes(SECRET.toLowerCase()), `summary leaked: ${where}`).toBe(false);
      expect(text.includes("Draft conclusion"), `summary leaked: ${where}`).toBe(false);
    }
    // The word only in the summary does not find the consultation; the notice still does.
    expect(open["visitor search notice"]).toContain(`href="${url}"`);
    expect(JSON.parse(open["visitor _data"]!).consultation.summaryHtml).toBeNull();
    const mine = (data: string) =>
      (JSON.parse(data) as { consultations: { slug: string; hasSummary: boolean }[] }).consultations.find((c) => url.endsWith(c.slug))!;
    expect(mine(open["visitor list _data"]!).hasSummary).toBe(false);

    // Closed: the summary is public everywhere.
    await db.execute(sql`update consultations set opens_at = now() - interval '2 days', closes_at = now() - interval '1 minute' where id = ${row!.id}`);
    const closed = await surfaces();
    expect(closed["visitor page"]).toContain(SECRET);
    expect(closed["visitor _data"]).toContain(SECRET);
    expect(closed["visitor search secret"]).toContain(`href="${url}"`);
    expect(closed["visitor search secret"]).toContain(SECRET);
    expect(mine(closed["visitor list _data"]!).hasSummary).toBe(true);
  });
});
