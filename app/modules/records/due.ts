import { addBusinessDays, addDays, countyDay, weekday } from "~/utils/clock";

/** Business days a public body has to act on a records request (RSMo 610.023.3: "no later than the end of the third business day following the date the request is received"). */
export const RECORDS_BUSINESS_DAYS = 3;

const pad = (n: number) => String(n).padStart(2, "0");
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The n-th given weekday (0 Sunday … 6 Saturday) of a month; n = -1 for the last one. */
function nthWeekday(y: number, m: number, dow: number, n: number): string {
  if (n > 0) {
    const first = day(y, m, 1);
    const shift = (dow - weekday(first) + 7) % 7;
    return addDays(first, shift + 7 * (n - 1));
  }
  const last = addDays(day(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1), -1);
  return addDays(last, -((weekday(last) - dow + 7) % 7));
}

/** A fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. */
function observed(d: string): string {
  const w = weekday(d);
  return w === 6 ? addDays(d, -1) : w === 0 ? addDays(d, 1) : d;
}

/** Missouri's state holidays (RSMo 9.010) as observed in a year: the default calendar. */
export function missouriHolidays(year: number): string[] {
  return [
    observed(day(year, 1, 1)), // New Year's Day
    nthWeekday(year, 1, 1, 3), // Martin Luther King Jr. Day
    observed(day(year, 2, 12)), // Lincoln Day
    nthWeekday(year, 2, 1, 3), // Washington's Birthday
    observed(day(year, 5, 8)), // Truman Day
    nthWeekday(year, 5, 1, -1), // Memorial Day
    observed(day(year, 7, 4)), // Independence Day
    nthWeekday(year, 9, 1, 1), // Labor Day
    nthWeekday(year, 10, 1, 2), // Columbus Day
    observed(day(year, 11, 11)), // Veterans Day
    nthWeekday(year, 11, 4, 4), // Thanksgiving Day
    observed(day(year, 12, 25)), // Christmas Day
  ].sort();
}

/**
 * THE holiday source of the records clock: the county's holidays from `fromDay` to `toDay`
 * (inclusive, "YYYY-MM-DD"). For now Missouri's state holidays (RSMo 9.010).
 *
 * Integration note: another engineer is building an admin-managed holiday calendar in a
 * `sunshine` module exporting `countyHolidays(fromDay, toDay)` and `recordsDueDate(receivedAt)`.
 * When it lands, this function becomes a call to `countyHolidays` (and `recordsDueOn` may
 * delegate to `recordsDueDate`); nothing else in this module reads holidays.
 */
export function holidaysFor(fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  for (let y = Number(fromDay.slice(0, 4)) - 1; y <= Number(toDay.slice(0, 4)) + 1; y++) {
    for (const h of missouriHolidays(y)) if (h >= fromDay && h <= toDay) out.push(h);
  }
  return out;
}

/** The county day a request received at `receivedAt` must be answered by (end of that day). */
export function recordsDueOn(receivedAt: Date): string {
  const received = countyDay(receivedAt);
  // Three business days never span more than a month, even around the winter holidays.
  return addBusinessDays(received, RECORDS_BUSINESS_DAYS, holidaysFor(received, addDays(received, 31)));
}
