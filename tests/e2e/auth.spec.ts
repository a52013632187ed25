import { e2eDatabase, expect, expectAccessible, login, test } from "./fixtures";

/** The link in the newest captured email of this kind to this address, as a path. */
async function linkFromOutbox(to: string, template: string, path: string) {
  const sql = e2eDatabase();
  let text: string | undefined;
  // The email is written in the same transaction as the action, but give the page a moment.
  for (let i = 0; i < 20 && !text; i++) {
    const rows = await sql<
      { text: string }[]
    >`select text from email_outbox where to_address = ${to} and template = ${template} order by created_at desc limit 1`;
    text = rows[0]?.text;
    if (!text) await new Promise((r) => setTimeout(r, 250));
  }
  expect(text, `a ${template} email to ${to}`).toBeTruthy();
  const match = text!.match(new RegExp(`https?://[^\\s"'<>\\]\\[]*${path.replace("?", "\\?")}[^\\s"'<>\\]\\[]*`));
  expect(match, `a ${path} link`).not.toBeNull();
  const url = new URL(match![0]);
  return url.pathname + url.search;
}

test("an admin invites a CAB member, who accepts and lands signed in as a CAB member", async ({ page }) => {
  const email = `invited-${Date.now()}@example.org`;
  await login(page, "admin@demo.test");
  await page.goto("/admin/users");
  const invite = page.locator("form#invite");
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Role").selectOption({ label: "CAB member" });
  await invite.getByLabel("Language of the invitation").selectOption("en");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation sent to ${email}`);
  await expect(page.getByRole("table", { name: "Pending invitations" })).toContainText(email);
  await expectAccessible(page);

  const link = await linkFromOutbox(email, "invitation", "/invitations/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto(link);
  await expect(page.getByText(`with the email ${email}`)).toBeVisible();
  await page.getByLabel("Your name (as others will see it)").fill("Invited Member");
  await page.getByLabel("Choose a password").fill("a-new-password-2026");
  await page.getByRole("button", { name: "Create my account" }).click();

  await page.waitForURL("**/account");
  await expect(page.getByRole("status").first()).toContainText("Welcome! Your account is ready.");
  await expect(page.locator(".account-profile")).toContainText("CAB member");
  await expect(page.locator(".account-profile")).toContainText(email);
  // A CAB member sees no staff or admin navigation.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Briefs" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await expectAccessible(page);
});

test("a resident resets a forgotten password through the emailed link", async ({ page }) => {
  const email = `resident-${Date.now()}@example.org`;
  await page.goto("/signup");
  await page.getByLabel("Your name (as others will see it)").fill("Forgetful Resident");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("the-first-password");
  await page.getByRole("button", { name: "Create account" }).click();
  // Signup answers the same whether or not the address has an account: check your email, sign in.
  await page.waitForURL("**/login");
  await expect(page.getByText("Check your email")).toBeVisible();
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.waitForURL("**/forgot-password");
  await expectAccessible(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that email, a reset link is on its way.");
  await expectAccessible(page);

  const link = await linkFromOutbox(email, "reset-password", "/reset-password?token=");
  await page.goto(link);
  await page.getByLabel("New password").fill("the-second-password");
  await page.getByRole("button", { name: "Save new password" }).click();
  await page.waitForURL("**/login");
  await expect(page.getByRole("status")).toContainText("Your password was changed");
  await expectAccessible(page);

  await login(page, email, "the-second-password");
  await page.goto("/account");
  await expect(page.locator(".account-profile")).toContainText(email);

  // The link worked once; following it again says so and offers a new one.
  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("This reset link is no longer valid");
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
});

test("account and admin pages pass the accessibility check", async ({ page }) => {
  // Every goto runs axe; this visits the pages the other tests do not.
  await login(page, "admin@demo.test");
  await page.goto("/account");
  await page.goto("/account/sessions");
  await expect(page.getByRole("table", { name: "Where you are signed in" })).toContainText("This browser");
  await page.goto("/admin");
  await page.goto("/admin/outbox");
  await page.getByRole("table", { name: "Email outbox" }).getByRole("link").first().click();
  await expect(page.locator("pre.email-text")).not.toBeEmpty();
  await expectAccessible(page);
  await page.goto("/admin/audit");
  await expect(page.getByRole("table", { name: "Audit log" })).toBeVisible();
});
