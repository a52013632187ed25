import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";
import { addDays, countyToday } from "../../app/utils/clock";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

async function switchTo(page: Page, email: string) {
  await signOut(page);
  await login(page, email);
}

/** Replaces the text of a rich-text editor (the tiptap editor, once JavaScript has loaded it), paragraph by paragraph. */
async function writeRich(page: Page, name: string, paragraphs: string[]) {
  const editor = page.getByRole("textbox", { name, exact: true });
  await expect(editor).toHaveAttribute("contenteditable", "true");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  for (const [i, text] of paragraphs.entries()) {
    if (i > 0) await page.keyboard.press("Enter");
    await page.keyboard.type(text);
  }
}

/** yyyy-mm-dd of a day relative to today on the county's calendar (the form reads days there). */
function day(offset: number) {
  return addDays(countyToday(), offset);
}

test("a meeting from scheduling to public approved minutes", async ({ page }) => {
  test.setTimeout(120_000);
  const title = `E2E board meeting ${Date.now().toString(36)}`;
  const date = day(-2);

  // Staff schedule the meeting.
  await login(page, "analyst@demo.test");
  await page.goto("/staff/meetings/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Format", { exact: true }).selectOption("in_person");
  await page.getByLabel("Place").fill("County Building, Room 210");
  await page.getByLabel("Starts").fill(`${date}T18:00`);
  await page.getByLabel("Ends").fill(`${date}T20:00`);
  await writeRich(page, "Agenda", ["Welcome.", "The quarterly brief."]);
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Meeting scheduled" })).toBeVisible();
  await expectAccessible(page);
  const id = new URL(page.url()).pathname.split("/")[3]!;

  // The meeting was two days ago: a member sees the replies given before it, and is not asked to reply.
  await switchTo(page, "member1@demo.test");
  await page.goto(`/meetings/${id}`);
  await expect(page.getByRole("link", { name: "Add to my calendar (.ics)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Replies before the meeting" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Your reply" })).toHaveCount(0);
  await expectAccessible(page);

  // Staff record attendance: everyone present, so the quorum is met.
  await switchTo(page, "analyst@demo.test");
  await page.goto(`/staff/meetings/${id}/attendance`);
  await page.getByRole("button", { name: "Fill in: everyone present" }).click();
  const presentChoices = page.locator('input[type="radio"][value="present"]');
  await expect(presentChoices.first()).toBeChecked();
  for (const choice of await presentChoices.all()) await expect(choice).toBeChecked();
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByText("Attendance saved.")).toBeVisible();
  await expect(page.getByText("Quorum met.")).toBeVisible();
  await expectAccessible(page);

  // Draft minutes with an action item, then circulate them to the attendees.
  await page.goto(`/staff/meetings/${id}/minutes`);
  await writeRich(page, "Minutes", ["The chair opened the meeting at 6:00 p.m.", "The unit presented the quarterly brief."]);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved as a new revision.")).toBeVisible();
  await page.getByLabel("What").fill("Send the brief to neighborhood associations");
  await page.getByLabel("Owner's name").fill("CSU staff");
  await page.getByLabel("Due").fill(day(30));
  await page.getByRole("button", { name: "Add action item" }).click();
  await expect(page.getByRole("cell", { name: "Send the brief to neighborhood associations", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Circulate to attendees" }).click();
  await expect(page.getByText("Minutes circulated to the members who attended.")).toBeVisible();
  await expectAccessible(page);

  // A member who attended proposes a correction.
  await switchTo(page, "member1@demo.test");
  await page.goto(`/meetings/${id}`);
  await page.getByLabel("Your correction").fill("The meeting opened at 6:05 p.m., not 6:00.");
  await page.getByRole("button", { name: "Send correction" }).click();
  await expect(page.getByText("Your correction was sent to staff.")).toBeVisible();
  await expectAccessible(page);

  // Staff accept it, fix the text, and record the board's approval vote.
  await switchTo(page, "analyst@demo.test");
  await page.goto(`/staff/meetings/${id}/minutes`);
  await page.getByRole("group", { name: "Decision on the correction from Ruth Okafor" }).getByLabel("Accepted").check();
  await page.getByLabel("Note to the member").fill("Thank you, corrected.");
  await page.getByRole("button", { name: "Save decision" }).click();
  await expect(page.getByText("Decision on the correction saved.")).toBeVisible();
  await writeRich(page, "Minutes", ["The chair opened the meeting at 6:05 p.m.", "The unit presented the quarterly brief."]);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved as a new revision.")).toBeVisible();
  const vote = page.locator('form[id^="approval-"]');
  await vote.getByLabel("Meeting where the vote was held").selectOption(id);
  // A roll call: each present member's answer by name (7 in favor, 1 against, the rest not voting).
  const answers = vote.locator("fieldset.roll-call select");
  for (let i = 0; i < 8; i++) await answers.nth(i).selectOption(i < 7 ? "support" : "oppose");
  await vote.getByRole("button", { name: "Record vote" }).click();
  await expect(page.getByText("Approval vote recorded.")).toBeVisible();
  await expect(page.locator(".approval-record").getByText("Quorum met.")).toBeVisible();
  await page.getByRole("button", { name: "Publish minutes" }).click();
  await expect(page.getByText("Minutes published.")).toBeVisible();
  await expectAccessible(page);

  // A visitor finds the meeting in the archive and reads the minutes with the approval record.
  await signOut(page);
  await page.goto(`/meetings?q=${encodeURIComponent(title)}`);
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(`**/meetings/${id}`);
  await expectAccessible(page);
  await expect(page.getByText("The chair opened the meeting at 6:05 p.m.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Approval of these minutes" })).toBeVisible();
  await expect(page.getByText("7 in favor, 1 against, 0 abstaining")).toBeVisible();
  await expect(page.locator(".approval-record").getByText("Ruth Okafor")).toBeVisible();
  await expect(page.locator(".approval-record").getByText("Quorum met.")).toBeVisible();
  await expect(page.locator(".approval-record").getByText("Approved", { exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Send the brief to neighborhood associations", exact: true })).toBeVisible();
  // The correction itself stays between the member and staff.
  await expect(page.getByText("not 6:00")).toHaveCount(0);
  await page.goto("/action-items");
  await expect(page.getByRole("cell", { name: "Send the brief to neighborhood associations", exact: true }).first()).toBeVisible();
});
