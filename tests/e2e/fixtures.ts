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

/** Every page visit (goto) runs an axe check before the test goes on. */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await expectAccessible(page);
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
