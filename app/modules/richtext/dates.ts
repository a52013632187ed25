import { dateTimeFormat } from "~/utils/intl";
/** The office's time zone: server and browser format times the same way (no hydration mismatch). */
export const OFFICE_TIME_ZONE = "America/Chicago";

export function formatDateTime(iso: string | Date | null | undefined, locale: string) {
  if (!iso) return "";
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: OFFICE_TIME_ZONE }).format(new Date(iso));
}

export function formatDate(iso: string | Date | null | undefined, locale: string) {
  if (!iso) return "";
  const d = typeof iso === "string" && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return dateTimeFormat(locale, { dateStyle: "long", timeZone: OFFICE_TIME_ZONE }).format(d);
}

function zoneOffsetMs(utcMs: number, timeZone: string) {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - utcMs;
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
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  if (Number.isNaN(asUtc)) return null;
  let guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  guess = asUtc - zoneOffsetMs(guess, timeZone);
  return new Date(guess);
}

/** A Date as a datetime-local value in office time. */
export function toOfficeLocalInput(date: Date | string | null | undefined, timeZone = OFFICE_TIME_ZONE) {
  if (!date) return "";
  const ms = new Date(date).getTime();
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 16);
}
