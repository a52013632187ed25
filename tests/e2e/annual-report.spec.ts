import { englishIn } from "../support/english-words";
import { expect, expectAccessible, test } from "./fixtures";

/**
 * The annual report at a phone's width and a desktop's (axe, nothing wider than the screen), and
 * as printed: screenshots to look at in test-results/annual-report/.
 */
const YEAR = 2025;

for (const width of [390, 1280] as const) {
  test(`the annual report at ${width} px`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/reports/annual");
    await expectAccessible(page);
    await page.getByRole("link", { name: `Annual report ${YEAR}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Annual report ${YEAR}`);
    await expectAccessible(page);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(width);
    // With JavaScript the instruction comes with a button that opens the print dialog.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole("button", { name: "Print or save as PDF" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.screenshot({ path: `test-results/annual-report/report-${width}.png`, fullPage: true });
    // Closer looks: the first screen, and the disparity table (the widest part of the page).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `test-results/annual-report/report-${width}-top.png` });
    await page.locator('[data-report-section="disparity"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/annual-report/report-${width}-disparity.png` });
  });
}

test("the annual report as printed: no site header, footer or buttons; sources written out", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 800, height: 1100 });
  await page.goto(`/reports/annual/${YEAR}`);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator(".site-footer")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  const source = await page
    .locator(".report-source a")
    .first()
    .evaluate((a) => getComputedStyle(a, "::after").content);
  expect(source).toContain("/dashboard/");
  await page.screenshot({ path: "test-results/annual-report/report-print.png", fullPage: true });
});

test("without JavaScript the report says how to print it", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/reports/annual/${YEAR}`);
  await expect(page.getByText("use your browser's Print command")).toBeVisible();
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toHaveCount(0);
  await context.close();
});

test("a Spanish reader gets the report in Spanish, on screen and in print", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/reports/annual/${YEAR}?lng=es`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Informe anual ${YEAR}`);
  await expect(page).toHaveTitle(new RegExp(`^Informe anual · ${YEAR}`));
  const words = englishIn(
    await page.locator("main").evaluate((m) => {
      const copy = m.cloneNode(true) as HTMLElement;
      for (const el of copy.querySelectorAll("[data-user-content]")) el.remove();
      return copy.innerText;
    }),
  );
  expect(words).toEqual([]);
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: "test-results/annual-report/report-es-print.png", fullPage: true });
});
