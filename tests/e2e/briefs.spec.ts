import { expect, expectAccessible, e2eDatabase, login, test } from "./fixtures";

test("analyst publishes a brief; a member gets the email, opens it, comments, and hears of the analyst's reply", async ({ page, browser }) => {
  const sql = e2eDatabase();
  const title = `Charging outcomes brief ${Date.now()}`;

  // The analyst writes the brief in the editor and publishes it.
  await login(page, "analyst@demo.test");
  await page.goto("/staff/briefs/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("How many drug cases were filed with a documented community concern.");
  await page.getByLabel("Topic tags").fill("drug cases, charging policy");
  const editor = page.getByRole("textbox", { name: "Brief" });
  await expect(page.locator('.richtext-editable[contenteditable="true"]')).toBeVisible();
  await editor.click();
  await page.getByRole("button", { name: "Heading", exact: true }).click();
  await page.keyboard.type("Findings");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Filings fell by almost half once the policy took effect.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The draft is saved." })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Published \(\d+ members notified\)/ })).toBeVisible();
  await expectAccessible(page);

  // The member's email is in the captured outbox, with the link to the brief.
  const [mail] = await sql<
    { text: string; subject: string }[]
  >`select text, subject from email_outbox where to_address = 'member5@demo.test' and template = 'brief_published' and subject like ${"%" + title + "%"}`;
  expect(mail?.subject).toBe(`New brief: ${title}`);
  const link = /https?:\/\/[^\s)\]]+\/briefs\/[a-z0-9-]+/.exec(mail!.text)![0];
  const path = new URL(link).pathname;

  // The member opens it: the receipt is recorded.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await login(member, "member5@demo.test");
  await member.goto(path);
  await expectAccessible(member);
  await expect(member.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(member.getByRole("heading", { level: 2, name: "Findings" })).toBeVisible();
  const [receipt] = await sql<
    { opened_at: Date | null }[]
  >`select r.opened_at from brief_receipts r join briefs b on b.id = r.brief_id join users u on u.id = r.user_id where b.title = ${title} and u.email = 'member5@demo.test'`;
  expect(receipt?.opened_at).not.toBeNull();

  // The member comments.
  const commentBox = member.getByRole("textbox", { name: "Your comment" });
  await expect(member.locator('.richtext-editable[contenteditable="true"]').first()).toBeVisible();
  await commentBox.click();
  await member.keyboard.type("Does the drop hold in every district?");
  await member.getByRole("button", { name: "Post comment" }).click();
  await expect(member.getByRole("status").filter({ hasText: "Your comment is posted." })).toBeVisible();
  await expect(member.getByText("Does the drop hold in every district?")).toBeVisible();
  await expectAccessible(member);

  // The analyst replies, with the Office badge.
  await page.goto(path);
  const comment = page.locator("li.comment", { hasText: "Does the drop hold in every district?" }).first();
  await comment.locator("summary", { hasText: "Reply" }).first().click();
  const replyBox = page.getByRole("textbox", { name: /^Your reply to / });
  await expect(replyBox).toBeVisible();
  await replyBox.click();
  await page.keyboard.type("Yes, in all five districts; see the table.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your reply is posted." })).toBeVisible();
  await expect(page.locator("li.comment", { hasText: "Yes, in all five districts" }).getByText("Office", { exact: true })).toBeVisible();
  await expectAccessible(page);

  // The member is notified of the reply: an in-app notification and an email.
  const notes = await sql<
    { url: string }[]
  >`select n.url from notifications n join users u on u.id = n.user_id where u.email = 'member5@demo.test' and n.type = 'comment_reply' and n.url like ${path + "%"}`;
  expect(notes.length).toBe(1);
  const replies =
    await sql`select 1 from email_outbox where to_address = 'member5@demo.test' and template = 'comment_reply' and text like ${"%" + title + "%"}`;
  expect(replies.length).toBe(1);
  // Following the notification's link (a fresh load, as from the email).
  await member.goto("/briefs");
  await member.goto(notes[0]!.url);
  await expect(member.getByText("Yes, in all five districts; see the table.")).toBeVisible();
  await memberContext.close();
});

test("a visitor gets a 404 for a board-only brief, and can read public briefs, print view and feed", async ({ page }) => {
  const response = await page.goto("/briefs/diversion-outcomes-2024-board-review");
  expect(response?.status()).toBe(404);
  await page.goto("/briefs");
  await expect(page.getByRole("heading", { level: 1, name: "Analysis briefs" })).toBeVisible();
  await page.getByRole("link", { name: "How the office decides whether to charge a drug case" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How the office decides whether to charge a drug case" })).toBeVisible();
  await expect(page.getByRole("table")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/briefs/drug-case-charging-policy-walkthrough?print=1");
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await page.goto("/search?q=charging");
  await expect(page.locator("mark").first()).toBeVisible();
  const feed = await page.request.get("/briefs.atom");
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain("How the office decides whether to charge a drug case");
});
