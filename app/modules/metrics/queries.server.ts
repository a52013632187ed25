import { createHash } from "node:crypto";
import { asc, desc, eq, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { metricImports, metricMeasures, metricSnapshots } from "~/db/schema/metrics";
import { displayNameOf } from "~/modules/auth/index.server";
import { publishedRate, type PublishedCell } from "~/utils/suppression";
import { DIMENSION_VALUES, DIMENSIONS, GRAINS, RACE_ETHNICITIES, type Dimension, type Grain } from "./catalogue";
import { breakdownDimensionsOf, cellKey, grainsOf, hasDimensions } from "./publication";
import { cachedByPublication, publishedCells, publishedValues, publishedYears } from "./publication.server";
import { RRI_STAGES, relativeRateIndex, type RriRow, type RriStage, type StageCounts } from "./rri";

export type Measure = typeof metricMeasures.$inferSelect;

export type DashboardFilters = {
  grain: Grain;
  year: number | null;
  dims: Partial<Record<Dimension, string>>;
  by: Dimension | "";
};

const VALUE_PATTERN: Record<Dimension, RegExp> = {
  offense: /^[a-z_]+$/,
  race: /^[a-z_]+$/,
  sex: /^[a-z_]+$/,
  age: /^[a-z0-9_]+$/,
  agency: /^[A-Z0-9][A-Z0-9 _-]{0,39}$/,
  zip: /^\d{5}$/,
};

/** Reads the GET filter form; anything unrecognised is ignored rather than an error. */
export function parseDashboardFilters(params: URLSearchParams): DashboardFilters {
  const grainParam = params.get("grain");
  const grain = (GRAINS as readonly string[]).includes(grainParam ?? "") ? (grainParam as Grain) : "year";
  const yearParam = Number(params.get("year"));
  const year = Number.isInteger(yearParam) && yearParam >= 1990 && yearParam <= 2100 ? yearParam : null;
  const dims: Partial<Record<Dimension, string>> = {};
  for (const d of DIMENSIONS) {
    const v = params.get(d)?.trim();
    if (!v) continue;
    const fixed = DIMENSION_VALUES[d];
    if (fixed ? fixed.includes(v) : VALUE_PATTERN[d].test(v)) dims[d] = v;
  }
  const byParam = params.get("by") ?? "";
  const by = (DIMENSIONS as readonly string[]).includes(byParam) ? (byParam as Dimension) : "";
  return { grain, year, dims, by };
}

/** Program measures have no breakdowns: drop what does not apply, so the page says what it shows. */
export function filtersFor(measure: Pick<Measure, "kind">, f: DashboardFilters): DashboardFilters {
  return hasDimensions(measure) ? f : { ...f, dims: {}, by: "" };
}

export function filtersToSearch(f: DashboardFilters, extra: Record<string, string> = {}) {
  const p = new URLSearchParams();
  p.set("grain", f.grain);
  if (f.year) p.set("year", String(f.year));
  for (const [k, v] of Object.entries(f.dims)) if (v) p.set(k, v);
  if (f.by) p.set("by", f.by);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

export async function listMeasures(dbx: DbOrTx = db) {
  return dbx
    .select()
    .from(metricMeasures)
    .where(sql`${metricMeasures.kind} <> 'context'`)
    .orderBy(asc(metricMeasures.sortOrder));
}

export async function getMeasure(key: string, dbx: DbOrTx = db) {
  const [m] = await dbx.select().from(metricMeasures).where(eq(metricMeasures.key, key));
  return m && m.kind !== "context" ? m : null;
}

export type NotOffered =
  "two_dimensions" | "breakdown_by_year_only" | "no_offense_for_drug" | "dimension_not_published" | "year_only" | "unknown_value" | "totals_only";

/**
 * Whether the publication contains this view of the measure: at most one dimension (as the
 * breakdown or as one filter), and only by year. Anything else is not offered.
 */
export function notOfferedReason(
  measure: Pick<Measure, "key" | "kind">,
  f: DashboardFilters,
  values?: Partial<Record<Dimension, string[]>>,
): NotOffered | null {
  if (!hasDimensions(measure)) return null;
  if (!grainsOf(measure).includes(f.grain)) return "year_only";
  const filters = Object.entries(f.dims).filter(([, v]) => v) as [Dimension, string][];
  const used = filters.length + (f.by ? 1 : 0);
  if (used === 0) return null;
  if (used > 1) return "two_dimensions";
  if (f.grain !== "year") return "breakdown_by_year_only";
  const d = f.by || filters[0]![0];
  if (!breakdownDimensionsOf(measure).length) return "totals_only";
  if (!breakdownDimensionsOf(measure).includes(d))
    return d === "offense" && measure.key.startsWith("drug_") ? "no_offense_for_drug" : "dimension_not_published";
  if (filters.length && values && !(values[filters[0]![0]] ?? []).includes(filters[0]![1])) return "unknown_value";
  return null;
}

/** The values of several dimensions as published (the measure page's agency and ZIP lists). */
export async function dimensionValuesOf(measureKey: string, dims: Dimension[], dbx: DbOrTx = db): Promise<Partial<Record<Dimension, string[]>>> {
  void measureKey;
  return publishedValues(dims, dbx);
}

/** The years a measure's pages offer (the concern loop's own for its measures; otherwise the case data's). */
export async function availableYears(measure?: Pick<Measure, "kind">, dbx: DbOrTx = db): Promise<number[]> {
  return publishedYears(dbx, measure?.kind === "concern" ? "concerns" : "cases");
}

export type DashboardTable = {
  periods: string[];
  columns: string[];
  /** Periods × breakdown values, when a breakdown is chosen. */
  table: { cells: PublishedCell[][] } | null;
  /** Period totals as published (the filtered value's count under a filter). */
  periodTotals: PublishedCell[];
  /** The total over the periods shown, when the publication has it (not for one value over all years). */
  total: PublishedCell | null;
  /** Percent measures: the published rate per period (null when withheld). */
  rates: (number | null)[] | null;
  /** Percent measures broken down: each group's published rate (its cell over its denominator's cell; null when either is hidden). */
  groupRates: (number | null)[][] | null;
  headline: { value: number | null; numerator: number | null; denominator: number | null };
  suppressedAny: boolean;
  notOffered: NotOffered | null;
};

const EMPTY_CELL: PublishedCell = { value: 0, state: "shown" };

/** A measure's view, read from the publication (nothing is counted or suppressed here). */
export async function dashboardTable(measure: Measure, f: DashboardFilters, dbx: DbOrTx = db): Promise<DashboardTable> {
  // Shaped once per publication, measure definition and filters (the cache is bounded).
  return cachedByPublication(`table\u0000${JSON.stringify(measure)}\u0000${JSON.stringify(f)}`, () => shapeTable(measure, f, dbx), dbx);
}

async function shapeTable(measure: Measure, f: DashboardFilters, dbx: DbOrTx): Promise<DashboardTable> {
  const f2 = filtersFor(measure, f);
  const filters = Object.entries(f2.dims).filter(([, v]) => v) as [Dimension, string][];
  const values = await publishedValues(
    filters.map(([d]) => d),
    dbx,
  );
  const reason = notOfferedReason(measure, f2, values);
  const empty: DashboardTable = {
    periods: [],
    columns: [],
    table: null,
    periodTotals: [],
    total: null,
    rates: null,
    groupRates: null,
    headline: { value: null, numerator: null, denominator: null },
    suppressedAny: false,
    notOffered: reason,
  };
  if (reason) return empty;
  const denKey = measure.unit === "percent" ? measure.denominatorKey : null;
  const cells = await publishedCells([measure.key, ...(denKey ? [denKey] : [])], undefined, dbx);
  const grain = f2.grain;
  const periods = [...cells.keys()]
    .filter((k) => k.startsWith(`${measure.key}|${grain}|`) && k.endsWith("||"))
    .map((k) => k.split("|")[2]!)
    .filter((p) => !f2.year || p.startsWith(String(f2.year)))
    .sort();
  if (!periods.length) return { ...empty, notOffered: null };
  const get = (key: string, p: string, d = "", v = "") => cells.get(cellKey(key, grain === "year" ? "year" : grain, p, d, v));
  const by = f2.by;
  const columns = by ? ((await publishedValues([by], dbx))[by] ?? []) : [];
  const filter = filters[0];
  const periodTotals = periods.map((p) => (filter ? get(measure.key, p, filter[0], filter[1]) : get(measure.key, p)) ?? EMPTY_CELL);
  const table = by ? { cells: periods.map((p) => columns.map((c) => get(measure.key, p, by, c) ?? EMPTY_CELL)) } : null;
  // The total over what is shown: one year, or all years — never one value over all years (not published).
  const totalKey = f2.year ? cellKey(measure.key, "year", String(f2.year)) : cellKey(measure.key, "all", "all");
  const total: PublishedCell | null = filter ? (f2.year ? (periodTotals[0] ?? null) : null) : (cells.get(totalKey) ?? null);
  let rates: (number | null)[] | null = null;
  let groupRates: (number | null)[][] | null = null;
  let headline: DashboardTable["headline"] = { value: total?.value ?? null, numerator: total?.value ?? null, denominator: null };
  if (denKey) {
    rates = periods.map((p, i) => publishedRate(periodTotals[i]!, (filter ? get(denKey, p, filter[0], filter[1]) : get(denKey, p)) ?? EMPTY_CELL));
    if (table && by) groupRates = periods.map((p, i) => columns.map((c, k) => publishedRate(table.cells[i]![k]!, get(denKey, p, by, c) ?? EMPTY_CELL)));
    const denTotal: PublishedCell | null = filter
      ? f2.year
        ? (get(denKey, String(f2.year), filter[0], filter[1]) ?? null)
        : null
      : (cells.get(totalKey.replace(`${measure.key}|`, `${denKey}|`)) ?? null);
    const rate = total && denTotal ? publishedRate(total, denTotal) : null;
    headline =
      rate === null
        ? { value: null, numerator: null, denominator: null }
        : { value: Math.round(rate * 1000) / 10, numerator: total!.value, denominator: denTotal!.value };
  }
  const suppressedAny =
    periodTotals.some((c) => c.state !== "shown") ||
    (total !== null && total.state !== "shown") ||
    (table?.cells.some((r) => r.some((c) => c.state !== "shown")) ?? false);
  return { periods, columns, table, periodTotals, total, rates, groupRates, headline, suppressedAny, notOffered: null };
}

/** The dashboard's cards: every measure's published headline for a year, from one read. */
export async function dashboardHeadlines(measures: Measure[], year: number, dbx: DbOrTx = db) {
  const cells = await publishedCells(
    measures.map((m) => m.key),
    ["year"],
    dbx,
  );
  const y = String(year);
  return measures.map((measure) => {
    const total = cells.get(cellKey(measure.key, "year", y)) ?? null;
    let headline: DashboardTable["headline"] = { value: total?.value ?? null, numerator: total?.value ?? null, denominator: null };
    if (measure.unit === "percent" && measure.denominatorKey) {
      const den = cells.get(cellKey(measure.denominatorKey, "year", y)) ?? null;
      const rate = total && den ? publishedRate(total, den) : null;
      headline =
        rate === null
          ? { value: null, numerator: null, denominator: null }
          : { value: Math.round(rate * 1000) / 10, numerator: total!.value, denominator: den!.value };
    }
    return { measure, table: { headline, total } };
  });
}

export type StageCell = { value: number | null; state: PublishedCell["state"] | "missing" };
export type DisparityView = {
  rows: RriRow[];
  groups: string[];
  /** The published count of each group at each stage (and its population), as the RRIs were taken from. */
  counts: Record<string, Partial<Record<RriStage | "population", StageCell>>>;
};

/**
 * The disparity view: stage counts per race/ethnicity for one year, as RRIs, from the published
 * race breakdowns (a hidden count makes its group's rate "insufficient"). Offense filters are not
 * offered here: they would need offense × race cells, which are not published.
 */
export async function disparityView(year: number, reference: string, dbx: DbOrTx = db): Promise<DisparityView> {
  const cells = await publishedCells([...RRI_STAGES], ["year"], dbx);
  const counts: Record<string, StageCounts> = Object.fromEntries(RACE_ETHNICITIES.map((r) => [r, {} as StageCounts]));
  const shown: DisparityView["counts"] = Object.fromEntries(RACE_ETHNICITIES.map((r) => [r, {}]));
  for (const stage of RRI_STAGES) {
    for (const r of RACE_ETHNICITIES) {
      const c = cells.get(cellKey(stage, "year", String(year), "race", r));
      shown[r]![stage] = c ? { value: c.state === "shown" ? c.value : null, state: c.state } : { value: null, state: "missing" };
      if (c && c.state === "shown" && c.value !== null) counts[r]![stage] = c.value;
    }
  }
  // Population: the latest year at or before the one chosen (context figures, not case counts).
  const pop = await dbx.execute<{ v: string; n: number }>(sql`select race_ethnicity as v, count as n from metric_facts
    where measure_key = 'population' and month = (select max(month) from metric_facts where measure_key = 'population' and month < ${`${year + 1}-01-01`}::date)`);
  for (const r of pop) {
    if (!counts[r.v]) continue;
    counts[r.v]!.population = Number(r.n);
    shown[r.v]!.population = { value: Number(r.n), state: "shown" };
  }
  const groups = RACE_ETHNICITIES.filter((r) => r !== "unknown" && r !== "other");
  const picked = Object.fromEntries(groups.map((g) => [g, counts[g]!]));
  return { rows: relativeRateIndex(picked, reference), groups: [...groups], counts: Object.fromEntries(groups.map((g) => [g, shown[g]!])) };
}

export async function listImports(limit = 50) {
  return db
    .select({
      id: metricImports.id,
      fileName: metricImports.fileName,
      status: metricImports.status,
      periodStart: metricImports.periodStart,
      periodEnd: metricImports.periodEnd,
      totalRows: metricImports.totalRows,
      errorCount: metricImports.errorCount,
      summary: metricImports.summary,
      createdAt: metricImports.createdAt,
      completedAt: metricImports.completedAt,
      uploadedBy: displayNameOf(metricImports.uploadedBy),
    })
    .from(metricImports)
    .orderBy(desc(metricImports.createdAt))
    .limit(limit);
}

export async function getImport(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db
    .select({ imp: metricImports, uploadedBy: displayNameOf(metricImports.uploadedBy) })
    .from(metricImports)
    .where(eq(metricImports.id, id));
  return row ? { ...row.imp, uploadedByName: row.uploadedBy } : null;
}

export async function getSnapshot(id: string, dbx: DbOrTx = db) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await dbx.select().from(metricSnapshots).where(eq(metricSnapshots.id, id));
  return row ?? null;
}

/** What a definition is, for telling whether it changed since a snapshot. */
export function definitionHash(m: Pick<Measure, "nameEn" | "definitionEn" | "definitionEs" | "numeratorEn" | "denominatorKey" | "unit" | "stage">) {
  return createHash("sha256")
    .update(JSON.stringify([m.nameEn, m.definitionEn, m.definitionEs, m.numeratorEn, m.denominatorKey, m.unit, m.stage]))
    .digest("hex");
}

export type SnapshotView = {
  snapshot: NonNullable<Awaited<ReturnType<typeof getSnapshot>>>;
  live: { value: number | null; asOf: string };
  definitionChanged: boolean;
  measure: Measure;
};

/** A snapshot as frozen, beside the live value under the same filters. */
export async function snapshotView(id: string, dbx: DbOrTx = db): Promise<SnapshotView | null> {
  const snapshot = await getSnapshot(id, dbx);
  if (!snapshot) return null;
  const [measure] = await dbx.select().from(metricMeasures).where(eq(metricMeasures.key, snapshot.measureKey));
  if (!measure) return null;
  const filters = parseDashboardFilters(new URLSearchParams(snapshot.filters));
  const live = await dashboardTable(measure, { ...filters, by: "" }, dbx);
  return {
    snapshot,
    measure,
    live: { value: live.headline.value, asOf: new Date().toISOString() },
    definitionChanged: definitionHash(measure) !== snapshot.definitionHash,
  };
}
