/**
 * A visitor collecting every number the dashboard publishes: each measure's CSV for every
 * offered combination (totals by month, quarter and year; each yearly breakdown; each single
 * filter value), read into cells with their place (measure, grain, period, dimension, value).
 * The same place seen in two views must read the same everywhere (one publication).
 */
import type { Client } from "./app";
import { FEWER, SUPPRESSED, type SeenCell } from "./lp-audit";

export type CrawlMeasure = { key: string; kind: string; unit: string; denominatorKey?: string | null; dims: string[]; grains?: string[] };

export type Crawl = {
  cells: SeenCell[];
  requests: number;
  /** Places read differently by two views. */
  conflicts: string[];
  /** Rates shown although their count or denominator is hidden. */
  leakyRates: string[];
  /** Every value seen per dimension. */
  dims: Record<string, string[]>;
};

function splitCsv(text: string) {
  return text
    .trim()
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .map((l) => l.split(","));
}

export async function crawlPublication(client: Client, measures: CrawlMeasure[], years: string[]): Promise<Crawl> {
  const seen = new Map<string, SeenCell>();
  const conflicts: string[] = [];
  const rates: { num: string; den: string; where: string }[] = [];
  const dims: Record<string, Set<string>> = {};
  let requests = 0;
  const key = (c: Omit<SeenCell, "text">) => `${c.measure}|${c.grain}|${c.period}|${c.dim}|${c.value}`;
  const record = (c: SeenCell, where: string) => {
    const k = key(c);
    const before = seen.get(k);
    if (before && before.text !== c.text) conflicts.push(`${k}: "${before.text}" vs "${c.text}" (${where})`);
    if (!before) seen.set(k, c);
  };
  const fetchCsv = async (path: string) => {
    requests++;
    const res = await client.get(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return splitCsv(await res.text());
  };

  for (const m of measures) {
    const den = m.unit === "percent" ? (m.denominatorKey ?? null) : null;
    const offered = (g: string) => !m.grains || m.grains.includes(g);
    const views: { q: string; grain: SeenCell["grain"]; year?: string; by?: string; filter?: [string, string] }[] = [
      { q: "grain=year", grain: "year" },
      ...(offered("quarter") ? [{ q: "grain=quarter", grain: "quarter" as const }] : []),
      ...(offered("month") ? years.map((y) => ({ q: `grain=month&year=${y}`, grain: "month" as const, year: y })) : []),
      ...m.dims.map((d) => ({ q: `grain=year&by=${d}`, grain: "year" as const, by: d })),
    ];
    const readView = async (v: (typeof views)[number]) => {
      const path = `/dashboard/${m.key}/csv?${v.q}`;
      const [header, ...body] = await fetchCsv(path);
      const rateCol = header!.indexOf("rate_percent");
      for (const row of body) {
        const period = row[0]!;
        const isTotal = period === "total";
        const place = (dim: string, value: string): Omit<SeenCell, "text"> =>
          isTotal
            ? v.year
              ? { measure: m.key, grain: "year", period: v.year, dim, value }
              : { measure: m.key, grain: "all", period: "all", dim, value }
            : { measure: m.key, grain: v.grain, period, dim, value };
        let countPlace: Omit<SeenCell, "text"> | null = null;
        header!.forEach((h, i) => {
          if (i === 0 || i === rateCol) return;
          const text = row[i] ?? "";
          if (text === "") return; // column totals over all years are not published
          let p: Omit<SeenCell, "text">;
          if (h.includes("=")) {
            const [d, value] = h.split("=") as [string, string];
            (dims[d] ??= new Set()).add(value);
            p = place(d, value);
          } else if (v.filter && !isTotal) p = place(v.filter[0], v.filter[1]);
          else if (v.filter && isTotal) p = { measure: m.key, grain: "year", period: v.year!, dim: v.filter[0], value: v.filter[1] };
          else p = place("", "");
          if (h === "count" || h === "total") countPlace = p;
          record({ ...p, text }, path);
        });
        if (rateCol >= 0 && den && row[rateCol] !== "withheld" && countPlace) {
          const cp = countPlace as Omit<SeenCell, "text">;
          rates.push({ num: key(cp), den: key({ ...cp, measure: den }), where: `${path} ${period}` });
        }
      }
    };
    for (const v of views) await readView(v);
    // Every single-filter view the breakdowns offer (?race=native, …).
    for (const d of m.dims) {
      for (const value of dims[d] ?? []) {
        await readView({ q: `grain=year&${d}=${encodeURIComponent(value)}`, grain: "year", filter: [d, value] });
      }
    }
  }
  const leakyRates = rates
    .filter((r) => seen.get(r.num)?.text === FEWER || seen.get(r.num)?.text === SUPPRESSED || !seen.get(r.den) || /[a-z]/.test(seen.get(r.den)!.text))
    .map((r) => r.where);
  return {
    cells: [...seen.values()],
    requests,
    conflicts,
    leakyRates,
    dims: Object.fromEntries(Object.entries(dims).map(([d, s]) => [d, [...s]])),
  };
}

/**
 * The same visitor reading the open-data API (/api/v1): every offered combination of every
 * measure, as cells with their place. The API reads the same publication, so its cells must be
 * the CSVs' cells (the caller asserts the equality; the LP attack then covers both).
 */
export async function crawlApi(client: Client): Promise<{ cells: SeenCell[]; requests: number }> {
  const cells: SeenCell[] = [];
  let requests = 1;
  const { measures } = (await (await client.get("/api/v1/measures")).json()) as { measures: { key: string }[] };
  for (const m of measures) {
    requests++;
    const detail = (await (await client.get(`/api/v1/measures/${m.key}`)).json()) as { combinations: { cells: string }[] };
    for (const c of detail.combinations) {
      requests++;
      const res = await client.get(c.cells);
      if (res.status !== 200) throw new Error(`${c.cells}: ${res.status}`);
      const body = (await res.json()) as {
        grain: SeenCell["grain"];
        cells: { period: string; dimension: string | null; value: string | null; text: string }[];
      };
      for (const cell of body.cells)
        cells.push({ measure: m.key, grain: body.grain, period: cell.period, dim: cell.dimension ?? "", value: cell.value ?? "", text: cell.text });
    }
  }
  return { cells, requests };
}
