import { formatNumber, formatPercent } from "./format";

export type ChartPoint = { label: string; value: number | null; hiddenLabel?: string };

/**
 * A bar chart drawn on the server as SVG: no client JavaScript. It is one image with a title and
 * a description for screen readers; the data table right below it carries the figures.
 */
export function BarChart({
  id,
  title,
  desc,
  points,
  unit,
  target,
  locale,
}: {
  id: string;
  title: string;
  desc: string;
  points: ChartPoint[];
  unit: "count" | "percent";
  target?: number | null;
  locale: string;
}) {
  const width = 720;
  const height = 300;
  const left = 64;
  const right = 16;
  const top = 16;
  const bottom = 64;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, target ?? 0, ...points.map((p) => p.value ?? 0));
  const niceMax = niceCeil(max);
  const y = (v: number) => top + plotH - (v / niceMax) * plotH;
  const slot = points.length ? plotW / points.length : plotW;
  const barW = Math.max(2, Math.min(48, slot * 0.7));
  const fmt = (v: number) => (unit === "percent" ? formatPercent(v, locale) : formatNumber(v, locale));
  const ticks = [0, niceMax / 2, niceMax];
  const labelEvery = Math.ceil(points.length / 14);
  return (
    <svg
      className="metric-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      width="100%"
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {ticks.map((tk) => (
        <g key={tk}>
          <line x1={left} x2={width - right} y1={y(tk)} y2={y(tk)} stroke="#c9d1da" />
          <text x={left - 6} y={y(tk) + 4} textAnchor="end" fontSize="12" fill="#1b1f24">
            {fmt(tk)}
          </text>
        </g>
      ))}
      {points.map((p, i) => {
        const x = left + i * slot + (slot - barW) / 2;
        return (
          <g key={p.label}>
            {p.value === null ? (
              <rect x={x} y={top + plotH - 12} width={barW} height={12} fill="none" stroke="#4a5563" strokeDasharray="3 2" />
            ) : (
              <rect x={x} y={y(p.value)} width={barW} height={Math.max(0, top + plotH - y(p.value))} fill="#1d4e89" />
            )}
            {i % labelEvery === 0 ? (
              <text
                x={x + barW / 2}
                y={height - bottom + 16}
                fontSize="11"
                fill="#1b1f24"
                textAnchor="end"
                transform={`rotate(-45 ${x + barW / 2} ${height - bottom + 16})`}
              >
                {p.label}
              </text>
            ) : null}
          </g>
        );
      })}
      {target ? (
        <g>
          <line x1={left} x2={width - right} y1={y(target)} y2={y(target)} stroke="#9c3d00" strokeWidth="2" strokeDasharray="6 4" />
          <text x={width - right} y={y(target) - 4} textAnchor="end" fontSize="12" fill="#9c3d00">
            {fmt(target)}
          </text>
        </g>
      ) : null}
      <line x1={left} x2={width - right} y1={top + plotH} y2={top + plotH} stroke="#1b1f24" />
    </svg>
  );
}

function niceCeil(v: number) {
  if (v <= 1) return v <= 0 ? 1 : v;
  const exp = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= v) return m * exp;
  return 10 * exp;
}
