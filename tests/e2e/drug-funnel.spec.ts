import type { Page } from "@playwright/test";
import { e2eDatabase, expect, test } from "./fixtures";

/**
 * The drug-policy funnel at a phone's width and a desktop's (every visit also runs the fixture's
 * axe check): nothing wider than the screen, chart text at a readable size, the policy change
 * marked on the trend, and screenshots to look at (test-results/drug-funnel/<view>-<width>.png).
 */
const WIDTHS = [390, 1280] as const;

async function layout(page: Page) {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const el of Array.from(document.querySelectorAll("figure svg text, .chart-box svg text"))) {
      const box = (el as SVGTextElement).getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const scale = (el as SVGTextElement).ownerSVGElement!.getScreenCTM()?.a ?? 1;
      const size = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (size < 12) small.push(`${(el.textContent ?? "").slice(0, 20)}: ${size.toFixed(1)}px`);
    }
    // Text drawn past the chart's right edge (a direct label that does not fit) is cut off on a phone.
    const clipped: string[] = [];
    for (const svg of Array.from(document.querySelectorAll("svg.metric-chart"))) {
      const right = svg.getBoundingClientRect().right;
      for (const el of Array.from(svg.querySelectorAll("text"))) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > right + 1) clipped.push(`${(el.textContent ?? "").slice(0, 30)} (${Math.round(box.right - right)} px)`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, small, clipped };
  });
}

for (const width of WIDTHS) {
  test(`the drug-policy funnel at ${width} px fits, reads, and marks the policy change`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    const sql = e2eDatabase();
    const policies = (await sql`select effective_from::text as d from policy_versions order by effective_from`).map((r) => String(r.d));
    for (const [name, path] of [
      ["year", "/dashboard/drug-policy?year=2024"],
      ["latest", "/dashboard/drug-policy"],
      ["all-years", "/dashboard/drug-policy?year="],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const r = await layout(page);
      expect(r.scrollWidth, `${path} is ${r.scrollWidth} px wide at ${width} px`).toBeLessThanOrEqual(r.innerWidth);
      expect(r.small, `${path}: chart text under 12 px`).toEqual([]);
      expect(r.clipped, `${path}: chart text past the chart's edge`).toEqual([]);
      await page.screenshot({ path: `test-results/drug-funnel/${name}-${width}.png`, fullPage: true });
      if (width === 390 && name === "year") {
        // The long phone page in screen-sized pieces too, to look at without shrinking it.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, i = 0; y < height; y += 1400, i++)
          await page.screenshot({
            path: `test-results/drug-funnel/${name}-${width}-part${i}.png`,
            fullPage: true,
            clip: { x: 0, y, width, height: Math.min(1400, height - y) },
          });
      }
    }
    await page.goto("/dashboard/drug-policy?year=2024");
    await expect(page.getByRole("heading", { level: 1, name: "Drug-policy funnel" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Drug referrals and decisions, 2024/ })).toBeVisible();
    await expect(page.locator("[data-baseline]")).toContainText("CSU baseline");
    // Every policy version within the years shown is marked on both trend charts and listed under them.
    const years = await page.locator('svg[data-series="drug_filed"] [data-period]').evaluateAll((els) => els.map((e) => e.getAttribute("data-period")!));
    const shown = policies.filter((d) => years.includes(d.slice(0, 4)));
    expect(shown.length).toBeGreaterThan(0);
    for (const d of new Set(shown)) {
      const versions = shown.filter((p) => p === d).length; // two policies can take effect the same day
      await expect(page.locator(`svg[data-series="drug_filed"] [data-marker="policy"][data-date="${d}"]`)).toHaveCount(versions);
      await expect(page.locator(`svg[data-series="drug_declined"] [data-marker="policy"][data-date="${d}"]`)).toHaveCount(versions);
      await expect(page.locator(`[data-marker-item="policy"][data-date="${d}"]`)).toHaveCount(versions);
      await expect(page.locator(`[data-marker-item="policy"][data-date="${d}"]`).first()).toContainText("takes effect");
    }
    // The year filter works without JavaScript's help: a plain GET form.
    await page.getByLabel("Year", { exact: true }).selectOption("2023");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/year=2023/);
    await expect(page.getByRole("heading", { level: 2, name: /^2023: from referral to decision/ })).toBeVisible();
  });
}
