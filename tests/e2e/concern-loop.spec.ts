import { expect, test } from "./fixtures";

/**
 * Concerns in the loop at a phone's width and a desktop's (every visit also runs the fixture's
 * axe check): nothing wider than the screen, the year's stages as a chart and a table, the ZIP
 * split, and screenshots to look at (test-results/concern-loop/latest-<width>.png).
 */
for (const width of [390, 1280] as const) {
  test(`concerns in the loop at ${width} px fit and read`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const response = await page.goto("/dashboard/concerns-loop");
    expect(response?.status()).toBe(200);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, `the page at ${width} px`).toBeLessThanOrEqual(innerWidth);
    await page.screenshot({ path: `test-results/concern-loop/latest-${width}.png`, fullPage: true });
    await expect(page.getByRole("heading", { level: 1, name: "Concerns in the loop" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Concerns received and what became of them/ })).toBeVisible();
    await expect(page.locator('[data-loop-table="summary"] tbody tr')).toHaveCount(4);
    await expect(page.locator('[data-loop-table="zip"]')).toHaveCount(1);
    // One year at a time: the later stages have no all-years total, so "All years" is not offered.
    await expect(page.getByLabel("Year", { exact: true }).locator("option", { hasText: "All years" })).toHaveCount(0);
  });
}

test("the dashboard links the loop, and a Spanish reader gets it in Spanish", async ({ page }) => {
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Concerns in the loop" }).click();
  await expect(page).toHaveURL(/\/dashboard\/concerns-loop$/);
  await page.goto("/dashboard/concerns-loop?lng=es");
  await expect(page.getByRole("heading", { level: 1, name: "Inquietudes en seguimiento" })).toBeVisible();
  await expect(page).toHaveTitle(/Inquietudes en seguimiento/);
});
