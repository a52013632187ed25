import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";
import { addDays, countyToday, toCountyDateTimeValue } from "../../app/utils/clock";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

/** A county wall time `hours` from now (datetime-local). */
const fromNow = (hours: number) => toCountyDateTimeValue(new Date(Date.now() + hours * 3_600_000));

async function fillMeeting(page: Page, title: string, starts: string, ends: string) {
  await page.goto("/staff/meetings/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Format", { exact: true }).selectOption("in_person");
  await page.getByLabel("Place").fill("County Building, Room 210");
  await page.getByLabel("Starts").fill(starts);
  await page.getByLabel("Ends").fill(ends);
}

test("open meetings: notice, short notice, a closed portion, roll-call minutes, approval, the public record", async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  await login(page, "analyst@demo.test");

  // 1. Scheduled with notice: the public sees when notice was posted and the deadline it met.
  await fillMeeting(page, `Sunshine notice ${stamp}`, fromNow(24 * 9), fromNow(24 * 9 + 2));
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Meeting scheduled" })).toBeVisible();
  await expect(page.getByText(/^Notice posted /)).toBeVisible();
  await expectAccessible(page);

  // 2. Too late: the form asks for the reason, then shows it on the notice.
  await fillMeeting(page, `Sunshine short notice ${stamp}`, fromNow(4), fromNow(6));
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(page.getByText("This notice is late under the open-meetings rules").first()).toBeVisible();
  await expect(page.getByLabel("Place")).toHaveValue("County Building, Room 210");
  await page.getByLabel("Reason for short notice (only if notice is late)").fill("A shooting near 35th St: the board meets the same day.");
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Meeting scheduled" })).toBeVisible();
  const shortId = new URL(page.url()).pathname.split("/")[3]!;
  await page.goto(`/meetings/${shortId}`);
  await expect(page.getByText("A shooting near 35th St: the board meets the same day.")).toBeVisible();
  await page.screenshot({ path: "test-results/sunshine-notice.png", fullPage: true });
  await expectAccessible(page);

  // 3. A held meeting with a closed portion named in its notice.
  const day = addDays(countyToday(), -3);
  const title = `Sunshine closed portion ${stamp}`;
  await fillMeeting(page, title, `${day}T18:00`, `${day}T20:00`);
  await page.getByLabel("Closed portion (optional)").selectOption("610.021(1)");
  await page.getByLabel("Topic of the closed portion").fill("Advice from counsel on a pending lawsuit");
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Meeting scheduled" })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/")[3]!;

  // Attendance as a table: everyone present, then two absent.
  await page.goto(`/staff/meetings/${id}/attendance`);
  await page.getByRole("button", { name: "Fill in: everyone present" }).click();
  // The last two members are absent (how many members there are depends on what other specs added).
  const rows = page.locator("table.attendance-table tbody tr");
  const members = await rows.count();
  await rows
    .nth(members - 2)
    .locator('input[value="absent"]')
    .check();
  await rows
    .nth(members - 1)
    .locator('input[value="absent"]')
    .check();
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByText("Attendance saved.")).toBeVisible();
  await expectAccessible(page);

  // A motion by roll call ("all yes", one no), then the vote to close.
  await page.goto(`/staff/meetings/${id}/votes`);
  await page.getByLabel("Motion", { exact: true }).fill("To accept the analysis of response times");
  await page.getByRole("button", { name: "Fill in: everyone yes" }).click();
  // "Everyone yes" is a round trip that remounts the form filled in: wait for it before changing a row.
  const voteRows = page.locator("form[id^=motion] table tbody tr");
  await expect(voteRows.locator('input[value="support"]:checked')).toHaveCount(members - 2);
  await voteRows
    .nth(members - 3)
    .locator('input[value="oppose"]')
    .check();
  await page.getByRole("button", { name: "Record the motion" }).click();
  await expect(page.getByText("Motion and roll call recorded.")).toBeVisible();
  await page.getByLabel("Kind of motion").selectOption("close_session");
  await page.getByLabel("Motion", { exact: true }).fill("To close the meeting to receive advice from counsel");
  await page.getByRole("button", { name: "Fill in: everyone yes" }).click();
  await expect(voteRows.locator('input[value="support"]:checked')).toHaveCount(members - 2);
  await expect(page.getByLabel("Kind of motion")).toHaveValue("close_session");
  await page.getByRole("button", { name: "Record the motion" }).click();
  await expect(page.getByText("The vote to close was recorded.")).toBeVisible();
  await page.getByLabel("Minutes of the closed session").fill("Counsel advised on the Quuxworthy lawsuit.");
  await page.getByRole("button", { name: "Save closed minutes" }).click();
  const approval = page.locator('form[id^="closed-approve-"]');
  await approval.getByRole("button", { name: "Fill in: everyone yes" }).click();
  await expect(approval.locator('input[value="support"]:checked')).not.toHaveCount(0);
  await approval.getByRole("button", { name: "Record the approval vote" }).click();
  await expect(page.getByText("The closed minutes were approved.")).toBeVisible();
  await expectAccessible(page);

  // Minutes: the record of proceedings is written from the data; approval by roll call; published.
  await page.goto(`/staff/meetings/${id}/minutes`);
  await page.getByRole("textbox", { name: "Minutes", exact: true }).click();
  await page.keyboard.type("The chair opened the meeting at 6:00 p.m.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved as a new revision.")).toBeVisible();
  await page.getByRole("button", { name: "Circulate to attendees" }).click();
  await expect(page.getByText("Minutes circulated to the members who attended.")).toBeVisible();
  const vote = page.locator('form[id^="approval-"]');
  await vote.getByLabel("Meeting where the vote was held").selectOption(id);
  const answers = vote.locator("fieldset.roll-call select");
  for (let i = 0; i < 10; i++) await answers.nth(i).selectOption("support");
  await vote.getByRole("button", { name: "Record vote" }).click();
  await expect(page.getByText("Approval vote recorded.")).toBeVisible();
  await page.getByRole("button", { name: "Publish minutes" }).click();
  await expect(page.getByText("Minutes published.")).toBeVisible();
  await expectAccessible(page);

  // The public record: notice, roll calls by name, the closed-session entry, never its minutes.
  await signOut(page);
  await page.goto(`/meetings/${id}`);
  await expect(page.getByRole("heading", { name: "Record of proceedings" })).toBeVisible();
  await expect(page.getByText("Motion: To accept the analysis of response times", { exact: true })).toBeVisible();
  await expect(page.getByRole("strong").filter({ hasText: "Motion to close the meeting under RSMo 610.021(1)" })).toBeVisible();
  await expect(page.getByText(/went into closed session under RSMo 610\.021\(1\)/)).toBeVisible();
  await expect(page.getByText("Its minutes are kept separately and were approved by the board.")).toBeVisible();
  await expect(page.locator(".motion-record").first().getByRole("rowheader").first()).toBeVisible();
  await expect(page.getByText("Quuxworthy")).toHaveCount(0);
  await page.screenshot({ path: "test-results/sunshine-minutes.png", fullPage: true });
  await expectAccessible(page);
});
