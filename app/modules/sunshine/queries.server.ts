import { and, asc, eq, gte, lte } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { sunshineExceptions, sunshineHolidays, sunshineSettings } from "~/db/schema/sunshine";
import { addBusinessDays, countedHoursBefore, countyDay, type Holidays } from "~/utils/clock";
import { MISSOURI_DEFAULTS, type ClosedException, type Holiday, type SunshineRules } from "./index";

/** The open-meetings rules in force (the Missouri defaults until an admin changes them). */
export async function sunshineRules(tx: DbOrTx = db): Promise<SunshineRules & { updatedAt: Date | null }> {
  const [row] = await tx.select().from(sunshineSettings).where(eq(sunshineSettings.id, 1));
  if (!row) return { ...MISSOURI_DEFAULTS, updatedAt: null };
  return {
    noticeHours: row.noticeHours,
    weekendsCount: row.weekendsCount,
    holidaysCount: row.holidaysCount,
    recordsBusinessDays: row.recordsBusinessDays,
    updatedAt: row.updatedAt,
  };
}

/** The county's holidays from one day to another (inclusive), as "YYYY-MM-DD" days: what the clock's business-day functions take. */
export async function countyHolidays(fromDay: string, toDay: string, tx: DbOrTx = db): Promise<string[]> {
  const rows = await tx
    .select({ day: sunshineHolidays.day })
    .from(sunshineHolidays)
    .where(and(gte(sunshineHolidays.day, fromDay), lte(sunshineHolidays.day, toDay)))
    .orderBy(asc(sunshineHolidays.day));
  return rows.map((r) => r.day);
}

/** Every holiday on the calendar, with its names (for the admin page and notices). */
export async function listHolidays(tx: DbOrTx = db): Promise<Holiday[]> {
  return tx
    .select({ day: sunshineHolidays.day, nameEn: sunshineHolidays.nameEn, nameEs: sunshineHolidays.nameEs })
    .from(sunshineHolidays)
    .orderBy(asc(sunshineHolidays.day));
}

/** The holidays a span of instants may touch (a margin of two months before, for long weekends). */
async function holidaysAround(from: Date, to: Date, tx: DbOrTx): Promise<Holidays> {
  const first = countyDay(new Date(from.getTime() - 62 * 86_400_000));
  return countyHolidays(first, countyDay(to), tx);
}

/**
 * The latest moment notice of a meeting may be posted: the rules' hours before it, not counting
 * (by default) Saturdays, Sundays or the county's holidays.
 */
export async function noticeDeadline(meetingStart: Date, tx: DbOrTx = db): Promise<Date> {
  const rules = await sunshineRules(tx);
  const holidays = await holidaysAround(meetingStart, meetingStart, tx);
  return countedHoursBefore(meetingStart, rules.noticeHours, { holidays, weekendsCount: rules.weekendsCount, holidaysCount: rules.holidaysCount });
}

/** The day a records request received at `receivedAt` must be answered by: the rules' business days later (county calendar). */
export async function recordsDueDate(receivedAt: Date, tx: DbOrTx = db): Promise<string> {
  const rules = await sunshineRules(tx);
  const from = countyDay(receivedAt);
  const holidays = await countyHolidays(from, countyDay(new Date(receivedAt.getTime() + (rules.recordsBusinessDays * 3 + 30) * 86_400_000)), tx);
  return addBusinessDays(from, rules.recordsBusinessDays, holidays);
}

const exceptionColumns = {
  code: sunshineExceptions.code,
  citation: sunshineExceptions.citation,
  titleEn: sunshineExceptions.titleEn,
  titleEs: sunshineExceptions.titleEs,
  descriptionEn: sunshineExceptions.descriptionEn,
  descriptionEs: sunshineExceptions.descriptionEs,
  active: sunshineExceptions.active,
};

/** The reasons a meeting may be closed; `activeOnly` for what may be chosen now. */
export async function listClosedExceptions(options: { activeOnly?: boolean } = {}, tx: DbOrTx = db): Promise<ClosedException[]> {
  return tx
    .select(exceptionColumns)
    .from(sunshineExceptions)
    .where(options.activeOnly ? eq(sunshineExceptions.active, true) : undefined)
    .orderBy(asc(sunshineExceptions.position), asc(sunshineExceptions.code));
}

/** One exception by its code (retired ones too: old meetings cite them), or null. */
export async function getClosedException(code: string, tx: DbOrTx = db): Promise<ClosedException | null> {
  const [row] = await tx.select(exceptionColumns).from(sunshineExceptions).where(eq(sunshineExceptions.code, code));
  return row ?? null;
}
