import { expect, expectAccessible, e2eDatabase, login, test } from "./fixtures";

// In-app notifications are written by other modules' actions; here one is put in place directly.
async function addNotification(email: string, key: string, title: string) {
  const sql = e2eDatabase();
  await sql`
    insert into notifications (user_id, type, event_key, url, params)
    select id, 'brief_published', ${key}, '/briefs', ${sql.json({ title })}
      from users where email = ${email}
    on conflict do nothing`;
}

// (The forms also work without JavaScript: the integration tests post them as plain forms.)
test("the inbox shows the unread count, links to the thing, and marks read", async ({ page }) => {
  const key = `e2e:${Date.now()}`;
  await addNotification("member10@demo.test", key, "Inbox e2e brief");
  await login(page, "member10@demo.test");
  const inbox = page.getByRole("link", { name: /^Notifications \(\d+ unread\)$/ });
  await expect(inbox).toBeVisible();
  await inbox.click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole("link", { name: "New brief: Inbox e2e brief" })).toHaveAttribute("href", "/briefs");
  await page.getByRole("button", { name: 'Mark "New brief: Inbox e2e brief" as read' }).click();
  await expect(page.getByRole("status")).toHaveText("Marked as read.");
  await expectAccessible(page);
  await expect(page.getByRole("button", { name: 'Mark "New brief: Inbox e2e brief" as read' })).toHaveCount(0);
});

test("notification settings are saved with a plain form and shown again", async ({ page }) => {
  await login(page, "member11@demo.test");
  await page.goto("/account/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
  await page.getByLabel("Vote results").selectOption("daily");
  await page.getByLabel("Meeting changes").selectOption("off");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Your notification settings are saved.");
  await expectAccessible(page);
  await expect(page.getByLabel("Vote results")).toHaveValue("daily");
  await expect(page.getByLabel("Meeting changes")).toHaveValue("off");
});

test("a broken unsubscribe link says so, without needing a login", async ({ page }) => {
  const response = await page.goto("/unsubscribe?token=not-a-real-token");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("This unsubscribe link is not valid");
});
