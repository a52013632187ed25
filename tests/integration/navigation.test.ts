import { describe, expect, it } from "vitest";
import { clientFor, type Client } from "../support/app";

/** Same-site link targets of a page (no fragments, no external or protocol-relative addresses). */
function linksOf(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)) {
    const href = m[1]!.replace(/&amp;/g, "&").split("#")[0]!;
    if (href.startsWith("/") && !href.startsWith("//")) found.add(href);
  }
  return [...found];
}

/**
 * Follows every same-site link from the start pages, `depth` clicks deep, as `client`. Every
 * link must open: no 404, no 500, and never a bounce to the sign-in page for someone who was
 * shown the link. Returns what was visited, for the assertions about the hubs themselves.
 */
async function crawl(client: Client, starts: string[], depth: number) {
  const seen = new Map<string, { status: number; from: string }>();
  let frontier = starts.map((path) => ({ path, from: "(start)" }));
  const problems: string[] = [];
  for (let level = 0; level <= depth && frontier.length; level++) {
    const next: { path: string; from: string }[] = [];
    for (const { path, from } of frontier) {
      if (seen.has(path)) continue;
      const response = await client.get(path);
      seen.set(path, { status: response.status, from });
      const location = response.headers.get("location") ?? "";
      if (response.status >= 400 || (response.status >= 300 && location.startsWith("/login"))) {
        problems.push(`${path} (linked from ${from}) → ${response.status}${location ? ` ${location}` : ""}`);
        continue;
      }
      if (level < depth && (response.headers.get("content-type") ?? "").includes("text/html")) {
        for (const link of linksOf(await response.text())) if (!seen.has(link)) next.push({ path: link, from: path });
      } else {
        await response.arrayBuffer();
      }
    }
    frontier = next;
  }
  return { seen, problems };
}

describe("navigation: no dead links", () => {
  it("every link on the home page opens for a visitor", async () => {
    const visitor = await clientFor();
    const { seen, problems } = await crawl(visitor, ["/"], 1);
    expect(problems).toEqual([]);
    // The public pages outside the main navigation are reachable from every page's footer.
    for (const path of ["/consultations", "/search", "/briefs", "/meetings", "/dashboard", "/concerns/new"]) expect(seen.has(path), path).toBe(true);
  });

  it("the staff hub links every staff tool, and each of them (and what they link) opens for an analyst", async () => {
    const analyst = await clientFor("analyst@demo.test");
    const hub = await analyst.get("/staff");
    expect(hub.status).toBe(200);
    const links = linksOf(await hub.text());
    for (const path of [
      "/staff/concerns",
      "/staff/concerns/kinds",
      "/staff/citations",
      "/staff/briefs",
      "/staff/consultations/new",
      "/consultations",
      "/staff/meetings",
      "/staff/metrics",
      "/analyses",
      "/search",
    ]) {
      expect(links, path).toContain(path);
    }
    // Three clicks deep: hub → list → item → what the item links (agenda links, revisions, …).
    const { problems } = await crawl(analyst, ["/", "/staff"], 3);
    expect(problems).toEqual([]);
  }, 120_000);

  it("the admin hub links users, outbox, audit, policies and API keys, and every link opens for an admin", async () => {
    const admin = await clientFor("admin@demo.test");
    const hub = await admin.get("/admin");
    expect(hub.status).toBe(200);
    const links = linksOf(await hub.text());
    for (const path of ["/admin/users", "/admin/outbox", "/admin/audit", "/admin/policies", "/admin/api-keys", "/staff"]) expect(links, path).toContain(path);
    const { problems } = await crawl(admin, ["/admin"], 2);
    expect(problems).toEqual([]);
  }, 120_000);

  it("the dashboard links the annual reports, and every link in them opens for a visitor", async () => {
    const visitor = await clientFor();
    const links = linksOf(await (await visitor.get("/dashboard")).text());
    expect(links).toContain("/reports/annual");
    const reports = links.filter((l) => /^\/reports\/annual\/\d{4}$/.test(l));
    expect(reports.length).toBe(1);
    const { seen, problems } = await crawl(visitor, ["/reports/annual", reports[0]!], 1);
    expect(problems).toEqual([]);
    expect([...seen.keys()].some((p) => p.startsWith("/dashboard/disparity?year="))).toBe(true);
  }, 120_000);

  it("keeps the hubs to their roles", async () => {
    const visitor = await clientFor();
    expect((await visitor.get("/staff")).headers.get("location")).toMatch(/^\/login/);
    const member = await clientFor("member1@demo.test");
    expect((await member.get("/staff")).status).toBe(403);
    const analyst = await clientFor("analyst@demo.test");
    expect((await analyst.get("/admin")).status).toBe(403);
  });
});
