import { INK, colourOf, niceCeil, pct, type SeriesPoint } from "../charts";

/**
 * A small trend line of published points (no text inside: the figures are beside it). A hidden
 * point breaks the line and is drawn as an open circle at the baseline, never as 0.
 */
export function Sparkline({ points, label, colour = colourOf(0) }: { points: readonly SeriesPoint[]; label: string; colour?: string }) {
  const height = 44;
  const pad = 5;
  const max = niceCeil(Math.max(1, ...points.map((p) => p.value ?? 0)));
  const min = 0;
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (v - min) / (max - min));
  const n = points.length;
  const x = (i: number) => (n <= 1 ? 0.5 : 0.02 + (i / (n - 1)) * 0.96);
  return (
    <svg className="sparkline" width="100%" height={height} role="img" aria-label={label} data-chart="sparkline">
      <line x1="0" x2="100%" y1={height - pad} y2={height - pad} stroke="#c9d1da" />
      {points.map((p, i) => {
        const next = points[i + 1];
        if (!next || p.state !== "shown" || next.state !== "shown" || p.value === null || next.value === null) return null;
        return <line key={p.period} x1={pct(x(i))} x2={pct(x(i + 1))} y1={y(p.value)} y2={y(next.value)} stroke={colour} strokeWidth="2.5" />;
      })}
      {points.map((p, i) =>
        p.state !== "shown" ? (
          <circle key={`h-${p.period}`} cx={pct(x(i))} cy={height - pad} r="3" fill="#ffffff" stroke={INK} data-state={p.state} />
        ) : i === n - 1 && p.value !== null ? (
          <circle key={`e-${p.period}`} cx={pct(x(i))} cy={y(p.value)} r="3.5" fill={colour} />
        ) : null,
      )}
    </svg>
  );
}
