/**
 * The county's time zone: the one clock of the portal. Meetings, vote closing times, brief
 * scheduling and embargoes, consultation windows, concern dates and every date shown on a page
 * or in an email are in it, and every <input type="datetime-local"> is read in it.
 *
 * Set with env COUNTY_TIME_ZONE (an IANA name); default America/Chicago. The server reads the
 * environment once; the browser never does: the root document carries the server's value
 * (<html data-county-time-zone>, see root.tsx), so pages hydrate with the very text the server
 * rendered.
 */
export const DEFAULT_COUNTY_TIME_ZONE = "America/Chicago";

export function isTimeZone(zone: unknown): zone is string {
  // IANA names only (letters, digits, "_", "-", "+", "/"): the value is also written into SQL.
  if (typeof zone !== "string" || !/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function configuredZone(): string | undefined {
  // In the browser: the value the server put on the page.
  if (typeof document !== "undefined") return document.documentElement.dataset.countyTimeZone;
  // On the server (and in tests).
  return globalThis.process?.env?.COUNTY_TIME_ZONE?.trim();
}

export const COUNTY_TIME_ZONE: string = (() => {
  const configured = configuredZone();
  return isTimeZone(configured) ? configured : DEFAULT_COUNTY_TIME_ZONE;
})();

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

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock time at an instant in a zone. */
export function wallTimeAt(instant: Date, zone = COUNTY_TIME_ZONE): WallTime {
  const parts = Object.fromEntries(
    partsFormatter(zone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (Chicago in winter: -6 h). */
export function zoneOffsetMs(instant: Date | number, zone = COUNTY_TIME_ZONE): number {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const w = wallTimeAt(new Date(ms), zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * A wall-clock time in the county ("2026-03-10T18:00", as a datetime-local input sends it,
 * seconds optional) to the instant. Null when it is not a real date and time. A time skipped
 * by a DST jump resolves to the instant an hour later, as clocks do.
 */
export function countyDateTimeToDate(value: string, zone = COUNTY_TIME_ZONE): Date | null {
  const m = WALL_RE.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(guess);
  if (Number.isNaN(guess) || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const first = guess - zoneOffsetMs(guess, zone);
  const second_ = guess - zoneOffsetMs(first, zone);
  return new Date(Math.max(first, second_));
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The instant as a datetime-local value in the county ("2026-03-10T18:00", or with ":ss"), to fill a form. */
export function toCountyDateTimeValue(instant: Date | string, zone = COUNTY_TIME_ZONE, withSeconds = false): string {
  const w = wallTimeAt(new Date(instant), zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}${withSeconds ? `:${pad(w.second)}` : ""}`;
}

/** The county's calendar day of an instant, "YYYY-MM-DD". */
export function countyDay(instant: Date, zone = COUNTY_TIME_ZONE): string {
  return toCountyDateTimeValue(instant, zone).slice(0, 10);
}
