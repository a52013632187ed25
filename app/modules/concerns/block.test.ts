import { describe, expect, it } from "vitest";
import { HOSTILE_LOCATIONS } from "../../../tests/fixtures/hostile-locations";
import { englishLocation, parsePublicLocation, publicLocationLabel, streetListKey } from "./block";

const en = (s: string, streets?: Set<string>) => englishLocation(parsePublicLocation(s, { streets }).location);

describe("public location", () => {
  it("publishes exactly what the hostile corpus expects, and no secret of any entry", () => {
    for (const e of HOSTILE_LOCATIONS) {
      const got = en(e.input);
      expect(got, JSON.stringify(e.input)).toBe(e.published);
      for (const s of e.secrets) expect((got ?? "").toLowerCase().includes(s.toLowerCase()), `${e.input} → ${s}`).toBe(false);
    }
  });

  it("reads ordinary addresses and intersections", () => {
    expect(en("1234 E 35th St")).toBe("1200 block of E 35th St");
    expect(en("4417 Troost Ave Kansas City MO 64110")).toBe("4400 block of Troost Ave");
    expect(en("600 W 39th Ter")).toBe("600 block of W 39th Ter");
    expect(en("5000 Swope Parkway")).toBe("5000 block of Swope Pkwy");
    expect(en("1800 Southwest Trafficway")).toBe("1800 block of Southwest Trfy");
    expect(en("E 35th St / Prospect Ave")).toBe("E 35th St & Prospect Ave");
    expect(en("I-70 & Prospect Ave")).toBe("I-70 & Prospect Ave");
    expect(en("E 31st St y Troost Ave")).toBe("E 31st St & Troost Ave");
    expect(en("Broadway & W 39th St")).toBeNull(); // no street type, no list
  });

  it("keeps the structure so that each language renders it", () => {
    const block = parsePublicLocation("1234 E 35th St").location;
    expect(block).toEqual({ kind: "block", number: 1200, street: "E 35th St" });
    const t = (key: string, o?: Record<string, unknown>) => (key === "concerns:location.block" ? `cuadra ${o!.number} de ${o!.street}` : `${o!.a} y ${o!.b}`);
    expect(publicLocationLabel(block, t)).toBe("cuadra 1200 de E 35th St");
    expect(publicLocationLabel(parsePublicLocation("Troost Ave & E 35th St").location, t)).toBe("E 35th St y Troost Ave");
    expect(publicLocationLabel({ kind: "zip" }, t)).toBeNull();
  });

  it("with the office's street list, recognises only its streets (and its streets without a type)", () => {
    const list = new Set(["troost ave", "35th st", "broadway", "the paseo"].map(streetListKey));
    expect(en("Zelda Quimby St & Troost Ave")).toBe("Troost Ave & Zelda Quimby St"); // looks like a street without a list
    expect(en("Zelda Quimby St & Troost Ave", list)).toBeNull();
    expect(en("4417 Zelda Quimby Ln", list)).toBeNull();
    expect(en("4417 Troost Ave", list)).toBe("4400 block of Troost Ave");
    expect(en("Broadway & E 35th St", list)).toBe("Broadway & E 35th St");
    expect(en("3100 The Paseo", list)).toBe("3100 block of The Paseo");
  });
});
