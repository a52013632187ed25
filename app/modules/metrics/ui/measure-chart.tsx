import { useTranslation } from "react-i18next";
import type { PublishedCell } from "~/utils/suppression";
import { colourOf, niceCeil, placeMarkers, pointOfCell, pointOfRate, type ChartMarker, type ChartSeries, type SeriesPoint } from "../charts";
import { localized } from "../format";
import { BarRows } from "./bar-rows";
import { ChartKey } from "./chart-key";
import { MarkerList, type MarkerItem } from "./marker-list";
import { TimeSeriesChart } from "./time-series-chart";

type MeasureLike = { key: string; nameEn: string; nameEs: string; unit: "count" | "percent" };
type TableLike = {
  periods: string[];
  columns: string[];
  table: { cells: PublishedCell[][] } | null;
  periodTotals: PublishedCell[];
  rates: (number | null)[] | null;
  groupRates: (number | null)[][] | null;
};
type MarkerLike = { date: string; kind: "policy" | "event"; titleEn: string; titleEs: string; descriptionEn: string; descriptionEs: string };

/**
 * A measure's chart as its page shows it: the series over time with its markers and trend, or,
 * broken down, one small chart per group on one scale (one bar row per group for a single year).
 * Counts or rates, as chosen; hidden cells drawn as what they are.
 */
export function MeasureChart({
  measure,
  table,
  show,
  grain,
  by,
  markers,
  target,
  valueLabel,
}: {
  measure: MeasureLike;
  table: TableLike;
  show: "rate" | "count";
  grain: string;
  by: string;
  markers: readonly MarkerLike[];
  target: number | null;
  valueLabel: (d: never, v: string) => string;
}) {
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const name = localized(measure, "name", locale);
  const grainLabel = t(`dashboard.grains.${grain}`);
  const unit = show === "rate" ? "percent" : "count";
  const periods = table.periods;
  const chartMarkers: ChartMarker[] = markers.map((m) => ({ date: m.date, kind: m.kind, label: localized(m, "title", locale) }));
  const placed = placeMarkers(periods, chartMarkers);
  const numbers = new Map(placed.map((m, i) => [`${m.date}|${m.label}`, i + 1]));
  const items: MarkerItem[] = placed.map((m, i) => {
    const row = markers.find((r) => r.date === m.date && localized(r, "title", locale) === m.label)!;
    return { number: i + 1, date: m.date, kind: m.kind, title: m.label, description: (locale === "es" && row.descriptionEs) || row.descriptionEn };
  });
  const total: ChartSeries = {
    key: "total",
    label: name,
    points: periods.map((p, i) => (show === "rate" ? pointOfRate(p, table.rates?.[i]) : pointOfCell(p, table.periodTotals[i]))),
  };
  const groups: ChartSeries[] =
    by && table.table
      ? table.columns.map((c, k) => ({
          key: c,
          label: valueLabel(by as never, c),
          points: periods.map((p, i) => (show === "rate" ? pointOfRate(p, table.groupRates?.[i]?.[k]) : pointOfCell(p, table.table!.cells[i]![k]))),
        }))
      : [];
  const drawn = groups.length ? groups : [total];
  const all: SeriesPoint[] = drawn.flatMap((s) => s.points);
  const hatched = all.some((p) => p.state === "fewer_than_11");
  const dashed = all.some((p) => p.state === "suppressed" || p.state === "withheld");
  const trend = !groups.length && grain !== "year" && periods.length >= 6;
  const seriesName = t(show === "rate" ? "dashboard.chartSeriesRate" : "dashboard.chartSeriesCount");
  const title = t("dashboard.chartTitle", { name, grain: grainLabel });
  const desc = t("dashboard.chartDesc", { series: seriesName, count: periods.length, first: periods[0] ?? "", last: periods.at(-1) ?? "" });
  const sharedMax = niceCeil(Math.max(1, ...all.map((p) => p.value ?? 0)));
  return (
    <>
      <h2>{title}</h2>
      <p className="muted chart-unit">{t(show === "rate" ? "charts.showingRate" : "charts.showingCount")}</p>
      {!groups.length ? (
        <figure className="metric-figure">
          <TimeSeriesChart
            id="measure-chart"
            title={title}
            desc={desc}
            series={total}
            unit={unit}
            markers={chartMarkers}
            markerNumbers={numbers}
            target={target}
            trend={trend}
          />
        </figure>
      ) : periods.length === 1 ? (
        <figure className="metric-figure" data-breakdown={by}>
          <BarRows
            id="measure-chart"
            title={title}
            desc={t("charts.breakdownDesc", { series: seriesName, count: groups.length, period: periods[0] })}
            unit={unit}
            groups={[{ key: periods[0]!, rows: groups.map((g, i) => ({ key: g.key, label: g.label, point: g.points[0]!, colour: colourOf(i) })) }]}
          />
        </figure>
      ) : (
        <figure className="metric-figure" data-breakdown={by}>
          <figcaption className="muted">{t("charts.smallMultiples", { count: groups.length })}</figcaption>
          <div className="small-multiples">
            {groups.map((g, i) => (
              <div className="small-multiple" key={g.key}>
                <h3 className="small-multiple-title">
                  <span className="key-dot" style={{ background: colourOf(i) }} aria-hidden="true" /> {g.label}
                </h3>
                {g.points.every((p) => p.state !== "shown") ? <p className="muted small-multiple-note">{t("charts.noneShown")}</p> : null}
                <TimeSeriesChart
                  id={`measure-chart-${g.key}`}
                  title={`${title}: ${g.label}`}
                  desc={desc}
                  series={g}
                  unit={unit}
                  markers={chartMarkers}
                  markerNumbers={numbers}
                  compact
                  max={sharedMax}
                  colour={colourOf(i)}
                />
              </div>
            ))}
          </div>
        </figure>
      )}
      <ChartKey hatched={hatched} dashed={dashed} trend={trend} markers={items.length > 0} />
      <MarkerList id="measure-markers" markers={items} />
    </>
  );
}
