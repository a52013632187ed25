import { describe, expect, it } from "vitest";
import { relativeRateIndex, type StageCounts } from "./rri";

// Hand-computed fixture (see the comments for each expected value).
const groups: Record<string, StageCounts> = {
  white: { population: 100_000, referred: 1000, filed: 600, declined: 300, diverted: 100, disposed: 500, sentenced: 200 },
  black: { population: 60_000, referred: 1800, filed: 1260, declined: 450, diverted: 90, disposed: 1000, sentenced: 500 },
  hispanic: { population: 30_000, referred: 300, filed: 200, declined: 95, diverted: 5, disposed: 40, sentenced: 20 },
};

describe("relative rate index", () => {
  const rows = Object.fromEntries(relativeRateIndex(groups, "white").map((r) => [r.stage, r.groups]));

  it("compares each stage's rate with the reference group's", () => {
    // referred per population: white 1000/100000 = 0.01; black 1800/60000 = 0.03 → 3; hispanic 0.01 → 1
    expect(rows.referred!.white).toEqual({ status: "reference", rate: 0.01 });
    expect(rows.referred!.black).toMatchObject({ status: "ok", rri: expect.closeTo(3, 10) });
    expect(rows.referred!.hispanic).toMatchObject({ status: "ok", rri: expect.closeTo(1, 10) });
    // filed per referred: white 0.6; black 0.7 → 7/6; hispanic 2/3 → 10/9
    expect(rows.filed!.black).toMatchObject({ rate: expect.closeTo(0.7, 10), rri: expect.closeTo(7 / 6, 10) });
    expect(rows.filed!.hispanic).toMatchObject({ rri: expect.closeTo(10 / 9, 10) });
    // declined per referred: white 0.3; black 0.25 → 5/6; hispanic 95/300 → 19/18
    expect(rows.declined!.black).toMatchObject({ rri: expect.closeTo(5 / 6, 10) });
    expect(rows.declined!.hispanic).toMatchObject({ rri: expect.closeTo(19 / 18, 10) });
    // diverted per referred: white 0.1; black 0.05 → 0.5
    expect(rows.diverted!.black).toMatchObject({ rri: expect.closeTo(0.5, 10) });
    // disposed per filed: white 500/600; black 1000/1260 → 20/21; hispanic 40/200 → 0.24
    expect(rows.disposed!.black).toMatchObject({ rri: expect.closeTo(20 / 21, 10) });
    expect(rows.disposed!.hispanic).toMatchObject({ rri: expect.closeTo(0.24, 10) });
    // sentenced per disposed: white 0.4; black 0.5 → 1.25
    expect(rows.sentenced!.black).toMatchObject({ rri: expect.closeTo(1.25, 10) });
  });

  it("says insufficient data where a base or a count is small", () => {
    // 5 diverted is a small count (it would be derivable from the rate and the published base)
    expect(rows.diverted!.hispanic).toEqual({ status: "insufficient", reason: "small_count" });
    // 40 disposed is below the minimum base of 50 for the sentencing rate
    expect(rows.sentenced!.hispanic).toEqual({ status: "insufficient", reason: "small_base" });
  });

  it("gives no index when the reference group's own rate is insufficient or zero", () => {
    const out = relativeRateIndex({ ref: { referred: 100, filed: 4, diverted: 0 }, other: { referred: 200, filed: 80, diverted: 20 } }, "ref", [
      "filed",
      "diverted",
    ]);
    expect(out[0]!.groups.ref).toEqual({ status: "insufficient", reason: "small_count" });
    expect(out[0]!.groups.other).toEqual({ status: "insufficient", reason: "reference_insufficient" });
    expect(out[1]!.groups.ref).toEqual({ status: "reference", rate: 0 });
    expect(out[1]!.groups.other).toEqual({ status: "insufficient", reason: "reference_insufficient" });
  });

  it("treats a group missing a stage as no data", () => {
    const out = relativeRateIndex({ a: { referred: 100 }, b: { referred: 100, filed: 50 } }, "b", ["filed"]);
    expect(out[0]!.groups.a).toEqual({ status: "insufficient", reason: "no_data" });
  });
});
