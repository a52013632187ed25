import { describe, expect, it } from "vitest";
import { hundredBlock } from "./block";

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
