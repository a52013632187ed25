/**
 * The two public dashboard sections this module publishes: the office's response clock and the
 * drug charging decisions that cite the policy. The page and its CSV read the same function, so
 * they publish exactly the same (suppressed) numbers.
 */
import { medianDaysToRespondByMonth, overallDaysToRespond, responseYears, stillWaiting } from "~/modules/concerns/index.server";
import { cellPlainText, isSmallCount, MIN_PUBLIC_COUNT, suppressSeries, suppressTable, type PublishedCell } from "~/modules/metrics";
import { drugCitationCountsByMonth } from "~/modules/policies/index.server";
import { CITATION_COLUMNS } from "./citation-columns";
export { CITATION_COLUMNS };

export function parseYear(params: URLSearchParams): number | null {
  const y = Number(params.get("year"));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : null;
}

/** A count on its own (no total beside it): 1..10 is "fewer than 11". */
function single(n: number): PublishedCell {
  return isSmallCount(n) ? { value: null, state: "primary" } : { value: n, state: "shown" };
}

export type ResponseTimeTable = {
  months: { month: string; answered: PublishedCell; medianDays: number | null }[];
  total: PublishedCell;
  overallMedian: number | null;
  waiting: { count: PublishedCell; medianDays: number | null };
  years: number[];
};

/**
 * Median days to respond by month answered. Counts go through the metrics suppression (series
 * with its total); a median is published only for a month with at least 11 answered concerns,
 * since the middle of a handful of waits describes individual residents' concerns.
 */
export async function responseTimeTable(year: number | null): Promise<ResponseTimeTable> {
  const [{ months, overall }, waiting, years] = await Promise.all([medianDaysToRespondByMonth({ year }), stillWaiting(), responseYears()]);
  const series = suppressSeries(months.map((m) => m.answered));
  return {
    months: months.map((m, i) => ({ month: m.month, answered: series.cells[i]!, medianDays: m.answered >= MIN_PUBLIC_COUNT ? m.medianDays : null })),
    total: series.total,
    overallMedian: overall.answered >= MIN_PUBLIC_COUNT ? overall.medianDays : null,
    waiting: { count: single(waiting.count), medianDays: waiting.count >= MIN_PUBLIC_COUNT ? waiting.medianDays : null },
    years,
  };
}

export type DrugCitationTable = {
  months: string[];
  cells: PublishedCell[][];
  monthTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  grandTotal: PublishedCell;
  years: number[];
};

/** Drug charging decisions by month × (filed citing a documented concern, filed on a connection to violence, declined), suppressed as one table with its margins. */
export async function drugCitationTable(year: number | null): Promise<DrugCitationTable> {
  const all = await drugCitationCountsByMonth();
  const years = [...new Set(all.map((r) => Number(r.month.slice(0, 4))))].sort();
  const sorted = all.filter((r) => !year || r.month.startsWith(`${year}-`)).sort((a, b) => a.month.localeCompare(b.month));
  const table = suppressTable(sorted.map((r) => CITATION_COLUMNS.map((c) => r[c])));
  return {
    months: sorted.map((r) => r.month),
    cells: table.cells,
    monthTotals: table.rowTotals,
    columnTotals: table.colTotals,
    grandTotal: table.grandTotal,
    years,
  };
}

/** A published cell as CSV text, as the metrics CSVs write it. */
export function csvCell(c: PublishedCell) {
  return cellPlainText(c);
}

/** It moves by a day over weeks: ten minutes old is current enough, and each refresh is a scan of every concern. */
const USUAL_TTL_MS = 10 * 60_000;
let usual: { at: number; days: Promise<number | null> } | null = null;
let refreshing = false;

/**
 * How long the office usually takes: the median days to respond that /dashboard/response-time
 * publishes (all years; null when it publishes none). The concern form and its confirmation
 * show it, and a resident's form must not wait on a scan of every concern: it is worked out (one
 * query: the overall figure only) at most every ten minutes per process, in the background while
 * the last figure is still served (only a process's very first form waits for it).
 */
const publishedOverallMedian = async () => {
  const overall = await overallDaysToRespond();
  return overall.answered >= MIN_PUBLIC_COUNT ? overall.medianDays : null;
};

export function usualDaysToRespond(): Promise<number | null> {
  const now = Date.now();
  if (!usual) {
    const days = publishedOverallMedian();
    // A failure is not remembered: the next request tries again.
    days.catch(() => (usual = null));
    usual = { at: now, days };
  } else if (now - usual.at > USUAL_TTL_MS && !refreshing) {
    refreshing = true;
    const last = usual;
    publishedOverallMedian()
      .then((days) => (usual = { at: Date.now(), days: Promise.resolve(days) }))
      // Keep serving the last figure; try again after another minute.
      .catch(() => (last.at = Date.now()))
      .finally(() => (refreshing = false));
  }
  return usual.days;
}
