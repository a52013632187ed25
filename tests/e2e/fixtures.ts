import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import postgres from "postgres";

/** Fails on serious or critical WCAG 2.1 AA violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  // @axe-core/playwright types its Page from its own playwright-core copy; the object is the same.
  const results = await new AxeBuilder({ page: page as never }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `accessibility violations on ${page.url()}`,
  ).toEqual([]);
}

let sql: postgres.Sql | null = null;
/** The e2e server's database, for reading what a person cannot see (the captured outbox). */
export function e2eDatabase() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run e2e tests through `npm test` or `npm run test:e2e`.");
  sql ??= postgres(url, { max: 2, onnotice: () => {} });
  return sql;
}

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password-2026";

/** The phone the layout is measured on (an iPhone 12–15's CSS width). */
export const PHONE = { width: 390, height: 844 };
/** The smallest chart text a person can read on that phone, in CSS pixels on screen. */
export const MIN_CHART_TEXT_PX = 12;

/** A known failure of the phone check on some pages, tolerated (and reported) until its fix lands. */
export type KnownPhoneFailure = { path: RegExp; check: "overflow" | "chartText"; why: string };

export type PhoneProblems = { url: string; width: number; scrollWidth: number; overflow: string[]; chartText: string[] };

/**
 * Measures the page as it is laid out now: whether it is wider than the screen (and, if so, the
 * widest elements that stick out past the right edge, outside any box that scrolls or clips them),
 * and every chart text (`svg text` in a figure) whose size on screen, after the SVG's own scaling,
 * is under MIN_CHART_TEXT_PX.
 */
export async function measurePhone(page: Page): Promise<PhoneProblems> {
  return page.evaluate((minText) => {
    const width = window.innerWidth;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).slice(0, 3).join(".")}` : "";
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id}${cls}>${text ? ` "${text}"` : ""}`;
    };
    // Clipped by a scrolling box it is positioned in (an absolutely positioned element escapes a
    // scroller that is not its containing block, and then widens the page).
    const clippedByAncestor = (el: Element) => {
      let escapes = getComputedStyle(el).position === "absolute" || getComputedStyle(el).position === "fixed";
      for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== "visible" && !escapes) return true;
        if (escapes && style.position !== "static") escapes = style.position === "absolute" || style.position === "fixed";
      }
      return false;
    };
    const scrollWidth = document.documentElement.scrollWidth;
    const overflow: string[] = [];
    if (scrollWidth > width) {
      const sticking = [...document.body.querySelectorAll("*")]
        .map((el) => ({ el, rect: el.getBoundingClientRect() }))
        // Not what a closed <details> or a hidden subtree holds: it is not drawn.
        .filter(({ el, rect }) => rect.right > width + 0.5 && el.checkVisibility({ contentVisibilityAuto: true }) && !clippedByAncestor(el))
        .sort((a, b) => b.rect.width - a.rect.width || b.rect.right - a.rect.right)
        .slice(0, 6);
      for (const { el, rect } of sticking) overflow.push(`${describe(el)} is ${Math.round(rect.width)} px wide, right edge at ${Math.round(rect.right)} px`);
    }
    const chartText: string[] = [];
    for (const text of document.querySelectorAll<SVGTextElement>("figure svg text")) {
      const box = text.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || !(text.textContent ?? "").trim()) continue;
      const ctm = text.getScreenCTM();
      const fontSize = parseFloat(getComputedStyle(text).fontSize);
      if (!ctm || !fontSize) continue;
      const onScreen = fontSize * Math.sqrt(Math.abs(ctm.a * ctm.d - ctm.b * ctm.c));
      if (onScreen < minText - 0.01) chartText.push(`"${(text.textContent ?? "").trim().slice(0, 30)}" is ${onScreen.toFixed(1)} px on screen`);
    }
    return { url: location.pathname + location.search, width, scrollWidth, overflow, chartText: chartText.slice(0, 8) };
  }, MIN_CHART_TEXT_PX);
}

/**
 * Fails when the page, at the phone's width, is wider than the screen or has chart text too small
 * to read. A page shown wider than the phone is resized to it, measured and put back, so that every
 * page a test visits is checked at phone width at least once.
 */
export async function expectFitsPhone(page: Page, known: KnownPhoneFailure[] = []) {
  const before = page.viewportSize();
  const resize = before !== null && before.width > PHONE.width;
  if (resize) await page.setViewportSize(PHONE);
  let problems: PhoneProblems;
  try {
    problems = await measurePhone(page);
  } finally {
    if (resize) await page.setViewportSize(before);
  }
  const tolerated = (check: KnownPhoneFailure["check"]) => known.find((k) => k.check === check && k.path.test(problems.url));
  const failures: string[] = [];
  for (const check of ["overflow", "chartText"] as const) {
    const found = problems[check];
    const knownFailure = tolerated(check);
    if (found.length && knownFailure) {
      test.info().annotations.push({ type: "known phone failure", description: `${problems.url} (${check}): ${knownFailure.why}` });
      continue;
    }
    if (found.length === 0 && knownFailure)
      test.info().annotations.push({ type: "known phone failure fixed", description: `${problems.url} (${check}) now passes: remove it from the list` });
    if (check === "overflow" && found.length)
      failures.push(`${problems.scrollWidth} px wide on a ${problems.width} px screen; sticking out: ${found.join("; ")}`);
    if (check === "chartText" && found.length) failures.push(`chart text under ${MIN_CHART_TEXT_PX} px: ${found.join("; ")}`);
  }
  expect(failures, `at ${PHONE.width} px, ${problems.url}`).toEqual([]);
}

/**
 * Every page visit (goto) runs an axe check and the phone check before the test goes on. A spec
 * that knows of a page failing the phone check until another change lands says so with
 * `test.use({ phoneCheck: { known: [...] } })` (an object: Playwright reads a bare array as options).
 */
export const test = base.extend<{ page: Page; phoneCheck: { known: KnownPhoneFailure[] } }>({
  phoneCheck: [{ known: [] }, { option: true }],
  page: async ({ page, phoneCheck }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await expectAccessible(page);
      await expectFitsPhone(page, phoneCheck.known);
      return response;
    };
    await use(page);
  },
});

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/^(Email|Correo electrónico)$/).fill(email);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|Iniciar sesión)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export { expect };
