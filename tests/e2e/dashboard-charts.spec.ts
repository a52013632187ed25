import type { Page } from "@playwright/test";
import { e2eDatabase, expect, test } from "./fixtures";

/**
 * The dashboard's charts at a phone's width and a desktop's: nothing wider than the screen, chart
 * text at a readable size (≥ 12 px as rendered), and screenshots to look at
 * (test-results/dashboard-charts/<page>-<width>.png).
 */
const WIDTHS = [390, 1280] as const;

async function readable(page: Page) {
  return page.evaluate(() => {
    const scrollWidth = document.documentElement.scrollWidth;
    const small: string[] = [];
    let counted = 0;
    for (const el of Array.from(document.querySelectorAll("figure svg text, .chart-box svg text"))) {
      const box = (el as SVGTextElement).getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not drawn at this width (a thinned axis label)
      counted++;
      const svg = (el as SVGTextElement).ownerSVGElement!;
      const scale = svg.getScreenCTM()?.a ?? 1;
      const size = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (size < 12) small.push(`${(el.textContent ?? "").slice(0, 20)}: ${size.toFixed(1)}px`);
    }
    return { scrollWidth, innerWidth: window.innerWidth, small, counted };
  });
}

async function pages() {
  const sql = e2eDatabase();
  const [policy] = await sql`select effective_from::text as d from policy_versions order by effective_from desc limit 1`;
  const policyDay = String(policy!.d);
  return {
    policyDay,
    list: [
      { name: "home", path: "/dashboard" },
      { name: "breakdown", path: "/dashboard/filed?by=race&grain=year" },
      { name: "monthly-marker", path: `/dashboard/drug_referred?grain=month&year=${policyDay.slice(0, 4)}` },
      { name: "weapons-marker", path: "/dashboard/firearm_cases?grain=month&year=2021" },
      { name: "disparity", path: "/dashboard/disparity?year=2024" },
      { name: "drug-citations", path: "/dashboard/drug-citations" },
      { name: "response-time", path: "/dashboard/response-time" },
    ],
  };
}

for (const width of WIDTHS) {
  test(`dashboard pages at ${width} px fit the screen and their chart text is readable`, async ({ page }) => {
    test.setTimeout(240_000); // seven pages, each with an axe check, on a shared machine
    await page.setViewportSize({ width, height: 900 });
    const { list } = await pages();
    for (const { name, path } of list) {
      await page.goto(path);
      const r = await readable(page);
      expect(r.scrollWidth, `${path} is ${r.scrollWidth} px wide at ${width} px`).toBeLessThanOrEqual(r.innerWidth);
      expect(r.small, `${path}: chart text under 12 px`).toEqual([]);
      if (name !== "home") expect(r.counted, `${path} draws chart text`).toBeGreaterThan(0);
      await page.screenshot({ path: `test-results/dashboard-charts/${name}-${width}.png`, fullPage: true });
    }
  });
}

test("a monthly drug series marks the charging-policy change; a breakdown draws one series per group", async ({ page }) => {
  test.setTimeout(120_000);
  const { policyDay, list } = await pages();
  await page.goto(list.find((p) => p.name === "monthly-marker")!.path);
  const marker = page.locator(`svg [data-marker="policy"][data-date="${policyDay}"]`);
  await expect(marker).toHaveCount(1);
  await expect(page.locator(`[data-marker-item="policy"][data-date="${policyDay}"]`)).toContainText("takes effect");

  await page.goto("/dashboard/firearm_cases?grain=month&year=2021");
  await expect(page.locator('svg [data-marker="event"][data-date="2021-06-12"]')).toHaveCount(1);
  await expect(page.locator(".marker-list").getByText("Second Amendment Preservation Act")).toBeVisible();

  await page.goto("/dashboard/filed?by=race&grain=year");
  const panels = page.locator('[data-breakdown="race"] svg[data-chart="time-series"]');
  await expect(panels).toHaveCount(7);
  await expect(page.getByRole("img", { name: /Cases filed, By year: Black/ })).toBeVisible();
  // Counts as well as rates.
  await page.getByLabel("Show").selectOption("count");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/show=count/);
  await expect(page.getByText("Showing counts of people.")).toBeVisible();
});
