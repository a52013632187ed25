import { describe, expect, it } from "vitest";
import { countyTimeToDate } from "~/utils/clock";
import { holidaysFor, missouriHolidays, recordsDueOn } from "./due";

describe("records due date: 3 business days after receipt", () => {
  it("counts weekdays only", () => {
    // Monday 2026-03-09 → Thursday 03-12.
    expect(recordsDueOn(countyTimeToDate("2026-03-09", "09:00"))).toBe("2026-03-12");
    // Wednesday 03-11 → Monday 03-16 (Saturday and Sunday do not count).
    expect(recordsDueOn(countyTimeToDate("2026-03-11", "16:30"))).toBe("2026-03-16");
    // Received on a Saturday: Mon, Tue, Wed.
    expect(recordsDueOn(countyTimeToDate("2026-03-14", "10:00"))).toBe("2026-03-18");
  });

  it("skips holidays, and a weekend holiday's observed day", () => {
    // Thanksgiving 2026 is Thursday 11-26: received Tuesday 11-24 → Wed 25, Fri 27, Mon 30.
    expect(recordsDueOn(countyTimeToDate("2026-11-24", "12:00"))).toBe("2026-11-30");
    // Independence Day 2026 is a Saturday, observed Friday 07-03: received Wed 07-01 → Thu 2, Mon 6, Tue 7.
    expect(holidaysFor("2026-07-01", "2026-07-31")).toContain("2026-07-03");
    expect(recordsDueOn(countyTimeToDate("2026-07-01", "12:00"))).toBe("2026-07-07");
    // Christmas and New Year: received Wed 2025-12-24 → (25 holiday) Fri 26, Mon 29, Tue 30.
    expect(recordsDueOn(countyTimeToDate("2025-12-24", "12:00"))).toBe("2025-12-30");
  });

  it("takes the day of receipt on the county's clock, not UTC's", () => {
    // 23:30 in Kansas City on Friday is already Saturday in UTC: still received on Friday.
    const friday = countyTimeToDate("2026-03-13", "23:30");
    expect(friday.toISOString().slice(0, 10)).toBe("2026-03-14");
    expect(recordsDueOn(friday)).toBe("2026-03-18");
  });

  it("knows Missouri's floating holidays", () => {
    const h = missouriHolidays(2026);
    expect(h).toEqual(expect.arrayContaining(["2026-01-19", "2026-02-16", "2026-05-25", "2026-09-07", "2026-10-12", "2026-11-26"]));
    expect(h).toHaveLength(12);
  });
});
