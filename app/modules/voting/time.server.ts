import { COUNTY_TIME_ZONE, countyDateTimeToDate, toCountyDateTimeValue } from "~/utils/time-zone";

/**
 * Times typed into forms (<input type="datetime-local">) are wall-clock times in the county's
 * time zone (~/utils/time-zone); they are stored as UTC instants.
 */
export function appTimeZone() {
  return COUNTY_TIME_ZONE;
}

/** "2026-05-03T17:00" (wall clock in timeZone, seconds optional) → Date, or null when malformed. */
export function parseLocalDateTime(value: string, timeZone = appTimeZone()): Date | null {
  return countyDateTimeToDate(value, timeZone);
}

/** Date → "2026-05-03T17:00" (or with ":ss") in timeZone, for a datetime-local input's value. */
export function toLocalDateTimeValue(date: Date, timeZone = appTimeZone(), withSeconds = false) {
  return toCountyDateTimeValue(date, timeZone, withSeconds);
}

/** A readable date and time in the reader's language, with the zone named. */
export function formatDateTime(date: Date | string, locale: string, timeZone = appTimeZone()) {
  return new Intl.DateTimeFormat(locale === "es" ? "es-US" : "en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(new Date(date));
}

export function formatDate(date: Date | string, locale: string, timeZone = appTimeZone()) {
  return new Intl.DateTimeFormat(locale === "es" ? "es-US" : "en-US", { dateStyle: "medium", timeZone }).format(new Date(date));
}

/** Locale-neutral time for notification texts, which go to readers of either language. */
export function formatForNotification(date: Date, timeZone = appTimeZone()) {
  return `${toLocalDateTimeValue(date, timeZone).replace("T", " ")} (${timeZone})`;
}
