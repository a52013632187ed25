import { dateTimeFormat } from "~/utils/intl";
/** The one place the county's default time zone is written down (see config.server.ts for the override). */
export const DEFAULT_COUNTY_TIME_ZONE = "America/Chicago";

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string) {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time at an instant in a zone. */
export function wallTimeAt(instant: Date, zone: string): WallTime {
  const parts = Object.fromEntries(partsFormatter(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of the zone from UTC at an instant, in minutes (Chicago in winter: -360). */
export function zoneOffsetMinutes(instant: Date, zone: string): number {
  const w = wallTimeAt(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall-clock time typed in the county's zone ("2026-03-10T18:00", as a datetime-local input
 * sends it) to the UTC instant. Null if it is not a real date. A time skipped by a DST jump
 * resolves to the instant an hour later, as clocks do.
 */
export function wallTimeToUtc(value: string, zone: string): Date | null {
  const m = WALL_RE.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(guess);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  let instant = guess - zoneOffsetMinutes(new Date(guess), zone) * 60000;
  const second_ = guess - zoneOffsetMinutes(new Date(instant), zone) * 60000;
  if (second_ !== instant) instant = Math.max(instant, second_);
  return new Date(instant);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The instant as a datetime-local value in the zone ("2026-03-10T18:00"), to refill a form. */
export function utcToWallTime(instant: Date, zone: string): string {
  const w = wallTimeAt(instant, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
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
