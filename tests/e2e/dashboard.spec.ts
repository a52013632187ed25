import { readFileSync } from "node:fs";
import { expect, expectAccessible, test } from "./fixtures";

test("a visitor reads the dashboard, filters a measure, sees the chart and its table, and downloads the CSV", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Public dashboard" })).toBeVisible();
  await expect(page.getByText("Synthetic data: every figure on this dashboard")).toBeVisible();
  await page.getByRole("link", { name: "Non-violent drug cases referred" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Non-violent drug cases referred" })).toBeVisible();
  await expectAccessible(page);

  // Two dimensions at once are not part of the publication: the page says so.
  await page.getByLabel("Race/ethnicity").selectOption("black");
  await page.getByLabel("Break down by").selectOption("sex");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/race=black/);
  await expect(page.getByRole("heading", { name: "This combination is not offered" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Period", { exact: true }).selectOption("year");
  await page.getByLabel("Year", { exact: true }).selectOption("2024");
  await page.getByLabel("Race/ethnicity").selectOption("");
  await page.getByLabel("Break down by").selectOption("sex");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/grain=year/);
  await expect(page).toHaveURL(/year=2024/);

  const chart = page.getByRole("img", { name: /Non-violent drug cases referred, By year/ });
  await expect(chart).toBeVisible();
  const table = page.getByRole("table", { name: /Non-violent drug cases referred: By year/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Female" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "2024" })).toBeVisible();
  await expectAccessible(page);

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download this table (CSV)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("drug_referred-year-2024.csv");
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv).toContain("period,sex=female,sex=male,sex=unknown,total,rate_percent");
  expect(csv).toContain("2024,");
});

test("the disparity view shows relative rate indexes without JavaScript-only controls", async ({ page }) => {
  await page.goto("/dashboard/disparity?year=2024");
  await expect(page.getByRole("heading", { level: 1, name: /relative rate index/ })).toBeVisible();
  const table = page.getByRole("table", { name: /Relative rate index by stage, compared with White/ });
  await expect(table.getByRole("rowheader", { name: "Referred" })).toBeVisible();
  await expect(table.getByText(/reference \(/).first()).toBeVisible();
});
