import { describe, expect, it } from "vitest";
import { COUNTY_TIME_ZONE, countyDateTimeToDate, countyDay, DEFAULT_COUNTY_TIME_ZONE, isTimeZone, toCountyDateTimeValue } from "./time-zone";

describe("the county's time zone", () => {
  it("defaults to America/Chicago when COUNTY_TIME_ZONE is not set", () => {
    expect(DEFAULT_COUNTY_TIME_ZONE).toBe("America/Chicago");
    if (!process.env.COUNTY_TIME_ZONE) expect(COUNTY_TIME_ZONE).toBe("America/Chicago");
  });

  it("accepts only real IANA zone names (the value is also written into SQL)", () => {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("America/Chicago'; drop table users; --")).toBe(false);
    expect(isTimeZone(undefined)).toBe(false);
  });

  it("reads datetime-local values as wall-clock time in the zone, across DST", () => {
    const zone = "America/Chicago";
    expect(countyDateTimeToDate("2027-01-15T18:00", zone)!.toISOString()).toBe("2027-01-16T00:00:00.000Z");
    expect(countyDateTimeToDate("2027-07-15T18:00", zone)!.toISOString()).toBe("2027-07-15T23:00:00.000Z");
    expect(countyDateTimeToDate("2027-07-15T18:00:30", zone)!.toISOString()).toBe("2027-07-15T23:00:30.000Z");
    // 02:30 on the spring-forward day does not exist: it becomes 03:30 CDT.
    expect(countyDateTimeToDate("2027-03-14T02:30", zone)!.toISOString()).toBe("2027-03-14T08:30:00.000Z");
    for (const bad of ["2027-02-30T10:00", "2027-01-15T24:00", "2027-01-15 18:00", "tomorrow", ""]) expect(countyDateTimeToDate(bad, zone), bad).toBeNull();
  });

  it("writes instants back as the same wall-clock values, and knows the county's day", () => {
    const zone = "America/Chicago";
    for (const value of ["2027-01-15T18:00", "2027-07-15T06:05", "2027-11-07T00:30"]) {
      expect(toCountyDateTimeValue(countyDateTimeToDate(value, zone)!, zone)).toBe(value);
    }
    expect(toCountyDateTimeValue(new Date("2027-07-15T23:00:30Z"), zone, true)).toBe("2027-07-15T18:00:30");
    // 03:00 UTC is still the previous evening in the county.
    expect(countyDay(new Date("2027-01-16T03:00:00Z"), zone)).toBe("2027-01-15");
    expect(countyDay(new Date("2027-01-16T03:00:00Z"), "UTC")).toBe("2027-01-16");
  });
});
