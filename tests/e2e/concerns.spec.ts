import { expect, expectAccessible, e2eDatabase, login, test } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 } });

test("a resident reports a concern on a phone, staff document it, and the resident hears back", async ({ page, browser }) => {
  const stamp = Date.now().toString().slice(-6);
  const email = `e2e.resident.${stamp}@example.net`;
  const house = 5000 + (Number(stamp) % 900);
  await page.goto("/concerns/new");
  await expect(page.getByRole("heading", { level: 1, name: "Report a concern" })).toBeVisible();
  await expect(page.getByText("Everyone else, board members included, sees only the kind of concern")).toBeVisible();
  await page.getByLabel(/^Drug sales/).check();
  await page.getByLabel("What did you see?").fill("Hand-to-hand sales outside the corner store every evening.");
  // The time is optional and left out: any time of "today" may still be ahead on the county clock.
  await page.getByLabel("Street address or intersection").fill(`${house} Phoneview Ave`);
  await page.getByLabel("ZIP code").fill("64128");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your answers before sending your report" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send report" }).click();
  await page.waitForURL(/\/concerns\/received\//);
  await expectAccessible(page);
  const code = (await page.getByTestId("tracking-code").innerText()).trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

  // Staff document it against the policy in force.
  const staffContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const staff = await staffContext.newPage();
  await login(staff, "analyst@demo.test");
  await staff.goto("/staff/concerns?zip=64128&kind=drug_sales");
  await expectAccessible(staff);
  await expect(staff.getByRole("table")).toBeVisible();
  await staff
    .getByRole("row")
    .filter({ hasText: `${house} Phoneview Ave` })
    .getByRole("link")
    .click();
  await expect(staff.getByRole("heading", { level: 2, name: "Document against the charging policy" })).toBeVisible();
  await expectAccessible(staff);
  const items = staff.locator('input[name="checklist"]');
  for (let i = 0; i < (await items.count()); i++) await items.nth(i).check();
  await staff.getByRole("button", { name: "Document this concern" }).click();
  await expect(staff.getByText(/Concern documented\. Citation number: DC-\d{4}-\d{5}/)).toBeVisible();
  await expectAccessible(staff);
  await staffContext.close();

  // The resident's tracking page says "documented".
  await page.goto("/concerns/track");
  await page.getByLabel("Tracking code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Track" }).click();
  await expect(page.getByTestId("concern-status")).toHaveText("Documented");
  await expectAccessible(page);
  await expect(page.getByText(`${Math.floor(house / 100) * 100} block of Phoneview Ave`)).toBeVisible();
  await expect(page.getByText(`${house} Phoneview Ave`)).toHaveCount(0);

  // And the email they left received the update.
  const sql = e2eDatabase();
  const rows = await sql<{ subject: string; text: string }[]>`select subject, text from email_outbox where to_address = ${email} order by created_at`;
  expect(rows.some((r) => r.subject.includes(code) && /Documented/.test(r.text))).toBe(true);
});

test("the public overview and the staff and admin concern pages pass the accessibility check", async ({ page }) => {
  await page.goto("/concerns");
  await expect(page.getByRole("heading", { level: 2, name: "Reports per 1,000 residents" })).toBeVisible();
  await expect(page.getByText("fewer than 11").first()).toBeVisible();
  await login(page, "admin@demo.test");
  for (const path of ["/staff/concerns", "/staff/concerns/kinds", "/staff/citations?place=64128", "/admin/policies", "/admin/api-keys"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
});
