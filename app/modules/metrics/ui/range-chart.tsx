import { useTranslation } from "react-i18next";
import { GRID, INK, colourOf, niceCeil, pct } from "../charts";
import { formatNumber } from "../format";

/** One row's distribution in whole days, or "insufficient" (too few cases: no figures at all). */
export type RangeRow = {
  key: string;
  label: string;
  state: "shown" | "insufficient";
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p90: number | null;
};

/**
 * Distributions as horizontal box-and-whisker rows drawn on the server: a box from the 25th to
 * the 75th percentile, a thick line at the median, a whisker to the 90th. Each row has its label
 * and its median above it (direct labels, no legend), so it reads the same on a 390 px phone and
 * a projector; a row with too few cases is a dashed stub labelled "insufficient data".
 */
export function RangeChart({ id, title, desc, rows, unitLabel }: { id: string; title: string; desc: string; rows: RangeRow[]; unitLabel: string }) {
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const max = niceCeil(Math.max(1, ...rows.map((r) => r.p90 ?? 0)));
  const room = 0.96;
  const share = (v: number) => (Math.min(v, max) / max) * room;
  const rowH = 46;
  const top = 4;
  const axisY = top + rows.length * rowH + 6;
  const height = axisY + 34;
  // Whole-day ticks only (a tick at 12.5 labelled "13" would sit in the wrong place).
  const steps = [4, 5, 2].find((k) => max % k === 0) ?? 1;
  const ticks = Array.from({ length: steps + 1 }, (_, i) => (max / steps) * i);
  return (
    <div className="chart-box">
      <svg
        className="metric-chart"
        width="100%"
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-chart="range-rows"
        style={{ overflow: "visible" }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {ticks.map((v, i) => (
          <g key={v} className={i % 2 === 1 ? "tick-hide-narrow" : undefined}>
            <line x1={pct(share(v))} x2={pct(share(v))} y1={top} y2={axisY} stroke={GRID} strokeWidth="1" />
            <text x={pct(share(v))} y={axisY + 16} fontSize="13" fill={INK} textAnchor={i === 0 ? "start" : i === ticks.length - 1 ? "end" : "middle"}>
              {formatNumber(Math.round(v), locale)}
            </text>
          </g>
        ))}
        <text x={pct(room)} y={axisY + 32} fontSize="13" fill={INK} textAnchor="end">
          {unitLabel}
        </text>
        {rows.map((r, i) => {
          const y = top + i * rowH;
          const barY = y + 22;
          const colour = colourOf(0);
          const shown = r.state === "shown" && r.p25 !== null && r.p50 !== null && r.p75 !== null && r.p90 !== null;
          return (
            <g key={r.key} data-series={r.key} data-state={r.state} data-median={shown ? r.p50! : undefined}>
              <text x="0" y={y + 15} fontSize="14" fill={INK}>
                <tspan fontWeight="600">{r.label}</tspan>
                <tspan dx="8">{shown ? t("timeToDecision.chartMedian", { days: formatNumber(r.p50!, locale) }) : t("timeToDecision.insufficient")}</tspan>
              </text>
              {shown ? (
                <>
                  <line x1={pct(share(r.p75!))} x2={pct(share(r.p90!))} y1={barY + 8} y2={barY + 8} stroke={INK} strokeWidth="2" />
                  <line x1={pct(share(r.p90!))} x2={pct(share(r.p90!))} y1={barY + 2} y2={barY + 14} stroke={INK} strokeWidth="2" />
                  <rect
                    x={pct(share(r.p25!))}
                    y={barY}
                    width={pct(Math.max(0.004, share(r.p75!) - share(r.p25!)))}
                    height="16"
                    fill={colour}
                    fillOpacity="0.35"
                    stroke={colour}
                    strokeWidth="1.5"
                  />
                  <line x1={pct(share(r.p50!))} x2={pct(share(r.p50!))} y1={barY - 3} y2={barY + 19} stroke={INK} strokeWidth="3" />
                </>
              ) : (
                <rect x="0" y={barY} width={pct(0.03)} height="16" fill="none" stroke="#4a5563" strokeDasharray="4 3" />
              )}
            </g>
          );
        })}
        {rows.length === 0 ? null : <line x1="0" x2={pct(room)} y1={axisY} y2={axisY} stroke={INK} strokeWidth="1" />}
      </svg>
    </div>
  );
}
