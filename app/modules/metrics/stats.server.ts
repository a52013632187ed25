/**
 * Time to decision and to disposition: the distribution of days from referral to the filing
 * decision, and from referral to disposition, by year of referral (a cohort, like the case
 * measures), in total and by race/ethnicity.
 *
 * These are not counts, but a quantile of a handful of cases describes individuals: a year's (or a
 * group's) quantiles are published only when its base has at least MIN_PUBLIC_COUNT cases, else it
 * is "insufficient" and no quantile is stored at all. The base itself is never published (it is a
 * count outside the publication). Decided in publishMetrics, in the same transaction as the cells;
 * pages, the CSV and the API read metric_published_stats and nothing else.
 *
 * Quantiles are nearest-rank (PostgreSQL percentile_disc): the smallest observed number of days
 * with at least p% of the base at or below it, so every figure is a whole number of days.
 */
import { asc, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { metricPublishedStats } from "~/db/schema/metrics";
import { MIN_PUBLIC_COUNT } from "~/utils/suppression";
import { RACE_ETHNICITIES } from "./catalogue";

export const DAY_STATS = ["decision_days", "disposition_days"] as const;
export type DayStatKey = (typeof DAY_STATS)[number];
export const DAY_QUANTILES = ["p25", "p50", "p75", "p90"] as const;

export type DayStat = { state: "shown" | "insufficient"; p25: number | null; p50: number | null; p75: number | null; p90: number | null };
export type DayStatRow = DayStat & { stat: DayStatKey; period: string; dimension: "" | "race"; value: string };

const INSUFFICIENT: DayStat = { state: "insufficient", p25: null, p50: null, p75: null, p90: null };

/** Recomputes the published distributions from the case rows and replaces the stored ones (caller's transaction). */
export async function publishDayStats(tx: DbOrTx, now = new Date()) {
  const years = (await tx.execute<{ y: string }>(sql`select distinct to_char(received_date, 'YYYY') as y from metric_cases order by 1`)).map((r) => r.y);
  const found = await tx.execute<{ k: DayStatKey; y: string; r: string | null; n: number; p25: number; p50: number; p75: number; p90: number }>(sql`
    with d as (
      select to_char(received_date, 'YYYY') as y, race_ethnicity as r,
        least(filed_date, declined_date) - received_date as decision,
        disposed_date - received_date as disposition
      from metric_cases
    ), s as (
      select 'decision_days' as k, y, r, decision as days from d where decision >= 0
      union all
      select 'disposition_days' as k, y, r, disposition as days from d where disposition >= 0
    )
    select k, y, r, count(*)::int as n,
      percentile_disc(0.25) within group (order by days) as p25,
      percentile_disc(0.5) within group (order by days) as p50,
      percentile_disc(0.75) within group (order by days) as p75,
      percentile_disc(0.9) within group (order by days) as p90
    from s group by grouping sets ((k, y), (k, y, r))`);
  const byPlace = new Map(found.map((f) => [`${f.k}|${f.y}|${f.r ?? ""}`, f]));
  const rows: (typeof metricPublishedStats.$inferInsert)[] = [];
  const statOf = (k: DayStatKey, y: string, r: string): DayStat => {
    const f = byPlace.get(`${k}|${y}|${r}`);
    if (!f || Number(f.n) < MIN_PUBLIC_COUNT) return INSUFFICIENT;
    return { state: "shown", p25: Number(f.p25), p50: Number(f.p50), p75: Number(f.p75), p90: Number(f.p90) };
  };
  for (const k of DAY_STATS)
    for (const y of years) {
      rows.push({ statKey: k, period: y, dimension: "", value: "", ...statOf(k, y, ""), publishedAt: now });
      for (const r of RACE_ETHNICITIES) rows.push({ statKey: k, period: y, dimension: "race", value: r, ...statOf(k, y, r), publishedAt: now });
    }
  await tx.delete(metricPublishedStats);
  if (rows.length) await tx.insert(metricPublishedStats).values(rows);
  return rows.length;
}

/** Every published distribution, in order (stat, year, total before groups). */
export async function publishedDayStats(dbx: DbOrTx = db): Promise<{ rows: DayStatRow[]; publishedAt: string | null }> {
  const rows = await dbx
    .select()
    .from(metricPublishedStats)
    .orderBy(asc(metricPublishedStats.statKey), asc(metricPublishedStats.period), asc(metricPublishedStats.dimension));
  const order = (v: string) => (v === "" ? -1 : (RACE_ETHNICITIES as readonly string[]).indexOf(v));
  const out = rows
    .filter((r) => (DAY_STATS as readonly string[]).includes(r.statKey))
    .map((r): DayStatRow => ({
      stat: r.statKey as DayStatKey,
      period: r.period,
      dimension: r.dimension === "race" ? "race" : "",
      value: r.value,
      // Only a shown row carries numbers (an insufficient one has none stored either).
      ...(r.state === "shown" ? { state: "shown", p25: r.p25, p50: r.p50, p75: r.p75, p90: r.p90 } : INSUFFICIENT),
    }))
    .sort((a, b) => a.stat.localeCompare(b.stat) || a.period.localeCompare(b.period) || order(a.value) - order(b.value));
  const publishedAt = rows.reduce<Date | null>((acc, r) => (!acc || r.publishedAt > acc ? r.publishedAt : acc), null);
  return { rows: out, publishedAt: publishedAt?.toISOString() ?? null };
}

export type TimeToDecisionView = {
  years: string[];
  /** The year of the race/ethnicity tables (the one asked for, else the latest). */
  year: string | null;
  totals: Record<DayStatKey, { period: string; stat: DayStat }[]>;
  byRace: Record<DayStatKey, { value: string; stat: DayStat }[]>;
  publishedAt: string | null;
};

const statOnly = (r: DayStatRow): DayStat => ({ state: r.state, p25: r.p25, p50: r.p50, p75: r.p75, p90: r.p90 });

/** The time-to-decision page: every year's distribution in total, and one year's by race/ethnicity. */
export async function timeToDecisionView(year: number | null, dbx: DbOrTx = db): Promise<TimeToDecisionView> {
  const { rows, publishedAt } = await publishedDayStats(dbx);
  const years = [...new Set(rows.map((r) => r.period))].sort();
  const y = year !== null && years.includes(String(year)) ? String(year) : (years.at(-1) ?? null);
  const totals = Object.fromEntries(
    DAY_STATS.map((k) => [k, rows.filter((r) => r.stat === k && r.dimension === "").map((r) => ({ period: r.period, stat: statOnly(r) }))]),
  ) as TimeToDecisionView["totals"];
  const byRace = Object.fromEntries(
    DAY_STATS.map((k) => [k, rows.filter((r) => r.stat === k && r.dimension === "race" && r.period === y).map((r) => ({ value: r.value, stat: statOnly(r) }))]),
  ) as TimeToDecisionView["byRace"];
  return { years, year: y, totals, byRace, publishedAt };
}

/** The published distributions as the open-data API gives them (optionally one year). */
export async function apiDayStats(q: { year?: string | null }, dbx: DbOrTx = db) {
  if (q.year && !/^\d{4}$/.test(q.year)) return null;
  const { rows, publishedAt } = await publishedDayStats(dbx);
  return {
    publishedAt,
    minimumBase: MIN_PUBLIC_COUNT,
    stats: rows
      .filter((r) => !q.year || r.period === q.year)
      .map((r) => ({ stat: r.stat, period: r.period, dimension: r.dimension || null, value: r.value || null, ...statOnly(r) })),
  };
}

/** The CSV of /dashboard/time-to-decision: every published row; an insufficient one says so and has no figures. */
export function dayStatsCsvRows(rows: DayStatRow[]): string[][] {
  const header = ["measure", "year_referred", "group", "p25_days", "median_days", "p75_days", "p90_days"];
  return [
    header,
    ...rows.map((r) => [
      r.stat,
      r.period,
      r.dimension ? `${r.dimension}=${r.value}` : "all",
      ...(r.state === "shown"
        ? [String(r.p25), String(r.p50), String(r.p75), String(r.p90)]
        : ["insufficient data", "insufficient data", "insufficient data", "insufficient data"]),
    ]),
  ];
}

/** The year of the page's race/ethnicity tables, from ?year= (anything else is ignored). */
export function parseStatsYear(params: URLSearchParams): number | null {
  const y = Number(params.get("year"));
  return Number.isInteger(y) && y >= 1990 && y <= 2100 ? y : null;
}
