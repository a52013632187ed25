import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localized } from "~/modules/metrics";
import { valueText, YearChange } from "~/modules/metrics/ui/year-change";
import type { PointState } from "~/modules/metrics";

export type FigureData = {
  key: string;
  year: number;
  priorYear: number | null;
  value: { value: number | null; state: PointState };
  count: { value: number | null; state: PointState };
  base: { value: number | null; state: PointState } | null;
  change: Parameters<typeof YearChange>[0]["change"];
  measure: { key: string; nameEn: string; nameEs: string; unit: "count" | "percent" };
};

/** The measure page that shows a year's figure: one year, by year. */
export const measureHref = (key: string, year: number) => `/dashboard/${key}?grain=year&year=${year}`;

/**
 * One published figure of the report: the measure's name, its value as the dashboard shows it
 * (a hidden cell in the dashboard's words), its change on the year before, and a link to the
 * measure page that shows the same number.
 */
export function ReportFigure({ figure, withCount = false }: { figure: FigureData; withCount?: boolean }) {
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const href = measureHref(figure.key, figure.year);
  return (
    <div className="report-figure" data-figure={figure.key}>
      <dt>
        <Link to={href}>{localized(figure.measure, "name", locale)}</Link>
      </dt>
      <dd>
        <strong className="report-value" data-state={figure.value.state}>
          {valueText(figure.value, figure.measure.unit, t, locale)}
        </strong>
        {withCount && figure.measure.unit === "percent" ? (
          <span className="report-count" data-count-state={figure.count.state}>
            {" "}
            {t("annual.countOf", {
              n: valueText(figure.count, "count", t, locale),
              base: figure.base ? valueText(figure.base, "count", t, locale) : "",
            })}
          </span>
        ) : null}
        <span className="report-change">
          {" "}
          <YearChange change={figure.change} priorYear={figure.priorYear} />
        </span>
        <span className="report-source">
          {" "}
          <a href={href} data-source="">
            {t("annual.source")}
          </a>
        </span>
      </dd>
    </div>
  );
}
