import type { Page } from "@playwright/test";
import { e2eDatabase, expect, login, PHONE, test, type KnownPhoneFailure } from "./fixtures";

/**
 * Dashboard pages known to fail the phone check today: too wide for the phone, or chart text
 * shrunk below 12 px by the SVG's scaling. Issue 18's charts (the new `app/components/metrics/*`
 * and `/dashboard/*` pages) remove them: delete each entry once its page passes (the run then
 * notes "known phone failure fixed"). Nothing outside `/dashboard` belongs here.
 */
const KNOWN_DASHBOARD_OVERFLOW: KnownPhoneFailure[] = [
  { path: /^\/dashboard\/drug-citations/, check: "overflow", why: "three definitions side by side (issue 18)" },
  { path: /^\/dashboard\/response-time/, check: "overflow", why: "the response-time table and chart (issue 18)" },
  { path: /^\/dashboard\/(?!disparity)[a-z_-]+/, check: "chartText", why: "SVG charts scale their labels down with the viewBox (issue 18)" },
];

test.use({ viewport: PHONE, phoneCheck: { known: KNOWN_DASHBOARD_OVERFLOW } });

async function publicPaths() {
  const sql = e2eDatabase();
  const [brief] = await sql`select slug from briefs where status = 'public' order by published_at desc limit 1`;
  const [meeting] = await sql`select id from meetings order by starts_at limit 1`;
  const [response] = await sql`select slug from responses where status = 'published' limit 1`;
  const [consultation] = await sql`select slug from consultations limit 1`;
  const [measure] = await sql`select key from metric_measures order by key limit 1`;
  return [
    "/",
    "/briefs",
    `/briefs/${brief!.slug}`,
    "/consultations",
    `/consultations/${consultation!.slug}`,
    "/meetings",
    `/meetings/${meeting!.id}`,
    "/responses",
    `/responses/${response!.slug}`,
    "/concerns",
    "/search?q=drug",
    "/login",
    "/signup",
    "/dashboard",
    `/dashboard/${measure!.key}`,
    "/dashboard/filed?grain=month&year=2025",
    "/dashboard/disparity",
    "/dashboard/response-time",
    "/dashboard/drug-citations",
    "/dashboard/drug-policy",
    "/dashboard/concerns-loop",
    "/dashboard/time-to-decision",
    "/reports/annual",
    "/reports/annual/2025",
  ];
}

/** A full-page picture at phone width, for a person to look at (test-results/phone-*.png). */
async function snap(page: Page, name: string) {
  await page.screenshot({ path: `test-results/phone-${name}.png`, fullPage: true });
}

test("every public page fits a 390 px phone, with readable chart text (the fixture measures each visit)", async ({ page }) => {
  test.setTimeout(180_000);
  for (const path of await publicPaths()) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
  }
  const missing = await page.goto("/no-such-page-here");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a resident's own pages fit the phone", async ({ page }) => {
  await login(page, "resident@demo.test");
  for (const path of ["/account", "/account/notifications", "/notifications", "/concerns/track"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
  }
});

test("the header is one compact row on a phone; its menu opens without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  const header = page.locator("header.site-header");
  const main = page.locator("#main");
  const headerBox = (await header.boundingBox())!;
  // Logo and menu button on one row: the header is no taller than two lines of text.
  expect(headerBox.height).toBeLessThan(90);
  expect((await main.boundingBox())!.y).toBeLessThan(headerBox.y + headerBox.height + 40);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Briefs" })).toBeHidden();
  await page.locator("summary", { hasText: "Menu" }).click();
  await expect(nav.getByRole("link", { name: "Briefs" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Report a concern" }).first()).toBeVisible();
  await snap(page, "header-menu-open");
  await context.close();
});

test("screenshots of the changed pages at 390 px", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await snap(page, "home");
  await page.goto("/concerns");
  await snap(page, "concerns-overview");
  const sql = e2eDatabase();
  const [response] = await sql`select slug from responses where status = 'published' limit 1`;
  await page.goto(`/responses/${response!.slug}`);
  await snap(page, "response");
  await login(page, "admin@demo.test");
  await page.goto("/admin/audit");
  await snap(page, "admin-audit");
  await page.goto("/admin/users");
  await snap(page, "admin-users");
});
