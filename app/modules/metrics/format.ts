import type { TFunction } from "i18next";
import { hiddenTextKey, type PublishedCell } from "~/utils/suppression";

const intlLocale = (locale: string) => (locale === "es" ? "es-US" : "en-US");

// toLocaleString with options builds a new formatter on every call (a chart draws hundreds of
// figures): one formatter per language and style instead, same output.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, style: string, options: Intl.NumberFormatOptions) {
  const key = `n${style}${locale}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(intlLocale(locale), options)));
  return f;
}
function dateFormat(locale: string, style: string, options: Intl.DateTimeFormatOptions) {
  const key = `d${style}${locale}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), options)));
  return f;
}

export function formatNumber(n: number, locale: string) {
  return numberFormat(locale, "plain", {}).format(n);
}

export function formatPercent(rate: number, locale: string) {
  return `${numberFormat(locale, "pct", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate * 100)}%`;
}

/** A number with exactly `digits` decimals (an index, a ratio), or up to `digits` with `upTo`. */
export function formatDecimal(n: number, locale: string, digits: number, upTo = false) {
  const options = upTo ? { maximumFractionDigits: digits } : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  return numberFormat(locale, `${upTo ? "max" : "fix"}${digits}`, options).format(n);
}

/** A chart's value: a count, or a percentage already in percent (0–100). */
export function formatChartValue(v: number, unit: "count" | "percent", locale: string) {
  if (unit === "percent") return `${numberFormat(locale, "pct1", { maximumFractionDigits: 1 }).format(v)}%`;
  return numberFormat(locale, "int", { maximumFractionDigits: 0 }).format(v);
}

/** A period as an axis label: "Mar" (+ "2025" under the first of a year), "Q1" (+ year), or "2025". */
export function periodTickLabel(period: string, locale: string, withYear: boolean): { main: string; year: string | null } {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const name = dateFormat(locale, "short", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15)));
    return { main: name.replace(".", ""), year: withYear ? m[1]! : null };
  }
  const q = /^(\d{4})-(Q\d)$/.exec(period);
  if (q) return { main: q[2]!, year: withYear ? q[1]! : null };
  return { main: period, year: null };
}

/** A period in words, for tables and marker lists: "March 2025", "2025 Q1", "2025". */
export function periodName(period: string, locale: string) {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return dateFormat(locale, "long", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15)));
  return period.replace("-", " ");
}

/** A published count as a reader sees it: the number, or why it is hidden. */
export function cellText(cell: PublishedCell, t: TFunction, locale: string) {
  const key = hiddenTextKey(cell);
  return key ? t(`metrics:${key}`) : formatNumber(cell.value!, locale);
}

/** Measure text in the reader's language. */
export function localized<T extends Record<string, unknown>>(row: T, field: string, locale: string): string {
  const es = row[`${field}Es`];
  const en = row[`${field}En`];
  return String((locale === "es" ? es : en) ?? en ?? "");
}

/**
 * A yearly program count against its yearly target ("452 of 500 (90.4%)"), one per period; null
 * where the count is hidden (or there is no target). Reads the published cells, counts nothing.
 */
export function targetProgress(yearlyTarget: number | null | undefined, cells: PublishedCell[]) {
  if (!yearlyTarget) return null;
  return cells.map((c) => (c.state === "shown" && c.value !== null ? { count: c.value, target: yearlyTarget, share: c.value / yearlyTarget } : null));
}
