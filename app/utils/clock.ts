/**
 * The county clock: the portal's one source of "now", "today", county days, business days,
 * datetime-local values and formatted dates. Browser-safe (no Node APIs), used by every module,
 * email, seed, script, benchmark and test fixture.
 *
 * Meetings, vote closing times, brief scheduling and embargoes, consultation windows, concern
 * dates and every date shown on a page or in an email are in the county's time zone, and every
 * <input type="datetime-local"> is read in it.
 *
 * The zone is set with env COUNTY_TIME_ZONE (an IANA name); default America/Chicago. The server
 * reads the environment once; the browser never does: the root document carries the server's
 * value (<html data-county-time-zone>, see root.tsx), so pages hydrate with the very text the
 * server rendered.
 *
 * Days are "YYYY-MM-DD" strings (a calendar day has no zone); instants are Dates.
 */
import { dateTimeFormat, numberFormat, relativeTimeFormat } from "~/utils/intl";

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

/** The county's IANA time zone. */
export const COUNTY_TIME_ZONE: string = (() => {
  const configured = configuredZone();
  return isTimeZone(configured) ? configured : DEFAULT_COUNTY_TIME_ZONE;
})();

// ---------------------------------------------------------------- now and today

/** The current instant. The one place the portal reads the system clock for "now". */
export function now(): Date {
  return new Date();
}

/** Today on the county's calendar, "YYYY-MM-DD" (not the UTC day: at 19:00 in Chicago UTC is already tomorrow). */
export function countyToday(zone = COUNTY_TIME_ZONE): string {
  return countyDay(now(), zone);
}

/** The county's calendar day of an instant, "YYYY-MM-DD". */
export function countyDay(instant: Date | string | number, zone = COUNTY_TIME_ZONE): string {
  return toCountyDateTimeValue(new Date(instant), zone).slice(0, 10);
}

// ---------------------------------------------------------------- calendar days (no zone)

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a value is a real calendar day written "YYYY-MM-DD". */
export function isValidDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function dayToUtcDate(day: string): Date {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

const utcDayString = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Calendar arithmetic on "YYYY-MM-DD" (no zone, so no DST surprises). */
export function addDays(day: string, days: number): string {
  const d = dayToUtcDate(day);
  d.setUTCDate(d.getUTCDate() + days);
  return utcDayString(d);
}

/** The same day of the month, months later (clamped to the month's last day), "YYYY-MM-DD". */
export function addMonths(day: string, months: number): string {
  const d = dayToUtcDate(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return utcDayString(target);
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayToUtcDate(to).getTime() - dayToUtcDate(from).getTime()) / 86_400_000);
}

/** Day of the week of a calendar day: 0 Sunday … 6 Saturday. */
export function weekday(day: string): number {
  return dayToUtcDate(day).getUTCDay();
}

// ---------------------------------------------------------------- business days

/** Holidays as "YYYY-MM-DD" days (an admin calendar may supply them; none by default). */
export type Holidays = Iterable<string>;

/** A business day: not a Saturday, a Sunday, or one of the holidays given. */
export function isBusinessDay(day: string, holidays: Holidays = []): boolean {
  const w = weekday(day);
  if (w === 0 || w === 6) return false;
  for (const h of holidays) if (h === day) return false;
  return true;
}

/**
 * The business day `n` business days after `day` (n > 0), or before it (n < 0). With n = 0: the
 * day itself if it is a business day, else the next one.
 */
export function addBusinessDays(day: string, n: number, holidays: Holidays = []): string {
  const off = new Set(holidays);
  const step = n < 0 ? -1 : 1;
  let d = day;
  if (n === 0) {
    while (!isBusinessDay(d, off)) d = addDays(d, 1);
    return d;
  }
  for (let left = Math.abs(n); left > 0;) {
    d = addDays(d, step);
    if (isBusinessDay(d, off)) left--;
  }
  return d;
}

/** Business days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function businessDaysBetween(from: string, to: string, holidays: Holidays = []): number {
  const off = new Set(holidays);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isBusinessDay(d, off)) count++;
  return count;
}

/** Which days count toward a span of hours (notice periods): weekends and the holidays given may be left out. */
export type CountedDays = { holidays?: Holidays; weekendsCount?: boolean; holidaysCount?: boolean };

function dayCounts(day: string, rule: CountedDays, off: Set<string>): boolean {
  const w = weekday(day);
  if (!rule.weekendsCount && (w === 0 || w === 6)) return false;
  if (!rule.holidaysCount && off.has(day)) return false;
  return true;
}

/**
 * The latest instant that lies `hours` counted hours before `instant`, where only the time on
 * counted days (county wall clock) counts: with weekends and holidays left out, 24 hours before
 * a Monday 10:00 meeting with the Friday a holiday is the Thursday at 10:00.
 */
export function countedHoursBefore(instant: Date, hours: number, rule: CountedDays = {}, zone = COUNTY_TIME_ZONE): Date {
  const off = new Set(rule.holidays ?? []);
  let remaining = Math.max(0, hours) * 3_600_000;
  let cursor = instant.getTime();
  if (remaining === 0) return new Date(cursor);
  // A run of days none of which counts would never end: stop after ten years of them.
  for (let guard = 0; guard < 3660; guard++) {
    const day = countyDay(cursor - 1, zone);
    const dayStart = startOfCountyDay(day, zone).getTime();
    if (dayCounts(day, rule, off)) {
      const available = cursor - dayStart;
      if (available >= remaining) return new Date(cursor - remaining);
      remaining -= available;
    }
    cursor = dayStart;
  }
  return new Date(cursor);
}

// ---------------------------------------------------------------- wall clock ↔ instant

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

/** Offset of the zone from UTC at an instant, in minutes (Chicago in winter: -360). */
export function zoneOffsetMinutes(instant: Date, zone = COUNTY_TIME_ZONE): number {
  return Math.round(zoneOffsetMs(instant, zone) / 60000);
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

/**
 * A form's date-time: a datetime-local value read as county wall time, or a full ISO timestamp
 * with its own zone ("…Z", "…-05:00") taken as is. Null when empty or not a date.
 */
export function parseDateTimeInput(value: string | null | undefined, zone = COUNTY_TIME_ZONE): Date | null {
  if (!value) return null;
  if (/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return countyDateTimeToDate(value, zone);
}

/** "2026-03-08" + "14:30" on the county's wall clock → the instant (the day must be valid). */
export function countyTimeToDate(day: string, time = "12:00", zone = COUNTY_TIME_ZONE): Date {
  const d = countyDateTimeToDate(`${day}T${time}`, zone);
  if (!d) throw new RangeError(`not a county date-time: ${day}T${time}`);
  return d;
}

/** The first instant of a county day (midnight there; 01:00 on a day whose midnight DST skips). */
export function startOfCountyDay(day: string, zone = COUNTY_TIME_ZONE): Date {
  return countyTimeToDate(day, "00:00", zone);
}

/** The end of a county day, exclusive: the first instant of the next day. `at < endOfCountyDay(d)` is "on or before d". */
export function endOfCountyDay(day: string, zone = COUNTY_TIME_ZONE): Date {
  return startOfCountyDay(addDays(day, 1), zone);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The instant as a datetime-local value in the county ("2026-03-10T18:00", or with ":ss"), to fill a form. */
export function toCountyDateTimeValue(instant: Date | string, zone = COUNTY_TIME_ZONE, withSeconds = false): string {
  const w = wallTimeAt(new Date(instant), zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}${withSeconds ? `:${pad(w.second)}` : ""}`;
}

/** "YYYY-MM-DDTHH:MM" for a county day `days` from today at a whole hour: fixtures' "in 20 days at 18:00". */
export function countyWallTime(days: number, hour: number, minute = 0, zone = COUNTY_TIME_ZONE): string {
  return `${addDays(countyToday(zone), days)}T${pad(hour)}:${pad(minute)}`;
}

// ---------------------------------------------------------------- formatting

/** The Intl locale for a page language: US English and US Spanish (the county's), others as given. */
export function intlLocale(language: string | undefined): string {
  if (!language || language === "en") return "en-US";
  if (language === "es") return "es-US";
  return language;
}

type Instant = Date | string | number;
type DateStyle = "short" | "medium" | "long" | "full";

const isPlainDay = (value: unknown): value is string => typeof value === "string" && DAY_RE.test(value);

/**
 * A date in the reader's language. A plain day ("2026-04-01") has no zone and is shown as that
 * calendar day; an instant is shown as its day in the county. Empty for a missing value.
 */
export function formatDate(value: Instant | null | undefined, locale: string, style: DateStyle = "medium"): string {
  if (value === null || value === undefined || value === "") return "";
  if (isPlainDay(value)) return dateTimeFormat(intlLocale(locale), { dateStyle: style, timeZone: "UTC" }).format(dayToUtcDate(value));
  return dateTimeFormat(intlLocale(locale), { dateStyle: style, timeZone: COUNTY_TIME_ZONE }).format(new Date(value));
}

/**
 * A count of days in the reader's language, the one way a day count is shown: 0 is "today" /
 * "hoy" (never "0 days"), then "1 day", "12 days" / "1 día", "12 días". Sentences that need a
 * different wording for the same day ("answered the same day") use an i18n `_zero` key instead.
 */
export function formatDayCount(days: number, locale: string): string {
  const lng = intlLocale(locale);
  if (days === 0) return relativeTimeFormat(lng, { numeric: "auto" }).format(0, "day");
  return numberFormat(lng, { style: "unit", unit: "day", unitDisplay: "long" }).format(days);
}

/** "2026-03" → "March 2026" / "marzo de 2026". */
export function formatMonth(month: string, locale: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return dateTimeFormat(intlLocale(locale), { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export type DateTimeOptions = { dateStyle?: DateStyle; timeStyle?: "short" | "medium"; zoneName?: boolean };

/**
 * A date and time in the county, in the reader's language ("Mar 8, 2026, 6:30 PM"); with
 * zoneName the zone's short name follows ("… 6:30 PM CDT"). Empty for a missing value.
 */
export function formatDateTime(value: Instant | null | undefined, locale: string, options: DateTimeOptions = {}): string {
  if (value === null || value === undefined || value === "") return "";
  const { dateStyle = "medium", timeStyle = "short", zoneName = false } = options;
  const date = new Date(value);
  const text = dateTimeFormat(intlLocale(locale), { dateStyle, timeStyle, timeZone: COUNTY_TIME_ZONE }).format(date);
  return zoneName ? `${text} ${zoneAbbreviation(date, locale)}` : text;
}

/** A time of day in the county ("6:30 PM"). */
export function formatTime(value: Instant, locale: string): string {
  return dateTimeFormat(intlLocale(locale), { timeStyle: "short", timeZone: COUNTY_TIME_ZONE }).format(new Date(value));
}

/** The county zone's short name at an instant ("CST", "CDT"; "GMT-5" where a language has no name). */
export function zoneAbbreviation(instant: Instant, locale = "en", zone = COUNTY_TIME_ZONE): string {
  return (
    dateTimeFormat(intlLocale(locale), { timeZone: zone, timeZoneName: "short" })
      .formatToParts(new Date(instant))
      .find((p) => p.type === "timeZoneName")?.value ?? zone
  );
}

/** From–to on one line: "Tuesday, March 10, 2026 at 6:00 PM – 8:00 PM (CDT)" (the end's day is assumed the same). */
export function formatDateTimeRange(starts: Instant, ends: Instant, locale: string): string {
  const start = formatDateTime(starts, locale, { dateStyle: "full" });
  return `${start} – ${formatTime(ends, locale)} (${zoneAbbreviation(starts, locale)})`;
}

/** Locale-neutral "2026-03-10 18:00 (America/Chicago)" for texts read in either language (notifications). */
export function formatNeutralDateTime(instant: Instant, zone = COUNTY_TIME_ZONE): string {
  return `${toCountyDateTimeValue(new Date(instant), zone).replace("T", " ")} (${zone})`;
}
