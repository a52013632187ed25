import { afterEach, describe, expect, it, vi } from "vitest";
import {
  COUNTY_TIME_ZONE,
  DEFAULT_COUNTY_TIME_ZONE,
  addBusinessDays,
  addDays,
  addMonths,
  businessDaysBetween,
  countyDateTimeToDate,
  countyDay,
  countyToday,
  endOfCountyDay,
  formatDate,
  formatDateTime,
  formatDateTimeRange,
  formatDayCount,
  isBusinessDay,
  isTimeZone,
  isValidDay,
  parseDateTimeInput,
  startOfCountyDay,
  toCountyDateTimeValue,
} from "./clock";

describe("the county clock", () => {
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

describe("today on the county's calendar", () => {
  afterEach(() => vi.useRealTimers());
  const at = (iso: string) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(iso));
  };

  it("is still yesterday in the county in the UTC small hours (the UTC calendar day is already tomorrow)", () => {
    if (COUNTY_TIME_ZONE !== "America/Chicago") return;
    at("2026-12-02T01:30:00Z");
    expect(countyToday()).toBe("2026-12-01");
    at("2026-12-02T05:30:00Z");
    expect(countyToday()).toBe("2026-12-01");
    at("2026-12-02T06:00:00Z");
    expect(countyToday()).toBe("2026-12-02");
    at("2026-07-02T04:59:00Z"); // CDT: UTC-5
    expect(countyToday()).toBe("2026-07-01");
  });

  it("starts and ends a county day at the county's midnight, across DST", () => {
    const zone = "America/Chicago";
    expect(startOfCountyDay("2026-12-01", zone).toISOString()).toBe("2026-12-01T06:00:00.000Z");
    expect(endOfCountyDay("2026-12-01", zone).toISOString()).toBe("2026-12-02T06:00:00.000Z");
    // 8 March 2026: 23 hours long; 1 November 2026: 25.
    expect(endOfCountyDay("2026-03-08", zone).getTime() - startOfCountyDay("2026-03-08", zone).getTime()).toBe(23 * 3600_000);
    expect(endOfCountyDay("2026-11-01", zone).getTime() - startOfCountyDay("2026-11-01", zone).getTime()).toBe(25 * 3600_000);
    expect(countyDay(new Date(endOfCountyDay("2026-12-01", zone).getTime() - 1), zone)).toBe("2026-12-01");
  });

  it("does calendar arithmetic on days without a zone", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
    for (const ok of ["2024-02-29", "2026-12-31"]) expect(isValidDay(ok), ok).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-1-01", "2026-12-01T00:00", ""]) expect(isValidDay(bad), bad).toBe(false);
  });

  it("counts business days without weekends and the holidays it is given", () => {
    // Fri 4 Dec 2026 → Mon 7 Dec; with Mon a holiday → Tue 8 Dec.
    expect(isBusinessDay("2026-12-05")).toBe(false);
    expect(isBusinessDay("2026-12-07")).toBe(true);
    expect(isBusinessDay("2026-12-07", ["2026-12-07"])).toBe(false);
    expect(addBusinessDays("2026-12-04", 1)).toBe("2026-12-07");
    expect(addBusinessDays("2026-12-04", 1, ["2026-12-07"])).toBe("2026-12-08");
    expect(addBusinessDays("2026-12-07", -1)).toBe("2026-12-04");
    expect(addBusinessDays("2026-12-05", 0)).toBe("2026-12-07");
    expect(businessDaysBetween("2026-12-04", "2026-12-11")).toBe(5);
    expect(businessDaysBetween("2026-12-24", "2026-12-28", ["2026-12-25"])).toBe(1);
  });

  it("reads form date-times as county wall time, and full ISO timestamps as they are", () => {
    expect(parseDateTimeInput("2027-01-15T18:00", "America/Chicago")!.toISOString()).toBe("2027-01-16T00:00:00.000Z");
    expect(parseDateTimeInput("2027-01-15T18:00:00Z")!.toISOString()).toBe("2027-01-15T18:00:00.000Z");
    expect(parseDateTimeInput("")).toBeNull();
    expect(parseDateTimeInput("nope")).toBeNull();
  });
});

describe("the formatters", () => {
  it("say a day count in words, and 0 days as today", () => {
    expect(formatDayCount(0, "en")).toBe("today");
    expect(formatDayCount(0, "es")).toBe("hoy");
    expect(formatDayCount(1, "en")).toBe("1 day");
    expect(formatDayCount(12, "en")).toBe("12 days");
    expect(formatDayCount(1, "es")).toBe("1 día");
    expect(formatDayCount(1200, "es")).toMatch(/^1.200 días$/);
  });

  it("show instants in the county's zone and plain days as that calendar day", () => {
    if (COUNTY_TIME_ZONE !== "America/Chicago") return;
    // 03:30 UTC on 2 December is 21:30 on 1 December in Chicago.
    expect(formatDate(new Date("2026-12-02T03:30:00Z"), "en")).toBe("Dec 1, 2026");
    expect(formatDate("2026-12-02", "en")).toBe("Dec 2, 2026");
    expect(formatDate("2026-12-02", "es", "long")).toBe("2 de diciembre de 2026");
    expect(formatDate(null, "en")).toBe("");
    expect(formatDateTime("2026-12-02T03:30:00Z", "en")).toBe("Dec 1, 2026, 9:30 PM");
    expect(formatDateTime("2026-12-02T03:30:00Z", "en", { zoneName: true })).toBe("Dec 1, 2026, 9:30 PM CST");
    expect(formatDateTimeRange("2026-12-02T00:00:00Z", "2026-12-02T02:00:00Z", "en")).toBe("Tuesday, December 1, 2026 at 6:00 PM – 8:00 PM (CST)");
  });
});
