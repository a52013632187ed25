import { useTranslation } from "react-i18next";
import {
  EVENT_COLOUR,
  GRID,
  INK,
  POLICY_COLOUR,
  colourOf,
  movingAverage,
  niceCeil,
  pct,
  placeMarkers,
  tickStep,
  type ChartMarker,
  type ChartSeries,
  type ChartUnit,
} from "../charts";
import { formatChartValue, periodTickLabel } from "../format";

/**
 * One series over time, drawn on the server as SVG: columns, a trend line (a three-period moving
 * average, for monthly and quarterly series), numbered markers for policy changes and events, and
 * hidden cells drawn as what they are. No viewBox: x is a share of the width and text is at its
 * real size, so a phone and a projector both read it. The table beside it carries every figure.
 */
export function TimeSeriesChart({
  id,
  title,
  desc,
  series,
  unit,
  markers = [],
  markerNumbers,
  target = null,
  trend = false,
  compact = false,
  max: sharedMax,
  colour = colourOf(0),
}: {
  id: string;
  title: string;
  desc: string;
  series: ChartSeries;
  unit: ChartUnit;
  markers?: readonly ChartMarker[];
  /** The number each marker carries (its place in the list under the chart), by date + label. */
  markerNumbers?: Map<string, number>;
  target?: number | null;
  trend?: boolean;
  compact?: boolean;
  /** A shared y maximum (small multiples are drawn on one scale). */
  max?: number;
  colour?: string;
}) {
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const points = series.points;
  const n = points.length;
  const periods = points.map((p) => p.period);
  const placed = placeMarkers(periods, markers);
  const monthly = /^\d{4}-(\d{2}|Q\d)$/.test(periods[0] ?? "");
  const height = compact ? 170 : 280;
  const top = placed.length ? 34 : 20;
  const bottom = monthly ? 44 : 26;
  const plotH = height - top - bottom;
  const base = top + plotH;
  const dataMax = Math.max(1, target ?? 0, ...points.map((p) => p.value ?? 0));
  const max = niceCeil(sharedMax ?? dataMax);
  const y = (v: number) => top + plotH - (Math.min(v, max) / max) * plotH;
  const slot = n ? 1 / n : 1;
  const barShare = Math.min(slot * 0.64, 0.16);
  const centre = (i: number) => (i + 0.5) * slot;
  const fmt = (v: number) => formatChartValue(v, unit, locale);
  const ticks = compact ? [0, max] : [0, max / 2, max];
  // Labels: at most 12 (wide) or 6 (narrow) across; a container query picks which set shows.
  const wideStep = tickStep(n, compact ? 6 : 12);
  const narrowStep = tickStep(n, compact ? 4 : 6);
  // Value labels over the bars where they fit: always (a 300 px box), only on wider boxes (700 px), or never.
  const labelChars = Math.max(3, ...points.map((p) => (p.value === null ? 4 : formatChartValue(p.value, unit, locale).length)));
  const labelPx = labelChars * 8 + 6;
  // With a trend line the figures are in the table: labels over the bars would sit on the line.
  const valueLabels = !trend && 700 / Math.max(1, n) >= labelPx;
  const valueClass = 300 / Math.max(1, n) >= labelPx ? "chart-halo" : "chart-halo val-wide-only";
  const avg = trend ? movingAverage(points) : [];
  const smallHeight = Math.max(14, base - y(10));
  const patternId = `${id}-hatch`;
  return (
    <div className="chart-box">
      <svg
        className="metric-chart"
        width="100%"
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-chart="time-series"
        data-series={series.key}
        style={{ overflow: "visible" }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <defs>
          <pattern id={patternId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#4a5563" strokeWidth="2" />
          </pattern>
        </defs>
        {ticks.map((tk) => (
          <line key={tk} x1="0" x2="100%" y1={y(tk)} y2={y(tk)} stroke={tk === 0 ? INK : GRID} />
        ))}
        {points.map((p, i) => {
          const x = centre(i) - barShare / 2;
          const key = p.period;
          if (p.state === "shown" && p.value !== null) {
            return (
              <g key={key} data-period={p.period} data-state="shown" data-value={p.value}>
                <rect x={pct(x)} y={y(p.value)} width={pct(barShare)} height={Math.max(0, base - y(p.value))} fill={colour} stroke={INK} strokeWidth="0.5" />
                {valueLabels ? (
                  <text x={pct(centre(i))} y={y(p.value) - 5} fontSize="13" fill={INK} textAnchor="middle" className={valueClass}>
                    {fmt(p.value)}
                  </text>
                ) : null}
              </g>
            );
          }
          // A hidden figure is a short stub at the baseline (hatched: fewer than 11), never a bar of a guessed height.
          const small = p.state === "fewer_than_11";
          const boxTop = small && unit === "count" ? base - smallHeight : base - 18;
          return (
            <g key={key} data-period={p.period} data-state={p.state}>
              <title>{t(`charts.state.${p.state}`)}</title>
              <rect
                x={pct(x)}
                y={boxTop}
                width={pct(barShare)}
                height={base - boxTop}
                fill={small ? `url(#${patternId})` : "none"}
                stroke="#4a5563"
                strokeDasharray={small ? undefined : "4 3"}
              />
              {valueLabels ? (
                <text x={pct(centre(i))} y={boxTop - 5} fontSize="13" fill={INK} textAnchor="middle" className={valueClass}>
                  {t(`charts.short.${p.state}`)}
                </text>
              ) : null}
            </g>
          );
        })}
        {avg.map((v, i) => {
          const next = avg[i + 1];
          if (v === null || v === undefined || next === null || next === undefined) return null;
          return <line key={`avg-${i}`} x1={pct(centre(i))} x2={pct(centre(i + 1))} y1={y(v)} y2={y(next)} stroke={INK} strokeWidth="2.5" data-trend="" />;
        })}
        {ticks
          .filter((tk) => tk !== 0)
          .map((tk) => (
            // Axis labels over the plot (after the bars, with a halo): the plot keeps the full width.
            <text key={`y-${tk}`} x="0" y={y(tk) - 4} fontSize="13" fill={INK} className="chart-halo" data-axis="y">
              {fmt(tk)}
            </text>
          ))}
        {target ? (
          <g data-target={target}>
            <line x1="0" x2="100%" y1={y(target)} y2={y(target)} stroke={POLICY_COLOUR} strokeWidth="2" strokeDasharray="6 4" />
            <text x="100%" y={y(target) - 5} textAnchor="end" fontSize="13" fill="#8a3500" className="chart-halo">
              {t("charts.target", { value: fmt(target) })}
            </text>
          </g>
        ) : null}
        {placed.map((m) => {
          const number = markerNumbers?.get(`${m.date}|${m.label}`);
          const c = m.kind === "policy" ? POLICY_COLOUR : EVENT_COLOUR;
          return (
            <g key={`${m.date}-${m.label}`} data-marker={m.kind} data-date={m.date} data-at={pct(m.at)}>
              <title>{`${m.date}: ${m.label}`}</title>
              <line x1={pct(m.at)} x2={pct(m.at)} y1={top - 8} y2={base} stroke={c} strokeWidth="2" strokeDasharray="5 3" />
              <circle cx={pct(m.at)} cy={top - 18} r="10" fill="#ffffff" stroke={c} strokeWidth="2" />
              <text x={pct(m.at)} y={top - 14} fontSize="13" fontWeight="700" fill={INK} textAnchor="middle">
                {number ?? "•"}
              </text>
            </g>
          );
        })}
        {points.map((p, i) => {
          const label = periodTickLabel(p.period, locale, i === 0 || points[i - 1]!.period.slice(0, 4) !== p.period.slice(0, 4));
          const hide = `${i % wideStep ? "tick-hide-wide" : ""} ${i % narrowStep ? "tick-hide-narrow" : ""}`;
          return (
            <text key={`tick-${p.period}`} x={pct(centre(i))} y={base + 17} fontSize="13" fill={INK} textAnchor="middle" className={`tick ${hide}`}>
              {label.main}
              {label.year ? (
                <tspan x={pct(centre(i))} dy="16">
                  {label.year}
                </tspan>
              ) : null}
            </text>
          );
        })}
      </svg>
    </div>
  );
}
