import type { Page } from "@playwright/test";
import { e2eDatabase, expect, login, test } from "./fixtures";

/**
 * Every main page, for each kind of person, renders on the server AND hydrates in the browser
 * without an error (a value imported from a .server module, a server/browser text mismatch…),
 * and passes the axe check (the fixture's goto runs it).
 */
async function samplePaths() {
  const sql = e2eDatabase();
  const [brief] = await sql`select slug from briefs where status = 'public' order by published_at desc limit 1`;
  const [cabBrief] = await sql`select slug from briefs where status = 'cab_review' limit 1`;
  const [analysis] = await sql`select id from analyses order by created_at limit 1`;
  const [meeting] = await sql`select id from meetings order by starts_at limit 1`;
  const [response] = await sql`select slug from responses where status = 'published' limit 1`;
  const [concern] = await sql`select tracking_code, number from concerns where hidden = false order by number limit 1`;
  const [measure] = await sql`select key from metric_measures order by key limit 1`;
  const [consultation] = await sql`select slug from consultations limit 1`;
  return {
    public: [
      "/",
      "/briefs",
      `/briefs/${brief!.slug}`,
      "/analyses",
      "/analyses/pipeline",
      `/analyses/${analysis!.id}`,
      "/meetings",
      `/meetings/${meeting!.id}`,
      "/action-items",
      "/dashboard",
      `/dashboard/${measure!.key}`,
      "/dashboard/disparity",
      "/dashboard/response-time",
      "/dashboard/drug-citations",
      "/dashboard/drug-policy",
      "/dashboard/concerns-loop",
      "/dashboard/time-to-decision",
      "/reports/annual",
      "/reports/annual/2025",
      "/concerns",
      "/concerns/new",
      `/concerns/track/${concern!.tracking_code}`,
      "/responses",
      `/responses/${response!.slug}`,
      "/consultations",
      `/consultations/${consultation!.slug}`,
      "/search?q=drug",
      "/login",
      "/signup",
      "/forgot-password",
    ],
    member: [`/briefs/${cabBrief!.slug}`, "/account", "/account/sessions", "/account/notifications", "/notifications"],
    staff: [
      "/staff",
      "/staff/concerns",
      `/staff/concerns/${concern!.number}`,
      "/staff/concerns/kinds",
      "/staff/citations",
      "/staff/briefs",
      "/staff/briefs/new",
      "/staff/meetings",
      "/staff/meetings/new",
      "/staff/metrics",
      "/staff/metrics/import",
      "/staff/responses",
      "/staff/responses/new",
      `/analyses/${analysis!.id}/manage`,
    ],
    admin: ["/admin", "/admin/users", "/admin/outbox", "/admin/audit", "/admin/policies", "/admin/api-keys"],
  };
}

async function visitAll(page: Page, paths: string[]) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    // A route-discovery fetch cut short by the next navigation is the browser's doing, not the page's.
    if (message.type() === "error" && !/Failed to load resource|Failed to fetch manifest patches/.test(message.text()))
      problems.push(`${page.url()}: ${message.text().slice(0, 300)}`);
  });
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    // Give hydration time to run (and fail) before moving on.
    await page.waitForLoadState("networkidle");
  }
  expect(problems).toEqual([]);
}

test("public pages hydrate without errors", async ({ page }) => {
  test.setTimeout(180_000);
  await visitAll(page, (await samplePaths()).public);
});

test("member pages hydrate without errors", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "member3@demo.test");
  await visitAll(page, (await samplePaths()).member);
});

test("staff pages hydrate without errors", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, "analyst@demo.test");
  await visitAll(page, (await samplePaths()).staff);
});

test("admin pages hydrate without errors", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "admin@demo.test");
  await visitAll(page, (await samplePaths()).admin);
});
