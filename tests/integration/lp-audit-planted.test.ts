import { describe, expect, it } from "vitest";
import { auditPublication, FEWER, type SeenCell } from "../support/lp-audit";

/**
 * The attacker's model catches what it must (planted leaks) and no more (the same publication
 * without the leak passes), for the two traits it models only where they are seen: dismissals
 * (disposed and never sentenced, by race) and firearms recovered from people under 18.
 */
const months = ["2024-01", "2024-02"];
const dims = { race: ["a", "b"], age: ["under_18", "adult"] };
const cell = (measure: string, text: string | number, dim = "", value = ""): SeenCell => ({
  measure,
  grain: "year",
  period: "2024",
  dim,
  value,
  text: String(text),
});
const audit = (cells: SeenCell[]) => auditPublication(cells, { months, dims, programMeasures: [] });

describe("the LP audit's model of dismissals and of firearms from people under 18", () => {
  it("sees a dismissal count pinned by disposals less sentences, county-wide and in a race", async () => {
    // 30 disposed, 25 sentenced: at most 5 dismissed.
    const county = await audit([cell("disposed", 30), cell("sentenced", 25), cell("dismissed", FEWER)]);
    expect(county.failures.map((f) => [f.cell, Math.round(f.max)])).toEqual([["dismissed|year|2024||", 5]]);
    // 12 disposed in race a, 9 of them sentenced: at most 3 dismissed there (the year is free).
    const race = await audit([
      cell("disposed", 40),
      cell("disposed", 12, "race", "a"),
      cell("sentenced", 9, "race", "a"),
      cell("dismissed", FEWER, "race", "a"),
    ]);
    expect(race.failures.map((f) => [f.cell, Math.round(f.max)])).toEqual([["dismissed|year|2024|race|a", 3]]);
    // Without the leak: 12 disposed in race a and 1 sentenced leave room for 1–10 dismissed.
    const safe = await audit([
      cell("disposed", 40),
      cell("disposed", 12, "race", "a"),
      cell("sentenced", 1, "race", "a"),
      cell("dismissed", FEWER, "race", "a"),
    ]);
    expect(safe.failures).toEqual([]);
    expect(safe.audited).toBe(1);
  });

  it("sees firearms from people under 18 pinned by the minors who are not drug cases", async () => {
    // 13 referrals under 18, 8 of them drug cases with no firearm: at most 5 firearms from minors.
    const leak = await audit([
      cell("referred", 13, "age", "under_18"),
      cell("drug_referred", 8, "age", "under_18"),
      cell("drug_firearm", 0, "age", "under_18"),
      cell("firearm_under_18", FEWER),
    ]);
    expect(leak.failures.map((f) => [f.cell, Math.round(f.max)])).toEqual([["firearm_under_18|year|2024||", 5]]);
    // Without the drug firearm count the drug minors may have firearms too: up to 13.
    const safe = await audit([cell("referred", 13, "age", "under_18"), cell("drug_referred", 8, "age", "under_18"), cell("firearm_under_18", FEWER)]);
    expect(safe.failures).toEqual([]);
    // …and they are a floor: 7 of them are at least 7 firearms from minors.
    const floor = await audit([cell("referred", 13, "age", "under_18"), cell("drug_firearm", 7, "age", "under_18"), cell("firearm_under_18", FEWER)]);
    expect(floor.failures.map((f) => [f.cell, Math.round(f.min)])).toEqual([["firearm_under_18|year|2024||", 7]]);
  });

  it("refuses a firearm_under_18 cell it does not model (by month or broken down)", async () => {
    await expect(audit([{ ...cell("firearm_under_18", FEWER), grain: "month", period: "2024-01" }])).rejects.toThrow(/by year, county-wide only/);
    await expect(audit([cell("firearm_under_18", FEWER, "race", "a")])).rejects.toThrow(/by year, county-wide only/);
  });
});
