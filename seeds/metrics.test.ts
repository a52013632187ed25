import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { seedMetrics, syntheticCases } from "./metrics";

describe("synthetic metrics seed", () => {
  const rows = syntheticCases();

  it("is deterministic and of modest size", () => {
    expect(syntheticCases().slice(0, 50)).toEqual(rows.slice(0, 50));
    expect(rows.length).toBeGreaterThan(20_000);
    expect(rows.length).toBeLessThan(40_000);
    expect(rows[0]!.receivedDate >= "2019-01-01").toBe(true);
    expect(rows.at(-1)!.receivedDate <= "2025-12-31").toBe(true);
  });

  it("matches the office's published findings", () => {
    const drug = rows.filter((r) => r.offenseCategory === "drug");
    const share = drug.length / rows.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.37);
    expect(drug.filter((r) => r.drugLevel === "user").length / drug.length).toBeGreaterThan(0.6);
    const sale = drug.filter((r) => r.drugLevel === "sale");
    const black = sale.filter((r) => r.raceEthnicity === "black").length / sale.length;
    expect(black).toBeGreaterThan(0.82);
    expect(black).toBeLessThan(0.88);
    expect(drug.filter((r) => r.firearmRecovered).length / drug.length).toBeLessThan(0.05);
  });

  it("is in the template database, idempotent, and quick", async () => {
    const count = async () => Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from metric_cases`))[0]!.n);
    expect(await count()).toBe(rows.length);
    await seedMetrics();
    expect(await count()).toBe(rows.length);
    await db.execute(sql`delete from metric_facts`);
    await db.execute(sql`delete from metric_cases`);
    const started = Date.now();
    await seedMetrics();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await count()).toBe(rows.length);
    const facts = await db.execute<{ n: number }>(sql`select sum(count)::int as n from metric_facts where measure_key = 'referred'`);
    expect(Number(facts[0]!.n)).toBe(rows.length);
  }, 60_000);
});

describe("one demo story", () => {
  it("puts the demo concerns in Kansas City ZIPs the dashboard publishes, reported to Kansas City agencies", async () => {
    const { SEED_ZIPS } = await import("./concerns");
    const { ZIPS, AGENCIES } = await import("./metrics");
    const dashboardZips = new Set(ZIPS.map(([zip]) => zip));
    for (const { zip } of SEED_ZIPS) {
      expect(zip).toMatch(/^641\d\d$/);
      expect(dashboardZips.has(zip), zip).toBe(true);
    }
    expect(AGENCIES.map(([a]) => a)).toEqual(expect.arrayContaining(["KCPD", "JACKSON SO", "INDEPENDENCE PD"]));
    // Every seeded concern (the demo's own and the responses') is in one of those ZIPs, on a Kansas City street.
    const rows = await db.execute<{ zip: string; public_block: string | null }>(sql`select zip, public_block from concerns where source = 'seed'`);
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) expect(dashboardZips.has(r.zip), r.zip).toBe(true);
    expect(rows.some((r) => r.public_block === "2600 block of Prospect Ave")).toBe(true);
    expect(rows.filter((r) => /E 55th St|St Clair|Superior|Kinsman|Central Ave/.test(r.public_block ?? ""))).toEqual([]);
  });
});
