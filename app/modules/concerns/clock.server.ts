/**
 * The response clock: how long a concern has waited for the office.
 *
 * Definition (also shown on /dashboard/response-time):
 * - A concern is ANSWERED the first time its status history records an outcome: documented,
 *   not documented, referred, responded or closed. Publishing an office response that links
 *   a concern moves it to "responded", so a published response counts from its publication.
 *   "Under review" is an acknowledgement, not an answer.
 * - Days to respond = county calendar days from the day it was submitted to the day it was
 *   first answered (same day = 0). An open concern has waited from submission to today.
 * - Merged duplicates are left out (their wait is the concern they joined); hidden concerns too.
 * - The dashboard groups answered concerns by the month they were answered (county calendar)
 *   and publishes the median (the middle value; the mean of the two middle ones for an even count).
 */
import { sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { COUNTY_TIME_ZONE } from "~/utils/clock";

export const ANSWER_STATUSES = ["documented", "not_documented", "referred", "responded", "closed"] as const;

const TZ = sql.raw(`'${COUNTY_TIME_ZONE}'`);
const ANSWERS = sql.raw(ANSWER_STATUSES.map((s) => `'${s}'`).join(", "));

/** One row per countable concern: submitted and first-answered county days. */
const clockRows = (where = sql`true`) => sql`
  select c.id, c.number,
    (c.created_at at time zone ${TZ})::date as submitted,
    (select (min(h.created_at) at time zone ${TZ})::date from concern_status_history h where h.concern_id = c.id and h.status in (${ANSWERS})) as answered
  from concerns c
  where ${where}`;

export type ConcernClock = { submittedDay: string; answeredDay: string | null; days: number };

/** The clock of one concern, by its public number (what its tracking page shows). */
export async function concernClockByNumber(number: number, dbx: DbOrTx = db): Promise<ConcernClock | null> {
  const rows = await dbx.execute<{ submitted: string; answered: string | null; days: number }>(sql`
    select r.submitted::text as submitted, r.answered::text as answered,
      (coalesce(r.answered, (now() at time zone ${TZ})::date) - r.submitted)::int as days
    from (${clockRows(sql`c.number = ${number}`)}) r`);
  const row = rows[0];
  if (!row) return null;
  return { submittedDay: row.submitted, answeredDay: row.answered, days: Math.max(0, Number(row.days)) };
}

export type ResponseTimeMonth = { month: string; answered: number; medianDays: number };

/** Concerns answered per month (county calendar) and their median days to respond. Not suppressed: callers publish. */
export async function medianDaysToRespondByMonth(
  range: { year?: number | null } = {},
  dbx: DbOrTx = db,
): Promise<{ months: ResponseTimeMonth[]; overall: { answered: number; medianDays: number | null } }> {
  const yearFilter = range.year ? sql`and extract(year from r.answered) = ${range.year}` : sql``;
  const base = sql`(${clockRows(sql`not c.hidden and c.duplicate_of_id is null`)}) r where r.answered is not null ${yearFilter}`;
  const [rows, overall] = await Promise.all([
    dbx.execute<{ month: string; n: number; median: number }>(sql`
    select to_char(r.answered, 'YYYY-MM') as month, count(*)::int as n, percentile_cont(0.5) within group (order by r.answered - r.submitted) as median
    from ${base} group by 1 order by 1`),
    overallDaysToRespond(range, dbx),
  ]);
  return { months: rows.map((r) => ({ month: r.month, answered: Number(r.n), medianDays: Number(r.median) })), overall };
}

/** Concerns answered (in a year, or ever) and their median days to respond, in one scan. Not suppressed: callers publish. */
export async function overallDaysToRespond(range: { year?: number | null } = {}, dbx: DbOrTx = db): Promise<{ answered: number; medianDays: number | null }> {
  const yearFilter = range.year ? sql`and extract(year from r.answered) = ${range.year}` : sql``;
  const [all] = await dbx.execute<{ n: number; median: number | null }>(sql`
    select count(*)::int as n, percentile_cont(0.5) within group (order by r.answered - r.submitted) as median
    from (${clockRows(sql`not c.hidden and c.duplicate_of_id is null`)}) r where r.answered is not null ${yearFilter}`);
  return { answered: Number(all?.n ?? 0), medianDays: all?.median === null || all?.median === undefined ? null : Number(all.median) };
}

/** Concerns not answered yet: how many, and the median days they have waited so far. */
export async function stillWaiting(dbx: DbOrTx = db): Promise<{ count: number; medianDays: number | null }> {
  const [row] = await dbx.execute<{ n: number; median: number | null }>(sql`
    select count(*)::int as n, percentile_cont(0.5) within group (order by (now() at time zone ${TZ})::date - r.submitted) as median
    from (${clockRows(sql`not c.hidden and c.duplicate_of_id is null`)}) r where r.answered is null`);
  return { count: Number(row?.n ?? 0), medianDays: row?.median === null || row?.median === undefined ? null : Number(row.median) };
}

/** Years in which concerns were answered, for the dashboard's year filter. */
export async function responseYears(dbx: DbOrTx = db): Promise<number[]> {
  const rows = await dbx.execute<{ y: number }>(sql`
    select distinct extract(year from r.answered)::int as y from (${clockRows(sql`not c.hidden and c.duplicate_of_id is null`)}) r where r.answered is not null order by 1`);
  return rows.map((r) => Number(r.y));
}

/**
 * Every countable concern (not hidden, not a merged duplicate) with the county month it was
 * received ("YYYY-MM-01") and its ZIP: the base of the concern loop (responses/loop.server.ts).
 * Staff-only: callers publish counts of them, never the rows.
 */
export async function loopConcerns(dbx: DbOrTx = db): Promise<{ id: string; month: string; zip: string }[]> {
  const rows = await dbx.execute<{ id: string; month: string; zip: string }>(sql`
    select c.id, to_char(c.created_at at time zone ${TZ}, 'YYYY-MM-01') as month, c.zip
    from concerns c where not c.hidden and c.duplicate_of_id is null`);
  return rows.map((r) => ({ id: r.id, month: r.month, zip: r.zip }));
}
