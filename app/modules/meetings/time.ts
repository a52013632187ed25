import { COUNTY_TIME_ZONE, countyDateTimeToDate, toCountyDateTimeValue, wallTimeAt as countyWallTimeAt, zoneOffsetMs, type WallTime } from "~/utils/time-zone";
import { dateTimeFormat } from "~/utils/intl";

// The county's zone and the wall-clock arithmetic live in ~/utils/time-zone (one clock for the
// whole portal); these names stay for the meetings module and its .ics writer.

/** The wall-clock time at an instant in a zone. */
export function wallTimeAt(instant: Date, zone: string = COUNTY_TIME_ZONE): WallTime {
  return countyWallTimeAt(instant, zone);
}

/** Offset of the zone from UTC at an instant, in minutes (Chicago in winter: -360). */
export function zoneOffsetMinutes(instant: Date, zone: string = COUNTY_TIME_ZONE): number {
  return Math.round(zoneOffsetMs(instant, zone) / 60000);
}

/** A datetime-local value typed in the county's zone to the UTC instant (null if not a real date). */
export function wallTimeToUtc(value: string, zone: string = COUNTY_TIME_ZONE): Date | null {
  return countyDateTimeToDate(value, zone);
}

/** The instant as a datetime-local value in the zone ("2026-03-10T18:00"), to refill a form. */
export function utcToWallTime(instant: Date, zone: string = COUNTY_TIME_ZONE): string {
  return toCountyDateTimeValue(instant, zone);
}

/** A meeting time for people: in the county's zone, in the reader's language, with the zone's name. */
export function formatMeetingTime(instant: Date | string, locale: string, zone: string, options: Intl.DateTimeFormatOptions = {}) {
  return dateTimeFormat(locale, {
    timeZone: zone,
    dateStyle: "full",
    timeStyle: "short",
    ...options,
  }).format(new Date(instant));
}

export function formatMeetingRange(starts: Date | string, ends: Date | string, locale: string, zone: string) {
  const start = formatMeetingTime(starts, locale, zone);
  const end = dateTimeFormat(locale, { timeZone: zone, timeStyle: "short" }).format(new Date(ends));
  const zoneName = dateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" })
    .formatToParts(new Date(starts))
    .find((p) => p.type === "timeZoneName")?.value;
  return `${start} – ${end}${zoneName ? ` (${zoneName})` : ""}`;
}

export function formatDate(value: string | Date, locale: string, zone: string) {
  // A plain date ("2026-04-01") has no zone: show it as that calendar day.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return dateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
  }
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: zone }).format(new Date(value));
}
