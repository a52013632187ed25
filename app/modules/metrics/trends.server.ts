import { db, type DbOrTx } from "~/db/client.server";
import { countyToday } from "~/utils/clock";
import { publishedRate, type PublishedCell } from "~/utils/suppression";
import { pointOfCell, pointOfRate, type SeriesPoint } from "./charts";
import { cellKey } from "./publication";
import { cachedByPublication, publishedCells } from "./publication.server";
import type { Measure } from "./queries.server";

/** The measures the office leads with, at the top of the dashboard. */
export const LEAD_MEASURES = ["referred", "filed", "drug_filed", "p4p_referrals"] as const;

export type YearChange =
  | { status: "ok"; from: number; to: number; change: number; unit: "count" | "percent" }
  | { status: "hidden"; reason: "from_hidden" | "to_hidden" | "both_hidden" }
  | { status: "no_prior" };

export type MeasureTrend = {
  key: string;
  /** The year compared and the one before (the latest complete year: a year under way is not compared with a whole one). */
  year: number | null;
  priorYear: number | null;
  /** The year's published value: a count, or a rate in percent. */
  value: SeriesPoint | null;
  change: YearChange;
  /** The last 24 published months (count, or rate in percent). */
  months: SeriesPoint[];
};

const EMPTY: PublishedCell = { value: 0, state: "shown" };

/**
 * Every measure's small trend and its change against the prior year, from the published cells
 * alone: a count is a published cell; a rate is a published cell over a published cell, withheld
 * when either is hidden; a change is shown only when both years' values are.
 */
export async function dashboardTrends(measures: Measure[], dbx: DbOrTx = db): Promise<MeasureTrend[]> {
  const thisYear = Number(countyToday().slice(0, 4));
  // Shaped once per publication (and county year, and set of measures as defined now).
  const key = `trends\u0000${thisYear}\u0000${JSON.stringify(measures.map((m) => [m.key, m.unit, m.denominatorKey]))}`;
  return cachedByPublication(key, () => shapeTrends(measures, thisYear, dbx), dbx);
}

async function shapeTrends(measures: Measure[], thisYear: number, dbx: DbOrTx): Promise<MeasureTrend[]> {
  const keys = [...new Set(measures.flatMap((m) => [m.key, ...(m.unit === "percent" && m.denominatorKey ? [m.denominatorKey] : [])]))];
  const cells = await publishedCells(keys, ["month", "year"], dbx);
  // Each measure's own published years and months (the concern loop's years are not the cases'; a
  // period a measure has no cell for is not shown as a 0).
  const yearsOf = new Map<string, number[]>();
  const monthsOf = new Map<string, string[]>();
  for (const k of cells.keys()) {
    const [key, grain, period, dim] = k.split("|");
    if (dim !== "") continue;
    if (grain === "year") (yearsOf.get(key!) ?? yearsOf.set(key!, []).get(key!)!).push(Number(period));
    if (grain === "month") (monthsOf.get(key!) ?? monthsOf.set(key!, []).get(key!)!).push(period!);
  }

  return measures.map((m) => {
    const years = (yearsOf.get(m.key) ?? []).sort((a, b) => a - b);
    const complete = years.filter((y) => y < thisYear);
    const year = complete.at(-1) ?? years.at(-1) ?? null;
    const priorYear = year !== null && years.includes(year - 1) ? year - 1 : null;
    const den = m.unit === "percent" ? m.denominatorKey : null;
    const at = (grain: "month" | "year", period: string): SeriesPoint => {
      const num = cells.get(cellKey(m.key, grain, period));
      if (!den) return pointOfCell(period, num);
      return pointOfRate(period, publishedRate(num ?? EMPTY, cells.get(cellKey(den, grain, period)) ?? EMPTY));
    };
    const value = year === null ? null : at("year", String(year));
    const change = year !== null && priorYear !== null && value ? yearChange(at("year", String(priorYear)), value, m.unit) : NO_PRIOR;
    const months = (monthsOf.get(m.key) ?? [])
      .filter((p) => year === null || Number(p.slice(0, 4)) <= year)
      .sort()
      .slice(-24);
    return { key: m.key, year, priorYear, value, change, months: months.map((p) => at("month", p)) };
  });
}

const NO_PRIOR: YearChange = { status: "no_prior" };

/** A year's change against the year before, in published figures only (hidden when either is). */
function yearChange(before: SeriesPoint, value: SeriesPoint, unit: Measure["unit"]): YearChange {
  if (before.state !== "shown" || value.state !== "shown")
    return {
      status: "hidden",
      reason: before.state !== "shown" && value.state !== "shown" ? "both_hidden" : before.state !== "shown" ? "from_hidden" : "to_hidden",
    };
  return { status: "ok", from: before.value!, to: value.value!, change: value.value! - before.value!, unit };
}

export type YearFigure = {
  key: string;
  year: number;
  priorYear: number | null;
  /** The year's published value: a count, or a rate in percent (withheld when a part is hidden). */
  value: SeriesPoint;
  /** The year's published count (for a percent measure, its numerator cell). */
  count: SeriesPoint;
  /** For a percent measure, the published count it is a share of. */
  base: SeriesPoint | null;
  change: YearChange;
};

/**
 * Each measure's published figure for one year and its change against the year before, read from
 * the publication exactly as dashboardTrends reads it (the annual report's headline and drug figures).
 */
export async function yearFigures(measures: Measure[], year: number, dbx: DbOrTx = db): Promise<YearFigure[]> {
  const keys = [...new Set(measures.flatMap((m) => [m.key, ...(m.unit === "percent" && m.denominatorKey ? [m.denominatorKey] : [])]))];
  const cells = await publishedCells(keys, ["year"], dbx);
  const has = (y: number) => [...cells.keys()].some((k) => k.includes(`|year|${y}||`));
  const priorYear = has(year - 1) ? year - 1 : null;
  return measures.map((m) => {
    const den = m.unit === "percent" ? m.denominatorKey : null;
    const at = (y: number): SeriesPoint => {
      const num = cells.get(cellKey(m.key, "year", String(y)));
      if (!den) return pointOfCell(String(y), num);
      return pointOfRate(String(y), publishedRate(num ?? EMPTY, cells.get(cellKey(den, "year", String(y))) ?? EMPTY));
    };
    const value = at(year);
    const change = priorYear !== null ? yearChange(at(priorYear), value, m.unit) : NO_PRIOR;
    return {
      key: m.key,
      year,
      priorYear,
      value,
      count: pointOfCell(String(year), cells.get(cellKey(m.key, "year", String(year)))),
      base: den ? pointOfCell(String(year), cells.get(cellKey(den, "year", String(year)))) : null,
      change,
    };
  });
}
