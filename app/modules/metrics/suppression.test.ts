import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { disclosures, seriesEquations, tableEquations } from "../../../tests/support/disclosure";
import { publishableRate, suppressSeries, suppressTable, type SuppressedTable } from "./suppression";

function flatten(t: SuppressedTable): (number | null)[] {
  return [...t.cells.flatMap((row, r) => [...row.map((c) => c.value), t.rowTotals[r]!.value]), ...t.colTotals.map((c) => c.value), t.grandTotal.value];
}

const states = (t: SuppressedTable) => t.cells.map((row) => row.map((c) => c.state[0]).join("")).join("/");

describe("suppressTable", () => {
  it("hides a small cell and a hand-picked rectangle so subtraction cannot reveal it", () => {
    // Row 2023 tempts: 172 − 120 − 45 = 7 if only the 7 were hidden.
    const counts = [
      [120, 7, 45],
      [88, 95, 60],
      [30, 40, 50],
    ];
    const t = suppressTable(counts);
    // Cheapest cycle through (0,1): (0,2)=45, (2,2)=50, (2,1)=40 — cost 46+51+41 beats every other.
    expect(states(t)).toBe("spc/sss/scc");
    expect(t.rowTotals.map((c) => c.value)).toEqual([172, 243, 120]);
    expect(t.colTotals.map((c) => c.value)).toEqual([238, 142, 155]);
    expect(t.grandTotal.value).toBe(535);
    // What a reader can work out: a+b = 52, c+d = 90, a+c = 47, b+d = 95 — rank 3, so a is free.
    expect(disclosures(flatten(t), tableEquations(3, 3))).toEqual([]);
  });

  it("does not let two small cells in one line be revealed as their sum", () => {
    const counts = [
      [3, 4, 200],
      [5, 6, 300],
      [100, 100, 100],
    ];
    const t = suppressTable(counts);
    expect(t.cells[0]![0]!.state).toBe("primary");
    // Row 0 shows its total 207: the hidden part must not be 3 + 4 = 7, so 200 is hidden too.
    expect(disclosures(flatten(t), tableEquations(3, 3))).toEqual([]);
  });

  it("suppresses small totals and their complements", () => {
    const counts = [
      [0, 0, 5],
      [40, 50, 60],
      [20, 30, 70],
    ];
    const t = suppressTable(counts);
    expect(t.rowTotals[0]!.state).toBe("primary");
    expect(t.cells[0]![2]!.state).toBe("primary");
    expect(disclosures(flatten(t), tableEquations(3, 3))).toEqual([]);
  });

  it("shows zeros and large counts untouched when nothing is small", () => {
    const t = suppressTable([
      [0, 12],
      [15, 0],
    ]);
    expect(flatten(t)).toEqual([0, 12, 12, 15, 0, 15, 15, 12, 27]);
  });

  it("never discloses a small count, for any table (property)", () => {
    const table = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 })).chain(([r, c]) =>
      fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 400 })), { minLength: c, maxLength: c }), {
        minLength: r,
        maxLength: r,
      }),
    );
    fc.assert(
      fc.property(table, (counts) => {
        const t = suppressTable(counts);
        expect(disclosures(flatten(t), tableEquations(counts.length, counts[0]!.length))).toEqual([]);
        // Shown values are the real ones.
        t.cells.forEach((row, r) => row.forEach((c, k) => c.value !== null && expect(c.value).toBe(counts[r]![k])));
      }),
      { numRuns: 300 },
    );
  });
});

describe("suppressSeries", () => {
  it("hides a second value so the total cannot give the small one back", () => {
    // 130 − 50 − 70 = 10 would reveal the 10.
    const s = suppressSeries([50, 10, 70]);
    expect(s.cells.map((c) => c.state)).toEqual(["complementary", "primary", "shown"]);
    expect(s.total.value).toBe(130);
    expect(disclosures([...s.cells.map((c) => c.value), s.total.value], seriesEquations(3))).toEqual([]);
  });

  it("never discloses a small count (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 300 })), { minLength: 1, maxLength: 12 }), (values) => {
        const s = suppressSeries(values);
        expect(disclosures([...s.cells.map((c) => c.value), s.total.value], seriesEquations(values.length))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("publishableRate", () => {
  it("withholds a rate whose numerator or complement is small", () => {
    expect(publishableRate(5, 100)).toBeNull();
    expect(publishableRate(95, 100)).toBeNull();
    expect(publishableRate(50, 100)).toBe(0.5);
    expect(publishableRate(0, 100)).toBe(0);
    expect(publishableRate(0, 0)).toBeNull();
  });
});
