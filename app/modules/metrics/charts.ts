/**
 * Browser-safe pieces shared by the dashboard's charts: the series a chart draws (published cells,
 * never a guessed value), its markers, the palette, and the layout helpers.
 *
 * The charts are server-rendered SVG without a viewBox: x positions are percentages of the
 * chart's own width and y positions are pixels, so the text is always drawn at its real size
 * (never scaled down on a phone) and the plot stretches to the width it is given.
 */
import type { PublishedCell } from "~/utils/suppression";

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies; blue and vermillion first (≥ 3:1 on white). */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"] as const;
export const INK = "#1b1f24";
export const GRID = "#c9d1da";
export const POLICY_COLOUR = "#D55E00";
export const EVENT_COLOUR = "#6a3d9a";

/** How a point is drawn: a number, "fewer than 11" (primary), hidden to protect another cell (complementary), or a withheld rate. */
export type PointState = "shown" | "fewer_than_11" | "suppressed" | "withheld" | "insufficient";

export type SeriesPoint = { period: string; value: number | null; state: PointState };
export type ChartSeries = { key: string; label: string; points: SeriesPoint[] };
export type ChartMarker = { date: string; kind: "policy" | "event"; label: string; detail?: string };
export type ChartUnit = "count" | "percent";

/** A published count as a chart point. */
export function pointOfCell(period: string, cell: PublishedCell | undefined | null): SeriesPoint {
  if (!cell) return { period, value: 0, state: "shown" };
  if (cell.state === "primary") return { period, value: null, state: "fewer_than_11" };
  if (cell.state !== "shown" || cell.value === null) return { period, value: null, state: "suppressed" };
  return { period, value: cell.value, state: "shown" };
}

/** A published rate (0–1, or null when a part is hidden) as a chart point, in percent. */
export function pointOfRate(period: string, rate: number | null | undefined): SeriesPoint {
  return rate === null || rate === undefined ? { period, value: null, state: "withheld" } : { period, value: rate * 100, state: "shown" };
}

export function colourOf(i: number) {
  return PALETTE[i % PALETTE.length]!;
}

/** A rounded axis maximum (1, 2, 2.5, 5 × 10ⁿ). */
export function niceCeil(v: number) {
  if (v <= 1) return v <= 0 ? 1 : v;
  const exp = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= v - 1e-9) return m * exp;
  return 10 * exp;
}

/** Where in a period a day falls (0–1): the day's share of the month, quarter or year. */
function fractionOf(period: string, date: string): number | null {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const dayOfYear = (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000;
  const daysIn = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  if (/^\d{4}$/.test(period)) return period === String(y) ? dayOfYear / (daysIn(y, 2) === 29 ? 366 : 365) : null;
  if (/^\d{4}-Q[1-4]$/.test(period)) {
    const q = Number(period.slice(6));
    if (period.slice(0, 4) !== String(y) || Math.ceil(m / 3) !== q) return null;
    const start = Date.UTC(y, (q - 1) * 3, 1);
    const end = Date.UTC(y, q * 3, 1);
    return (Date.UTC(y, m - 1, d) - start) / (end - start);
  }
  if (/^\d{4}-\d{2}$/.test(period)) return period === `${y}-${String(m).padStart(2, "0")}` ? (d - 1) / daysIn(y, m) : null;
  return null;
}

/**
 * A marker's horizontal position as a share of the plot (0–1), or null when its day is outside
 * the periods shown. Periods are slots of equal width, in order.
 */
export function markerPosition(periods: readonly string[], date: string): number | null {
  for (let i = 0; i < periods.length; i++) {
    const f = fractionOf(periods[i]!, date);
    if (f !== null) return (i + f) / periods.length;
  }
  return null;
}

/** The markers that fall within the periods shown, with their position, in date order. */
export function placeMarkers(periods: readonly string[], markers: readonly ChartMarker[]) {
  return [...markers]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((m) => ({ ...m, at: markerPosition(periods, m.date) }))
    .filter((m): m is ChartMarker & { at: number } => m.at !== null);
}

/**
 * A centred three-period moving average of the shown points (null where any of the three is
 * hidden or missing): the trend line of a monthly series.
 */
export function movingAverage(points: readonly SeriesPoint[], span = 3): (number | null)[] {
  const half = Math.floor(span / 2);
  return points.map((_, i) => {
    if (i - half < 0 || i + half >= points.length) return null;
    const window = points.slice(i - half, i + half + 1);
    if (window.some((p) => p.state !== "shown" || p.value === null)) return null;
    return window.reduce((s, p) => s + p.value!, 0) / span;
  });
}

/** Every how many labels to keep so that at most `room` show. */
export function tickStep(n: number, room: number) {
  return Math.max(1, Math.ceil(n / room));
}

/** x as an SVG percentage attribute. */
export function pct(share: number) {
  return `${Math.round(share * 100000) / 1000}%`;
}
