import type { TFunction } from "i18next";
import { hiddenTextKey, type PublishedCell } from "~/modules/metrics";

export function formatNumber(n: number, locale: string) {
  return n.toLocaleString(locale === "es" ? "es-US" : "en-US");
}

export function formatPercent(rate: number, locale: string) {
  return `${(rate * 100).toLocaleString(locale === "es" ? "es-US" : "en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
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
