import { expect, expectAccessible, login, test } from "./fixtures";

test("home page explains the CAB and links to every section", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Community Advisory Board" })).toBeVisible();
  for (const name of ["Briefs", "Meetings", "Dashboard"]) {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name })).toBeVisible();
  }
  await page.getByRole("link", { name: "Skip to main content" }).focus();
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
});

test("language switch turns the page Spanish and remembers it", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: /Español/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Junta Asesora Comunitaria" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/briefs");
  await expect(page.getByRole("link", { name: "Iniciar sesión" })).toBeVisible();
});

test("an analyst signs in and sees the staff navigation", async ({ page }) => {
  await login(page, "analyst@demo.test");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" })).toBeVisible();
  await expectAccessible(page);
});
