import type { TFunction } from "i18next";

type Cell = { value: number | null; state: "shown" | "primary" | "complementary" };

export function formatNumber(n: number, locale: string) {
  return n.toLocaleString(locale === "es" ? "es-US" : "en-US");
}

export function formatPercent(rate: number, locale: string) {
  return `${(rate * 100).toLocaleString(locale === "es" ? "es-US" : "en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** A published count as a reader sees it: the number, or why it is hidden. */
export function cellText(cell: Cell, t: TFunction, locale: string) {
  if (cell.state === "primary") return t("metrics:dashboard.fewerThan11");
  if (cell.state === "complementary" || cell.value === null) return t("metrics:dashboard.suppressed");
  return formatNumber(cell.value, locale);
}

/** Measure text in the reader's language. */
export function localized<T extends Record<string, unknown>>(row: T, field: string, locale: string): string {
  const es = row[`${field}Es`];
  const en = row[`${field}En`];
  return String((locale === "es" ? es : en) ?? en ?? "");
}
