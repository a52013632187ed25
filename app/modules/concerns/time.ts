import { COUNTY_TIME_ZONE, countyDay as countyDayOf } from "~/utils/time-zone";
import { dateTimeFormat } from "~/utils/intl";

/** The county's clock (~/utils/time-zone): observed dates, months and policy dates are local days here. */
export { COUNTY_TIME_ZONE };

function offsetMinutes(date: Date, timeZone: string) {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return (asUtc - date.getTime()) / 60000;
}

/** "2026-03-08" + "14:30" on the county's wall clock → the instant. */
export function countyTimeToDate(day: string, time = "12:00", timeZone = COUNTY_TIME_ZONE): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60000);
}

/** The county's calendar day of an instant, "YYYY-MM-DD". */
export function countyDay(date: Date, timeZone = COUNTY_TIME_ZONE): string {
  return countyDayOf(date, timeZone);
}

export function isValidDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
