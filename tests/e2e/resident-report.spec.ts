import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

/** The resident's report on a phone (390 × 844), with JavaScript and without. */
test.use({ viewport: { width: 390, height: 844 } });

const NEUTRAL = "https://www.bbc.com/weather";

/** The page is no wider than the phone's screen. */
async function expectNoOverflow(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width at 390 px on ${page.url()}`).toBeLessThanOrEqual(390);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/resident-${name}.png`, fullPage: true });
}

/** The neutral site is not reachable from here: answer for it, so the test sees the tab arrive. */
async function fakeNeutralSite(page: Page) {
  await page.route("https://www.bbc.com/**", (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Weather</title><h1>Weather</h1>" }),
  );
}

async function fillReport(page: Page, house: number) {
  await page.getByLabel(/^Drug sales/).check();
  await page.getByLabel("What did you see?").fill("Hand-to-hand sales outside the corner store every evening.");
  await page.getByLabel("Street address or intersection").fill(`${house} Residentview Ave`);
  await page.getByLabel("ZIP code").fill("64128");
}

test("with JavaScript: error summary, character count, check answers and change, confirmation, tracking at 390 px", async ({ page }) => {
  const house = 6000 + (Number(Date.now().toString().slice(-5)) % 900);
  await page.goto("/concerns/new");
  await expect(page.getByRole("heading", { level: 1, name: "Report a concern" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Who sees what" })).toBeVisible();
  await expect(page.getByTestId("usual-time")).toBeVisible();
  await expectNoOverflow(page);
  await shot(page, "start");

  // Continue with nothing: the summary at the top, focused, each message a link that focuses its field.
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Choose what kind of concern it is" })).toBeVisible();
  await expect(page.getByText("This field is required.")).toHaveCount(0);
  await expectAccessible(page);
  await expectNoOverflow(page);
  await shot(page, "errors-js");
  await summary.getByRole("link", { name: "Describe what you saw" }).click();
  await expect(page.getByLabel("What did you see?")).toBeFocused();
  await summary.getByRole("link", { name: "Choose what kind of concern it is" }).click();
  await expect(page.locator('input[name="kind"]').first()).toBeFocused();

  // The description is counted, never cut.
  await fillReport(page, house);
  const description = page.getByLabel("What did you see?");
  await description.fill("x".repeat(4010));
  await expect(page.getByTestId("character-count")).toHaveText("You have 10 characters too many");
  expect((await description.inputValue()).length).toBe(4010);
  await description.fill("Hand-to-hand sales outside the corner store every evening.");
  await expect(page.getByTestId("character-count")).toHaveText("You have 3,942 characters remaining");
  await page.getByRole("button", { name: "Continue" }).click();

  // Check your answers; "Change" goes back with the field focused and the answers kept.
  await expect(page.getByRole("heading", { level: 1, name: "Check your answers before sending your report" })).toBeVisible();
  await expect(page.getByText(`${Math.floor(house / 100) * 100} block of Residentview Ave, 64128`)).toBeVisible();
  await expectAccessible(page);
  await expectNoOverflow(page);
  await shot(page, "check-answers");
  await page.getByRole("button", { name: "Change where" }).click();
  await expect(page.getByLabel("Street address or intersection")).toBeFocused();
  await expect(page.getByLabel("Street address or intersection")).toHaveValue(`${house} Residentview Ave`);
  await expect(page.getByLabel("What did you see?")).toHaveValue("Hand-to-hand sales outside the corner store every evening.");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Send report" }).click();

  // The confirmation: the reference, what happens next, the usual time; printable.
  await page.waitForURL(/\/concerns\/received\//);
  await expect(page.getByRole("heading", { level: 1, name: "Report sent" })).toBeVisible();
  const code = (await page.getByTestId("tracking-code").innerText()).trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await expect(page.getByRole("heading", { level: 2, name: "What happens next" })).toBeVisible();
  await expect(page.getByText("Keep this code private, like a PIN")).toBeVisible();
  await expect(page.getByTestId("usual-time")).toBeVisible();
  await expectAccessible(page);
  await expectNoOverflow(page);
  await shot(page, "confirmation");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("link", { name: "Exit this page" })).toBeHidden();
  await expect(page.getByTestId("tracking-code")).toBeVisible();
  await shot(page, "confirmation-print");
  await page.emulateMedia({ media: "screen" });

  // The tracking page at 390 px: no sideways scroll, each label above its value, nothing cut.
  await page.getByRole("link", { name: "Track your concern" }).click();
  await expect(page.getByTestId("concern-status")).toHaveText("Received");
  await expectAccessible(page);
  await expectNoOverflow(page);
  const label = await page.locator(".tracking-summary dt").filter({ hasText: "Where" }).boundingBox();
  const value = await page.locator(".tracking-summary dt:has-text('Where') + dd").boundingBox();
  expect(value!.y).toBeGreaterThan(label!.y + label!.height - 1);
  expect(value!.x + value!.width).toBeLessThanOrEqual(390);
  await expect(page.locator(".tracking-summary dt:has-text('Where') + dd")).toContainText(`${Math.floor(house / 100) * 100} block of Residentview Ave`);
  await shot(page, "tracking");
});

test("with JavaScript: Shift pressed three times and the button leave for a neutral site, replacing the page in history", async ({ page }) => {
  await fakeNeutralSite(page);
  await page.goto("/concerns/track");
  await page.goto("/concerns/new");
  await expect(page.getByText("Or press Shift 3 times. It does not erase your browser history.")).toBeVisible();
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await expect(page).toHaveURL(/\/concerns\/new$/);
  await page.keyboard.press("Shift");
  await page.waitForURL(NEUTRAL);
  // location.replace: Back goes to the page before the report, not to the report.
  await page.goBack();
  await expect(page).toHaveURL(/\/concerns\/track$/);

  // Shift used to type capitals does not count.
  await page.goto("/concerns/new");
  const address = page.getByLabel("Street address or intersection");
  await address.focus();
  await page.keyboard.press("Shift+E");
  await page.keyboard.press("Shift+S");
  await page.keyboard.press("Shift+T");
  await expect(page).toHaveURL(/\/concerns\/new$/);

  await page.getByRole("link", { name: "Exit this page" }).click();
  await page.waitForURL(NEUTRAL);
});

test("with JavaScript: a mistyped tracking code gets help to re-check it", async ({ page }) => {
  await page.goto("/concerns/track");
  await page.getByLabel("Tracking code").fill("abcd-efgh-jk0");
  await page.getByRole("button", { name: "Track" }).click();
  await expect(page.getByText("You typed 11 letters and numbers; a tracking code has 12.")).toBeVisible();
  await expect(page.getByText(/never contain the letters O, I or L or the digits 0 and 1/)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Tracking code").fill("ZZZZ-ZZZZ-ZZZZ");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "We could not find a concern with that code" })).toBeVisible();
  await expect(page.getByText("Page not found")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "If you have lost your code" })).toBeVisible();
  await expectAccessible(page);
  await expectNoOverflow(page);
  await shot(page, "tracking-help");
});

/**
 * axe needs JavaScript in the page it checks: the markup a JavaScript-less browser got is checked
 * in a page of its own, with its styles (same origin), where scripts run.
 */
async function expectAccessibleAsServed(page: Page, browser: Browser) {
  const html = await page.content();
  const checkerContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const checker = await checkerContext.newPage();
  await checker.goto(new URL("/healthz", page.url()).href);
  await checker.setContent(html.replace(/<script[\s\S]*?<\/script>/g, ""), { waitUntil: "load" });
  await expectAccessible(checker);
  await expectNoOverflow(checker);
  await checkerContext.close();
}

test.describe("without JavaScript", () => {
  test("error summary, check answers with change, confirmation and the exit link all work", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, baseURL });
    const page = await context.newPage();
    const house = 7000 + (Number(Date.now().toString().slice(-5)) % 900);
    await page.goto("/concerns/new");
    await expectAccessibleAsServed(page, browser);
    // Without JavaScript the exit button is a plain link to the neutral site.
    await expect(page.getByRole("link", { name: "Exit this page" })).toHaveAttribute("href", NEUTRAL);
    await expect(page.getByText("Leaves this site at once. It does not erase your browser history.")).toBeVisible();
    await expect(page.getByText("You can enter up to 4,000 characters.")).toBeVisible();

    await page.getByRole("button", { name: "Continue" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expectAccessibleAsServed(page, browser);
    await shot(page, "errors-nojs");
    await expect(summary.getByRole("link", { name: "Enter the ZIP code" })).toHaveAttribute("href", "#concern-zip");
    await summary.getByRole("link", { name: "Enter the ZIP code" }).click();
    await expect(page).toHaveURL(/#concern-zip$/);
    await expect(page.getByLabel("ZIP code")).toBeFocused();

    await fillReport(page, house);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your answers before sending your report" })).toBeVisible();
    await expectAccessibleAsServed(page, browser);
    await shot(page, "check-answers-nojs");
    await page.getByRole("button", { name: "Change what you saw" }).click();
    await expect(page.getByLabel("What did you see?")).toBeFocused();
    await expect(page.getByLabel("What did you see?")).toHaveValue("Hand-to-hand sales outside the corner store every evening.");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Send report" }).click();
    await page.waitForURL(/\/concerns\/received\//);
    await expect(page.getByRole("heading", { level: 1, name: "Report sent" })).toBeVisible();
    await expect(page.getByTestId("tracking-code")).toHaveText(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expectAccessibleAsServed(page, browser);
    await shot(page, "confirmation-nojs");

    await page.goto("/concerns/track?code=ABCD-EFGH-JKM0");
    await expect(page.getByText("You typed: 0.")).toBeVisible();
    await expectAccessibleAsServed(page, browser);
    await context.close();
  });
});
