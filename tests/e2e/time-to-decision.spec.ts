import { expect, test } from "./fixtures";

/**
 * /dashboard/time-to-decision at a phone's width and a desktop's (every visit runs axe and the
 * phone check in the fixture): nothing wider than the screen, chart text at a readable size, and
 * screenshots to look at (test-results/time-to-decision/<lang>-<width>.png).
 */
for (const width of [390, 1280] as const) {
  test(`time to decision at ${width} px: charts, tables, readable text, no overflow`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    for (const lng of ["en", "es"] as const) {
      await page.goto(`/dashboard/time-to-decision?lng=${lng}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        lng === "en" ? "Time to decision and to disposition" : "Tiempo hasta la decisión y hasta la resolución",
      );
      // Two yearly charts and two by race/ethnicity, each with its table.
      await expect(page.locator('svg[data-chart="range-rows"]')).toHaveCount(4);
      await expect(page.locator("table[data-stats-table]")).toHaveCount(4);
      const r = await page.evaluate(() => {
        const small: string[] = [];
        for (const el of Array.from(document.querySelectorAll(".chart-box svg text"))) {
          const box = (el as SVGTextElement).getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          const size = parseFloat(getComputedStyle(el).fontSize) * ((el as SVGTextElement).ownerSVGElement!.getScreenCTM()?.a ?? 1);
          if (size < 12) small.push(`${el.textContent}: ${size}px`);
          // Chart text stays inside the chart's box (labels are not cut off at the right edge).
          const chart = (el as SVGTextElement).ownerSVGElement!.getBoundingClientRect();
          if (box.right > chart.right + 1 || box.left < chart.left - 1) small.push(`${el.textContent}: outside the chart`);
        }
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, small };
      });
      expect(r.scrollWidth).toBeLessThanOrEqual(r.innerWidth);
      expect(r.small).toEqual([]);
      await page.screenshot({ path: `test-results/time-to-decision/${lng}-${width}.png`, fullPage: true });
    }
    // The year of the race/ethnicity tables is a plain GET form.
    await page.goto("/dashboard/time-to-decision?lng=en");
    const first = await page.locator("#ttd-year option").first().getAttribute("value");
    await page.locator("#ttd-year").selectOption(first!);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("heading", { name: `By race and ethnicity, referrals of ${first}` })).toBeVisible();
  });
}
