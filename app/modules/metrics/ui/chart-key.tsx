import { useTranslation } from "react-i18next";

/** What the chart's symbols mean (only those it uses), as text under it. */
export function ChartKey({ hatched, dashed, trend, markers }: { hatched?: boolean; dashed?: boolean; trend?: boolean; markers?: boolean }) {
  const { t } = useTranslation("metrics");
  if (!hatched && !dashed && !trend && !markers) return null;
  return (
    <ul className="chart-key">
      {hatched ? (
        <li>
          <span className="key-swatch key-hatched" aria-hidden="true" /> {t("charts.key.hatched")}
        </li>
      ) : null}
      {dashed ? (
        <li>
          <span className="key-swatch key-dashed" aria-hidden="true" /> {t("charts.key.dashed")}
        </li>
      ) : null}
      {trend ? (
        <li>
          <span className="key-swatch key-trend" aria-hidden="true" /> {t("charts.key.trend")}
        </li>
      ) : null}
      {markers ? (
        <li>
          <span className="key-swatch key-marker" aria-hidden="true" /> {t("charts.key.markers")}
        </li>
      ) : null}
    </ul>
  );
}
