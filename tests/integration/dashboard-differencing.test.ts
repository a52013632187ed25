import { describe, expect, it } from "vitest";
import { breakdownDimensionsOf, grainsOf, MEASURES } from "~/modules/metrics";
import { clientFor } from "../support/app";
import { FEWER, SUPPRESSED, type SeenCell } from "../support/lp-audit";
import { crawlPublication } from "../support/publication-crawl";

/**
 * The attack from issue 14 over the demo data: fetch every measure's unfiltered yearly CSV, its
 * by=<dimension> breakdowns and every single-value filtered CSV (and the monthly and quarterly
 * totals), then subtract — a year total minus the shown values of a dimension, a quarter minus
 * its shown months, a year minus its quarters, all years minus the years, drug referrals minus
 * referrals with offense drug — repeating with every value recovered, until nothing changes.
 */
const PUBLIC = MEASURES.filter((m) => m.kind !== "context");
const YEARS = ["2019", "2020", "2021", "2022", "2023", "2024", "2025"];

function differencing(cells: SeenCell[]) {
  const key = (c: Pick<SeenCell, "measure" | "grain" | "period" | "dim" | "value">) => `${c.measure}|${c.grain}|${c.period}|${c.dim}|${c.value}`;
  const known = new Map<string, number>();
  for (const c of cells) if (c.text !== FEWER && c.text !== SUPPRESSED) known.set(key(c), Number(c.text));
  const lines: { parts: string[]; total: string }[] = [];
  const group = (f: (c: SeenCell) => string | null) => {
    const out = new Map<string, string[]>();
    for (const c of cells) {
      const g = f(c);
      if (g) out.set(g, [...(out.get(g) ?? []), key(c)]);
    }
    return out;
  };
  for (const [g, parts] of group((c) => (c.grain === "year" && c.dim ? `${c.measure}|year|${c.period}|${c.dim}` : null))) {
    const [m, , y] = g.split("|");
    lines.push({ parts, total: `${m}|year|${y}||` });
  }
  for (const [g, parts] of group((c) =>
    c.grain === "month" ? `${c.measure}|${c.period.slice(0, 4)}-Q${Math.floor((Number(c.period.slice(5, 7)) - 1) / 3) + 1}` : null,
  ))
    lines.push({ parts, total: `${g.split("|")[0]}|quarter|${g.split("|")[1]}||` });
  for (const [g, parts] of group((c) => (c.grain === "quarter" ? `${c.measure}|${c.period.slice(0, 4)}` : null)))
    lines.push({ parts, total: `${g.split("|")[0]}|year|${g.split("|")[1]}||` });
  for (const [m, parts] of group((c) => (c.grain === "year" && !c.dim ? c.measure : null))) lines.push({ parts, total: `${m}|all|all||` });
  for (const y of YEARS) {
    lines.push({ parts: [`referred|year|${y}|offense|drug`], total: `drug_referred|year|${y}||` });
    lines.push({ parts: [`filed|year|${y}|offense|drug`], total: `drug_filed|year|${y}||` });
  }
  const recovered = new Map<string, number>();
  for (let changed = true; changed;) {
    changed = false;
    for (const l of lines) {
      const all = [...l.parts, l.total];
      const unknown = all.filter((k) => !known.has(k));
      if (unknown.length !== 1) continue;
      const u = unknown[0]!;
      const partsSum = l.parts.reduce((a, k) => a + (known.get(k) ?? 0), 0);
      const v = u === l.total ? partsSum : known.get(l.total)! - partsSum;
      known.set(u, v);
      recovered.set(u, v);
      changed = true;
    }
  }
  return { recovered, lines: lines.length };
}

describe("the demo dashboard against the differencing attack", () => {
  it("recovers no cell shown as fewer than 11, and still publishes useful figures", async () => {
    const started = Date.now();
    const crawl = await crawlPublication(
      await clientFor(),
      PUBLIC.map((m) => ({ key: m.key, kind: m.kind, unit: m.unit, denominatorKey: m.denominatorKey, dims: breakdownDimensionsOf(m), grains: grainsOf(m) })),
      YEARS,
    );
    expect(crawl.conflicts).toEqual([]);
    expect(crawl.leakyRates).toEqual([]);
    const { recovered, lines } = differencing(crawl.cells);
    const text = new Map(crawl.cells.map((c) => [`${c.measure}|${c.grain}|${c.period}|${c.dim}|${c.value}`, c.text]));
    const small = [...recovered.keys()].filter((k) => text.get(k) === FEWER);
    const perMeasure = Object.fromEntries(
      PUBLIC.map((m) => {
        const mine = crawl.cells.filter((c) => c.measure === m.key);
        return [
          m.key,
          {
            published: mine.filter((c) => c.text !== FEWER && c.text !== SUPPRESSED).length,
            fewerThan11: mine.filter((c) => c.text === FEWER).length,
            suppressed: mine.filter((c) => c.text === SUPPRESSED).length,
          },
        ];
      }),
    );
    console.info(
      `Differencing over the demo data: ${crawl.requests} CSVs, ${crawl.cells.length} cells, ${lines} equations, ${small.length} "fewer than 11" cells recovered ` +
        `(${recovered.size} hidden cells recovered in all) in ${Date.now() - started} ms\n${JSON.stringify(perMeasure, null, 1)}`,
    );
    expect(small).toEqual([]);
    // Suppression that hides everything is not a solution: no referral count is under 11, most cells are shown,
    // and the stage totals by month, quarter and year are all published.
    expect(perMeasure.referred!.fewerThan11).toBe(0);
    const shown = Object.values(perMeasure).reduce((a, m) => a + m.published, 0);
    expect(shown).toBeGreaterThan(crawl.cells.length * 0.6);
    for (const key of ["referred", "filed", "declined", "diverted", "drug_referred", "p4p_referrals", "firearm_cases"]) {
      expect(
        crawl.cells.filter((c) => c.measure === key && !c.dim).every((c) => c.text !== FEWER && c.text !== SUPPRESSED),
        key,
      ).toBe(true);
    }
  }, 120_000);
});
