import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { disclosures, tableEquations } from "../../tests/support/disclosure";
import { MAX_SMALL, publishedRate, suppress, suppressSeries, suppressTable, type SuppressedTable } from "./suppression";

/**
 * For one line (parts summing to a shown total) the attacker's feasible range of a hidden cell is
 * exact by interval arithmetic: the hidden parts sum to H = total − shown parts, each hidden part
 * lies in [lo, hi] ("fewer than 11": [1, 10] or [0, 10]; "suppressed": [11, ∞)).
 */
function lineRanges(values: number[], states: string[], zeroIsSmall = false) {
  const total = values.at(-1)!;
  const parts = values.slice(0, -1);
  const hidden = parts.map((_, i) => i).filter((i) => states[i] !== "shown");
  const H = total - parts.reduce((a, v, i) => a + (states[i] === "shown" ? v : 0), 0);
  const lo = (i: number) => (states[i] === "primary" ? (zeroIsSmall ? 0 : 1) : 11);
  const hi = (i: number) => (states[i] === "primary" ? MAX_SMALL : Infinity);
  return hidden
    .filter((i) => states[i] === "primary")
    .map((i) => {
      const others = hidden.filter((j) => j !== i);
      const max = Math.min(hi(i), H - others.reduce((a, j) => a + lo(j), 0));
      const min = Math.max(lo(i), H - others.reduce((a, j) => a + hi(j), 0));
      return { i, min, max };
    });
}

describe("one line with a shown total", () => {
  it("leaves every small count free to be anything from 1 to 10", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(12), fc.nat(80)), { minLength: 1, maxLength: 20 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0);
        const { states } = suppress({ values: [...parts, total], lines: [{ parts: parts.map((_, i) => i), total: parts.length }] });
        parts.forEach((v, i) => {
          if (v >= 1 && v <= 10) expect(states[i]).toBe("primary");
          if (states[i] === "complementary") expect(v).toBeGreaterThanOrEqual(11); // a 0 is never a complement
        });
        if (states[parts.length] !== "shown") return;
        for (const r of lineRanges([...parts, total], states)) {
          expect(r.min, JSON.stringify({ parts, states, r })).toBeLessThanOrEqual(1);
          expect(r.max, JSON.stringify({ parts, states, r })).toBeGreaterThanOrEqual(10);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("hides zeros too when asked (the concerns overview), with the same guarantee", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 24 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0);
        const { states } = suppress({ values: [...parts, total], lines: [{ parts: parts.map((_, i) => i), total: parts.length }], zeroIsSmall: true });
        parts.forEach((v, i) => v <= 10 && expect(states[i]).toBe("primary"));
        if (states[parts.length] !== "shown") return;
        for (const r of lineRanges([...parts, total], states, true)) expect(r.max).toBeGreaterThanOrEqual(10);
      }),
      { numRuns: 300 },
    );
  });

  it("hides a complement big enough to let the tempting 7 reach 10", () => {
    const s = suppressSeries([120, 7, 45, 13]);
    // 13 could only go down to 11 — not room enough for the 7 to reach 10 — so 45 is the complement.
    expect(s.cells.map((c) => c.state)).toEqual(["shown", "primary", "complementary", "shown"]);
    expect(s.total.value).toBe(185);
  });
});

function flatten(t: SuppressedTable): (number | null)[] {
  return [...t.cells.flatMap((row, r) => [...row.map((c) => c.value), t.rowTotals[r]!.value]), ...t.colTotals.map((c) => c.value), t.grandTotal.value];
}

describe("suppressTable (the drug charging decisions table)", () => {
  it("never shows a count from 1 to 10 nor lets one be derived exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.nat(12), fc.nat(60)), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (counts) => {
        const t = suppressTable(counts);
        expect(disclosures(flatten(t), tableEquations(counts.length, 3))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("shows zeros and large counts untouched when nothing is small", () => {
    const t = suppressTable([
      [0, 12],
      [15, 0],
    ]);
    expect(flatten(t)).toEqual([0, 12, 12, 15, 0, 15, 15, 12, 27]);
  });
});

describe("rates", () => {
  it("are published only beside two published counts", () => {
    expect(publishedRate({ value: 30, state: "shown" }, { value: 120, state: "shown" })).toBe(0.25);
    expect(publishedRate({ value: null, state: "primary" }, { value: 120, state: "shown" })).toBeNull();
    expect(publishedRate({ value: 30, state: "shown" }, { value: null, state: "complementary" })).toBeNull();
  });
});
