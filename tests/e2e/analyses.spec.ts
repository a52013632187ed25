import type { Browser, Page } from "@playwright/test";
import { e2eDatabase, expect, expectAccessible, login, test } from "./fixtures";
import { toCountyDateTimeValue } from "../../app/utils/clock";

/** A datetime-local value in the county's time zone (how the server reads it) a few seconds ahead, never on :00 (Chromium drops ":00"). */
function closingIn(seconds: number) {
  let at = new Date(Date.now() + seconds * 1000);
  if (at.getUTCSeconds() === 0) at = new Date(at.getTime() + 1000);
  return toCountyDateTimeValue(at, undefined, true);
}

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  return page;
}

async function castVote(page: Page, id: string, choice: "Support" | "Oppose" | "Abstain") {
  await page.goto(`/analyses/${id}`);
  await page.getByLabel(choice, { exact: true }).check();
  await page.getByRole("button", { name: "Cast my vote" }).click();
  await expect(page.getByRole("status")).toContainText("Your vote is recorded.");
  await expectAccessible(page);
}

test("a proposal goes from a member's idea through a vote that closes by itself to a completed brief in the public pipeline", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const question = `Do repaired streetlights reduce night-time concerns on the same blocks? (${Date.now()})`;

  // Members and the analyst sign in first, so the short vote is not spent logging in.
  const analyst = await signedInPage(browser, "analyst@demo.test");
  const member2 = await signedInPage(browser, "member2@demo.test");
  const member3 = await signedInPage(browser, "member3@demo.test");

  // 1. A member proposes.
  await login(page, "member1@demo.test");
  await page.goto("/analyses/new");
  await page.getByLabel("The question").fill(question);
  await page.getByLabel("Why it matters to the community").fill("Residents on dark blocks report more late-night concerns.");
  await page.getByLabel("Data it would need").fill("Streetlight repair dates and concerns by block and hour.");
  await page.getByRole("button", { name: "Propose this analysis" }).click();
  await page.waitForURL(/\/analyses\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: question })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Your proposal is published.");
  await expectAccessible(page);
  const id = new URL(page.url()).pathname.split("/").pop()!;

  // 2. The analyst opens a short vote.
  await analyst.goto(`/analyses/${id}/manage`);
  await expectAccessible(analyst);
  // Long enough for three members to vote while every visit also runs axe and the phone check.
  await analyst.getByLabel("Closing time").fill(closingIn(50));
  await analyst.getByLabel("Quorum (%)").fill("5");
  await analyst.getByLabel("Pass threshold (%)").fill("50");
  await analyst.getByRole("button", { name: "Open the vote" }).click();
  await expect(analyst.getByRole("status")).toContainText("The vote is open and members have been notified.");
  await expectAccessible(analyst);

  // 3. Members vote; results stay hidden while it is open.
  await castVote(page, id, "Support");
  await expect(page.getByText("Results are hidden until the vote closes.")).toBeVisible();
  await castVote(member2, id, "Support");
  await castVote(member3, id, "Oppose");

  // 4. Nobody touches it: the worker inside the server closes it at its time.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByRole("table", { name: "Final results" }).isVisible();
      },
      { timeout: 90_000, intervals: [2000] },
    )
    .toBe(true);
  await expectAccessible(page);
  await expect(page.getByRole("table", { name: "Final results" }).getByRole("row", { name: /Support/ })).toContainText("2");
  await expect(page.getByRole("table", { name: /how each member voted/i })).toContainText("Luis Herrera");

  // 5. The result was notified, in the app and by email.
  const sql = e2eDatabase();
  const notified = await sql`select n.params from notifications n join users u on u.id = n.user_id
    where n.type = 'vote_closed' and n.url = ${`/analyses/${id}`} and u.email = 'member1@demo.test'`;
  expect(notified).toHaveLength(1);
  expect(notified[0]!.params.result).toBe("Passed");
  const emails =
    await sql`select subject, text from email_outbox where template = 'vote_closed' and to_address = 'member1@demo.test' and subject like ${`%${question}%`}`;
  expect(emails).toHaveLength(1);
  expect(emails[0]!.text).toContain("Result: Passed");

  // 6. The analyst accepts it, and later links the completed brief.
  await analyst.goto(`/analyses/${id}/manage`);
  await analyst.getByLabel("New status").selectOption("accepted");
  await analyst.getByLabel("Note").fill("The board supports it; the unit will take it on next quarter.");
  await analyst.getByRole("button", { name: "Record" }).click();
  await expect(analyst.getByRole("status")).toContainText("The decision is recorded.");
  await expectAccessible(analyst);
  await analyst.getByLabel("New status").selectOption("in_progress");
  await analyst.getByRole("button", { name: "Record" }).click();
  await expect(analyst.getByRole("status")).toContainText("The decision is recorded.");
  await analyst.getByLabel("New status").selectOption("completed");
  await analyst.getByLabel("Resulting brief").fill("/briefs/streetlights-and-concerns");
  await analyst.getByRole("button", { name: "Record" }).click();
  await expect(analyst.getByRole("status")).toContainText("The decision is recorded.");
  await expectAccessible(analyst);

  // 7. The public pipeline shows it, completed, with its brief — to a visitor.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/analyses/pipeline");
  await expectAccessible(visitor);
  const row = visitor.getByRole("row", { name: new RegExp(question.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  await expect(row).toContainText("Completed");
  await expect(row.getByRole("link", { name: "Read the brief" })).toHaveAttribute("href", "/briefs/streetlights-and-concerns");
  await visitorContext.close();
});

test("a resident sees an open vote but is told plainly that only CAB members vote", async ({ page }) => {
  await login(page, "resident@demo.test");
  await page.goto("/analyses");
  // The seeded proposal with a vote open (the resident reads Spanish).
  await page.getByRole("link", { name: "How long does the office take to answer resident concerns, district by district?" }).click();
  await expect(page.getByText("Solo los miembros de la junta votan los análisis propuestos.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Emitir mi voto" })).toHaveCount(0);
  await expectAccessible(page);
});

test("a vote refused for a missing choice, then cast, no longer shows the old error", async ({ page }) => {
  // A member no other test signs in as, who reads English.
  await login(page, "member4@demo.test");
  await page.goto("/analyses");
  await page.getByRole("link", { name: "How long does the office take to answer resident concerns, district by district?" }).click();
  const submit = page.getByRole("button", { name: /^(Cast my vote|Change my vote)$/ });
  await expect(submit).toBeVisible();
  // Nothing chosen: the server refuses with a message on the field (the radios start unchecked for a first vote).
  const choices = page.getByRole("radio");
  if (!(await choices.first().isChecked()) && !(await choices.nth(1).isChecked()) && !(await choices.nth(2).isChecked())) {
    await submit.click();
    await expect(page.getByText("Choose support, oppose or abstain").first()).toBeVisible();
  }
  await page.getByLabel("Support", { exact: true }).check();
  await submit.click();
  await expect(page.getByRole("status")).toContainText("Your vote is recorded.");
  await expect(page.getByText("Choose support, oppose or abstain")).toHaveCount(0);
  await expectAccessible(page);
});
