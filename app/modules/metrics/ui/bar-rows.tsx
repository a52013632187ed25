import { useTranslation } from "react-i18next";
import { GRID, INK, colourOf, niceCeil, pct, type ChartUnit, type SeriesPoint } from "../charts";
import { formatChartValue } from "../format";

export type BarRow = { key: string; label: string; point: SeriesPoint; colour?: string; note?: string };
export type BarRowGroup = { key: string; heading?: string; rows: BarRow[] };

/**
 * Categorical figures as horizontal bars, one row each with its label above it and its value at
 * its end (direct labels, no legend), in SVG drawn on the server. Rows stack, so the chart reads
 * the same on a 390 px phone and a projector; a group of rows per period gives grouped bars.
 * A hidden figure is drawn as a hatched stub labelled "fewer than 11" (or why it is hidden).
 */
export function BarRows({
  id,
  title,
  desc,
  groups,
  unit,
  max: fixedMax,
  reference,
  referenceLabel,
  format,
}: {
  id: string;
  title: string;
  desc: string;
  groups: BarRowGroup[];
  unit: ChartUnit;
  max?: number;
  /** A vertical reference line (parity, a target) with its label. */
  reference?: number;
  referenceLabel?: string;
  format?: (v: number) => string;
}) {
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const fmt = format ?? ((v: number) => formatChartValue(v, unit, locale));
  const all = groups.flatMap((g) => g.rows);
  const max = fixedMax ?? niceCeil(Math.max(1, reference ?? 0, ...all.map((r) => r.point.value ?? 0)));
  const room = 0.7;
  const share = (v: number) => (Math.min(v, max) / max) * room;
  const rowH = 42;
  const headH = 30;
  let y = 4;
  const layout = groups.map((g) => {
    const head = g.heading ? y + 18 : null;
    if (g.heading) y += headH;
    const rows = g.rows.map((r) => {
      const top = y;
      y += rowH;
      return { ...r, top };
    });
    y += 8;
    return { ...g, head, rows };
  });
  const height = y + 4;
  const patternId = `${id}-hatch`;
  return (
    <div className="chart-box">
      <svg
        className="metric-chart"
        width="100%"
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-chart="bar-rows"
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
        {reference !== undefined ? (
          <g data-reference={reference}>
            <line x1={pct(share(reference))} x2={pct(share(reference))} y1={0} y2={height} stroke={GRID} strokeWidth="2" />
          </g>
        ) : null}
        {layout.map((g) => (
          <g key={g.key} data-group={g.key}>
            {g.head !== null && g.heading ? (
              <text x="0" y={g.head} fontSize="15" fontWeight="700" fill={INK}>
                {g.heading}
              </text>
            ) : null}
            {g.rows.map((r, i) => {
              const p = r.point;
              const colour = r.colour ?? colourOf(i);
              const barY = r.top + 20;
              const shown = p.state === "shown" && p.value !== null;
              const w = shown ? share(p.value!) : 0.03;
              return (
                <g key={r.key} data-series={r.key} data-state={p.state} data-value={shown ? p.value! : undefined}>
                  <text x="0" y={r.top + 14} fontSize="14" fill={INK}>
                    {r.label}
                  </text>
                  {shown ? (
                    <rect x="0" y={barY} width={pct(w)} height="16" fill={colour} stroke={INK} strokeWidth="0.5" />
                  ) : (
                    <rect
                      x="0"
                      y={barY}
                      width={pct(w)}
                      height="16"
                      fill={p.state === "fewer_than_11" ? `url(#${patternId})` : "none"}
                      stroke="#4a5563"
                      strokeDasharray={p.state === "fewer_than_11" ? undefined : "4 3"}
                    />
                  )}
                  <text x={pct(w)} dx="6" y={barY + 13} fontSize="13" fill={INK} fontWeight={shown ? "600" : "400"}>
                    {shown ? fmt(p.value!) : t(`charts.state.${p.state}`)}
                    {r.note ? ` ${r.note}` : ""}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
        {reference !== undefined && referenceLabel ? (
          <text x={pct(share(reference))} dx="4" y={height - 2} fontSize="12" fill={INK} className="chart-halo">
            {referenceLabel}
          </text>
        ) : null}
      </svg>
    </div>
  );
}
