import { COUNTY_TIME_ZONE, countyDateTimeToDate, toCountyDateTimeValue } from "~/utils/time-zone";
import { dateTimeFormat } from "~/utils/intl";

/** The office's time zone is the county's (~/utils/time-zone): server and browser format times the same way. */
export const OFFICE_TIME_ZONE = COUNTY_TIME_ZONE;

export function formatDateTime(iso: string | Date | null | undefined, locale: string) {
  if (!iso) return "";
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: OFFICE_TIME_ZONE }).format(new Date(iso));
}

export function formatDate(iso: string | Date | null | undefined, locale: string) {
  if (!iso) return "";
  const d = typeof iso === "string" && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return dateTimeFormat(locale, { dateStyle: "long", timeZone: OFFICE_TIME_ZONE }).format(d);
}

/**
 * A <input type="datetime-local"> value ("2026-05-01T09:00") read as office time; a full ISO
 * timestamp with a zone is taken as is. Null when it is not a date.
 */
export function parseOfficeDateTime(value: string | null | undefined, timeZone = OFFICE_TIME_ZONE): Date | null {
  if (!value) return null;
  if (/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return countyDateTimeToDate(value, timeZone);
}

/** A Date as a datetime-local value in office time. */
export function toOfficeLocalInput(date: Date | string | null | undefined, timeZone = OFFICE_TIME_ZONE) {
  if (!date) return "";
  return toCountyDateTimeValue(date, timeZone);
}
