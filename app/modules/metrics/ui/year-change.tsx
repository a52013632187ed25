import { useTranslation } from "react-i18next";
import { formatChartValue, formatDecimal, formatNumber } from "../format";
import type { PointState } from "../charts";

type Change =
  { status: "ok"; from: number; to: number; change: number; unit: "count" | "percent" } | { status: "hidden"; reason: string } | { status: "no_prior" };

/** A measure's change against the prior year, in words (or why it cannot be shown). */
export function YearChange({ change, priorYear }: { change: Change; priorYear: number | null }) {
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  if (change.status === "no_prior" || priorYear === null) return <span className="year-change muted">{t("home.noPrior")}</span>;
  if (change.status === "hidden")
    return (
      <span className="year-change muted" data-change="hidden">
        {t("home.changeHidden", { year: priorYear })}
      </span>
    );
  const { from, to, unit } = change;
  const diff = to - from;
  const direction = Math.abs(diff) < 1e-9 ? "same" : diff > 0 ? "up" : "down";
  const before = formatChartValue(from, unit, locale);
  if (direction === "same") return <span className="year-change">{t("home.changeSame", { year: priorYear, before })}</span>;
  const amount =
    unit === "percent"
      ? t("home.points", { n: formatDecimal(Math.abs(diff), locale, 1, true) })
      : from > 0
        ? t("home.countChange", {
            n: formatNumber(Math.abs(diff), locale),
            pct: formatDecimal(Math.abs(diff / from) * 100, locale, 1, true),
          })
        : formatNumber(Math.abs(diff), locale);
  return (
    <span className="year-change" data-change={direction}>
      <span aria-hidden="true">{direction === "up" ? "▲ " : "▼ "}</span>
      {t(`home.change_${direction}`, { amount, year: priorYear, before })}
    </span>
  );
}

/** A year's published value as text: the figure, or why it is hidden. */
export function valueText(point: { value: number | null; state: PointState } | null, unit: "count" | "percent", t: (k: string) => string, locale: string) {
  if (!point) return t("dashboard.noData");
  if (point.state === "shown" && point.value !== null) return formatChartValue(point.value, unit, locale);
  return t(`charts.state.${point.state}`);
}
