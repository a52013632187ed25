import { DIMENSIONS, type Dimension } from "./catalogue";

type Translate = (key: string, options?: Record<string, unknown>) => string;

const isDimension = (key: string): key is Dimension => (DIMENSIONS as readonly string[]).includes(key);

/**
 * A figure's filters as a reader says them ("By year", "Year: 2025", "Race/ethnicity: Black"),
 * never the query string's codes (`grain: year`). Period first, then the year, then the rest.
 */
export function filterWords(filters: Record<string, string>, t: Translate): string[] {
  const order = (key: string) => (key === "grain" ? 0 : key === "year" ? 1 : key === "by" ? 3 : 2);
  return Object.entries(filters)
    .filter(([, value]) => value !== "")
    .sort(([a], [b]) => order(a) - order(b))
    .map(([key, value]) => {
      if (key === "grain") return t(`metrics:dashboard.grains.${value}`, { defaultValue: value });
      if (key === "year") return `${t("metrics:dashboard.year")}: ${value}`;
      if (key === "by") return `${t("metrics:dashboard.by")}: ${isDimension(value) ? t(`metrics:dims.${value}`) : value}`;
      if (isDimension(key)) return `${t(`metrics:dims.${key}`)}: ${t(`metrics:values.${key}.${value}`, { defaultValue: value })}`;
      return `${key}: ${value}`;
    });
}
