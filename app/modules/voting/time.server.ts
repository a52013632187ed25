/**
 * Times typed into forms (<input type="datetime-local">) are wall-clock times in the
 * office's time zone (APP_TIME_ZONE, default UTC); they are stored as UTC instants.
 */
export function appTimeZone() {
  const tz = process.env.APP_TIME_ZONE || "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz;
  } catch {
    return "UTC";
  }
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

function offsetMs(instant: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** "2026-05-03T17:00" (wall clock in timeZone) → Date, or null when malformed. */
export function parseLocalDateTime(value: string, timeZone = appTimeZone()): Date | null {
  const m = LOCAL_DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = offsetMs(guess, timeZone);
  let instant = guess - first;
  const second = offsetMs(instant, timeZone);
  if (second !== first) instant = guess - second;
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Date → "2026-05-03T17:00" (or with ":ss") in timeZone, for a datetime-local input's value. */
export function toLocalDateTimeValue(date: Date, timeZone = appTimeZone(), withSeconds = false) {
  const local = new Date(date.getTime() + offsetMs(date.getTime(), timeZone));
  return local.toISOString().slice(0, withSeconds ? 19 : 16);
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
