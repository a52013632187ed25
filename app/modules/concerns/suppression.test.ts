import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hundredBlock } from "./block";
import { hiddenCellsDerivable, protectCells } from "./suppression";

describe("small-count protection", () => {
  it("never leaves a hidden cell derivable from a published total", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 24 }), (values) => {
        const { states, totalShown } = protectCells(values, true);
        states.forEach((s, i) => {
          if (values[i]! < 11) expect(s).not.toBe("shown");
        });
        if (totalShown) expect(hiddenCellsDerivable(values, states)).toBe(false);
      }),
    );
  });

  it("withholds a second cell when one small cell could be subtracted out", () => {
    const { states, totalShown } = protectCells([30, 4, 25], true);
    expect(totalShown).toBe(true);
    expect(states).toEqual(["shown", "lt11", "withheld"]);
  });
});

describe("hundred blocks", () => {
  it("generalizes addresses and drops units and extra text", () => {
    expect(hundredBlock("1234 E 35th St")?.block).toBe("1200 block of E 35th St");
    expect(hundredBlock("1234 E 35th St Apt 5, Cleveland OH")?.block).toBe("1200 block of E 35th St");
    expect(hundredBlock("56 Main St")?.block).toBe("0 block of Main St");
    expect(hundredBlock("E 35th St & Central Ave")?.block).toBe("Central Ave & E 35th St");
    expect(hundredBlock("behind Maria Lopez's house")).toBeNull();
    expect(hundredBlock("1234 E 35th St (John Smith's place)")?.block).toBe("1200 block of E 35th St");
  });
});
