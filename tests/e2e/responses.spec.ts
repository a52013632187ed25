import type { Page } from "@playwright/test";
import { expect, expectAccessible, e2eDatabase, login, test } from "./fixtures";

/** A resident reports a concern through the public form; returns its tracking code and number. */
async function report(page: Page, input: { address: string; email: string }) {
  await page.goto("/concerns/new");
  await page.getByLabel(/^Drug sales/).check();
  await page.getByLabel("What did you see?").fill("People selling from a parked car most nights.");
  await page.getByLabel("Street address or intersection").fill(input.address);
  await page.getByLabel("ZIP code").fill("64109");
  await page.getByLabel("Email").fill(input.email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Send report" }).click();
  await page.waitForURL(/\/concerns\/received\//);
  const code = (await page.getByTestId("tracking-code").innerText()).trim().replace(/-/g, "");
  await page.goto(`/concerns/track/${code}`);
  const heading = await page.getByRole("heading", { level: 1 }).innerText();
  const number = Number(/#(\d+)/.exec(heading)![1]);
  await expect(page.getByTestId("concern-clock")).toContainText("Waiting for an answer: submitted today");
  return { code, number };
}

test("staff publish a response linking two concerns and a metric snapshot; both tracking pages show it and both reporters are emailed", async ({
  page,
  browser,
}) => {
  const stamp = Date.now().toString().slice(-6);
  const emails = [`e2e.first.${stamp}@example.net`, `e2e.second.${stamp}@example.net`];
  const house = 3000 + (Number(stamp) % 50) * 20;
  const first = await report(page, { address: `${house} Loopview Ave`, email: emails[0]! });
  const second = await report(page, { address: `${house + 400} Loopview Ave`, email: emails[1]! });
  const title = `Parked-car sales on Loopview Ave ${stamp}`;

  // The analyst writes the response, links both concerns, freezes a figure and publishes.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await login(staff, "analyst@demo.test");
  await staff.goto("/staff/responses/new");
  await expect(staff.getByRole("heading", { level: 1, name: "Write a response" })).toBeVisible();
  await staff.getByLabel("Title").fill(title);
  await staff.getByLabel("Summary").fill("Two neighbors reported sales from parked cars. Here is what the office did.");
  await expect(staff.locator('.richtext-editable[contenteditable="true"]')).toBeVisible();
  await staff.getByRole("textbox", { name: "Response" }).click();
  await staff.keyboard.type("We reviewed both reports and documented them under the policy.");
  await staff
    .getByLabel("How the documented-concern criterion applies")
    .fill("Both reports come from residents of the block and name a place and time, so both meet the checklist.");
  await staff.getByLabel(`Link concern #${first.number}`).check();
  await staff.getByLabel("Other concern numbers").fill(String(second.number));
  await staff.getByLabel("New snapshot: measure").selectOption({ label: "Drug cases filed" });
  await staff.getByLabel("Year").fill("2025");
  await staff.getByRole("button", { name: "Publish" }).click();
  // Publishing freezes a figure and queues the reporters' emails: slower than a page on a loaded CI machine.
  await expect(staff.getByRole("status").filter({ hasText: /Response published\. \d+ (person was|people were) notified\./ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(staff.getByTestId("response-status")).toHaveText("Published");
  await expectAccessible(staff);
  await staffContext.close();

  // Each reporter's tracking page shows the response; the response shows the figure and the policy.
  for (const concern of [first, second]) {
    await page.goto(`/concerns/track/${concern.code}`);
    await expect(page.getByTestId("concern-status")).toHaveText("Responded");
    await expect(page.getByTestId("concern-clock")).toContainText("The office answered this concern the same day it was submitted");
    await expect(page.getByTestId("concern-responses").getByRole("link", { name: title })).toBeVisible();
  }
  await page.getByTestId("concern-responses").getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole("heading", { level: 3, name: "Drug cases filed" })).toBeVisible();
  await expect(page.locator(".snapshot-frozen")).toBeVisible();
  await expect(page.getByTestId("cited-policy")).toBeVisible();
  const linked = page.getByTestId("linked-concerns");
  await expect(linked.getByRole("rowheader", { name: `#${first.number}` })).toBeVisible();
  await expect(linked.getByRole("rowheader", { name: `#${second.number}` })).toBeVisible();
  await expect(page.getByText(`${house} Loopview Ave`)).toHaveCount(0);

  // Both reporters were emailed, once: without an account, the link is their own tracking page
  // (which shows the response), and there are no account settings to point to.
  const sql = e2eDatabase();
  for (const email of emails) {
    const rows = await sql<
      { subject: string; text: string }[]
    >`select subject, text from email_outbox where to_address = ${email} and template = 'response_published'`;
    expect(rows, email).toHaveLength(1);
    expect(rows[0]!.subject).toContain(title);
    expect(rows[0]!.text).toMatch(/\/concerns\/track\/[2-9A-Z]{12}/);
    expect(rows[0]!.text).not.toMatch(/\/account/);
  }

  // The dashboard's response clock and drug citations sections pass the accessibility check too.
  for (const path of ["/dashboard/response-time", "/dashboard/drug-citations", "/responses"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
});
