import { createHash } from "node:crypto";
import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { metricImports, metricMeasures, metricSnapshots } from "~/db/schema/metrics";
import { displayNameOf } from "~/modules/auth/index.server";
import { DIMENSION_COLUMN, DIMENSION_VALUES, DIMENSIONS, GRAINS, RACE_ETHNICITIES, type Dimension, type Grain } from "./catalogue";
import { RRI_STAGES, relativeRateIndex, type RriRow, type StageCounts } from "./rri";
import { publishableRate, suppressSeries, suppressTable, type PublishedCell, type SuppressedSeries, type SuppressedTable } from "./suppression";

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
  return measure.kind === "case" ? f : { ...f, dims: {}, by: "" };
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

const PERIOD_SQL: Record<Grain, string> = {
  year: `to_char(month, 'YYYY')`,
  quarter: `to_char(month, 'YYYY-"Q"Q')`,
  month: `to_char(month, 'YYYY-MM')`,
};

function whereFor(measureKey: string, f: DashboardFilters, isCase: boolean): SQL {
  const parts: SQL[] = [sql`measure_key = ${measureKey}`];
  if (f.year) parts.push(sql`month >= ${`${f.year}-01-01`}::date and month < ${`${f.year + 1}-01-01`}::date`);
  if (isCase) for (const [d, v] of Object.entries(f.dims)) if (v) parts.push(sql`${sql.raw(DIMENSION_COLUMN[d as Dimension])} = ${v}`);
  return sql.join(parts, sql` and `);
}

/**
 * Where a view's counts come from. A view that needs at most one dimension (as a filter, as the
 * breakdown, or both) reads metric_rollups: per measure and month, a few hundred rows whatever
 * the number of cases. Only views combining two or more dimensions sum the facts themselves.
 * `v` is the breakdown's value ('' without one).
 */
function countsSource(measureKey: string, f: DashboardFilters, isCase: boolean, by: Dimension | ""): { from: SQL; where: SQL; v: SQL } {
  const filters = isCase ? (Object.entries(f.dims).filter(([, v]) => v) as [Dimension, string][]) : [];
  const used = new Set<Dimension>([...filters.map(([d]) => d), ...(by ? [by] : [])]);
  if (used.size > 1) return { from: sql`metric_facts`, where: whereFor(measureKey, f, isCase), v: by ? sql.raw(DIMENSION_COLUMN[by]) : sql`''` };
  const [dim] = [...used];
  const parts: SQL[] = [sql`measure_key = ${measureKey}`, sql`dimension = ${dim ? DIMENSION_COLUMN[dim] : ""}`];
  for (const [, v] of filters) parts.push(sql`value = ${v}`);
  if (f.year) parts.push(sql`month >= ${`${f.year}-01-01`}::date and month < ${`${f.year + 1}-01-01`}::date`);
  return { from: sql`metric_rollups`, where: sql.join(parts, sql` and `), v: by ? sql`value` : sql`''` };
}

/** The label of a month ("YYYY-MM-01") at a grain, as PERIOD_SQL writes it. */
function periodOf(month: string, grain: Grain) {
  if (grain === "year") return month.slice(0, 4);
  if (grain === "month") return month.slice(0, 7);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Every period from the month `lo` to the month `hi` at the grain, in order. */
function periodsBetween(lo: string, hi: string, grain: Grain) {
  const out: string[] = [];
  let [y, m] = [Number(lo.slice(0, 4)), Number(lo.slice(5, 7))];
  const [hy, hm] = [Number(hi.slice(0, 4)), Number(hi.slice(5, 7))];
  while (y < hy || (y === hy && m <= hm)) {
    const p = periodOf(`${y}-${String(m).padStart(2, "0")}-01`, grain);
    if (out.at(-1) !== p) out.push(p);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** Every period of the measure's data range at the grain (unfiltered, so empty ones show 0). */
async function periodsOf(measureKey: string, f: DashboardFilters, dbx: DbOrTx) {
  const source = countsSource(measureKey, { ...f, dims: {} }, false, "");
  const range = await dbx.execute<{ lo: string | null; hi: string | null }>(
    sql`select min(month)::text as lo, max(month)::text as hi from ${source.from} where ${source.where}`,
  );
  const { lo, hi } = range[0] ?? { lo: null, hi: null };
  return lo && hi ? periodsBetween(lo, hi, f.grain) : [];
}

/** The values of a dimension the measure has data for (fixed lists keep their order). */
async function dimensionValues(measureKey: string, d: Dimension, dbx: DbOrTx = db): Promise<string[]> {
  return (await dimensionValuesOf(measureKey, [d], dbx))[d] ?? [];
}

/** The values of several dimensions in one query (the measure page's agency and ZIP lists). */
export async function dimensionValuesOf(measureKey: string, dims: Dimension[], dbx: DbOrTx = db): Promise<Partial<Record<Dimension, string[]>>> {
  void measureKey;
  const out: Partial<Record<Dimension, string[]>> = {};
  const open = dims.filter((d) => !DIMENSION_VALUES[d]);
  for (const d of dims) if (DIMENSION_VALUES[d]) out[d] = [...DIMENSION_VALUES[d]!];
  if (!open.length) return out;
  const columns = open.map((d) => DIMENSION_COLUMN[d]);
  const rows = await dbx.execute<{ d: string; v: string }>(
    sql`select distinct dimension as d, value as v from metric_rollups
      where measure_key in (select key from metric_measures where kind = 'case') and dimension in ${sql`(${sql.join(
        columns.map((c) => sql`${c}`),
        sql`, `,
      )})`} and value <> '' order by 1, 2`,
  );
  for (const d of open) out[d] = rows.filter((r) => r.d === DIMENSION_COLUMN[d]).map((r) => r.v);
  return out;
}

export async function availableYears(dbx: DbOrTx = db): Promise<number[]> {
  const rows = await dbx.execute<{ y: number }>(sql`select distinct extract(year from month)::int as y from metric_rollups where dimension = '' order by 1`);
  return rows.map((r) => Number(r.y));
}

async function totalsByPeriod(measureKey: string, f: DashboardFilters, isCase: boolean, dbx: DbOrTx) {
  const source = countsSource(measureKey, f, isCase, "");
  const rows = await dbx.execute<{ p: string; n: number }>(
    sql`select ${sql.raw(PERIOD_SQL[f.grain])} as p, sum(count)::int as n from ${source.from} where ${source.where} group by 1`,
  );
  return new Map(rows.map((r) => [r.p, Number(r.n)]));
}

export type DashboardTable = {
  periods: string[];
  columns: string[];
  /** Periods × breakdown values, when a breakdown is chosen. */
  table: SuppressedTable | null;
  /** Periods, when there is no breakdown. */
  series: SuppressedSeries | null;
  /** Period totals as published (either layout). */
  periodTotals: PublishedCell[];
  total: PublishedCell;
  /** Percent measures: the published rate per period (null when withheld). */
  rates: (number | null)[] | null;
  headline: { value: number | null; numerator: number | null; denominator: number | null };
  suppressedAny: boolean;
};

/** The one published table of a measure under the filters, suppressed as a whole. */
export async function dashboardTable(measure: Measure, f: DashboardFilters, dbx: DbOrTx = db): Promise<DashboardTable> {
  const isCase = measure.kind === "case";
  const by = isCase ? f.by : "";
  const periods = await periodsOf(measure.key, f, dbx);
  const columns = by ? await dimensionValues(measure.key, by, dbx) : [];
  const source = countsSource(measure.key, f, isCase, by);
  const rows = await dbx.execute<{ p: string; v: string; n: number }>(
    sql`select ${sql.raw(PERIOD_SQL[f.grain])} as p, ${source.v} as v, sum(count)::int as n from ${source.from} where ${source.where} group by 1, 2`,
  );
  const cell = new Map(rows.map((r) => [`${r.p}\u0000${r.v}`, Number(r.n)]));
  const den = measure.unit === "percent" && measure.denominatorKey ? await totalsByPeriod(measure.denominatorKey, f, isCase, dbx) : null;
  return buildTable(measure, by, periods, columns, cell, den);
}

/**
 * The dashboard's cards: every measure's headline for a year, as dashboardTable would give it
 * (grain year, no filters), from ONE query over the rollups instead of four per measure.
 */
export async function dashboardHeadlines(measures: Measure[], year: number, dbx: DbOrTx = db) {
  const rows = await dbx.execute<{ k: string; n: number }>(
    sql`select measure_key as k, sum(count)::int as n from metric_rollups
      where dimension = '' and month >= ${`${year}-01-01`}::date and month < ${`${year + 1}-01-01`}::date group by 1`,
  );
  const totals = new Map(rows.map((r) => [r.k, Number(r.n)]));
  const p = String(year);
  return measures.map((measure) => {
    const has = totals.has(measure.key);
    const cell = new Map(has ? [[`${p}\u0000`, totals.get(measure.key)!]] : []);
    const den =
      measure.unit === "percent" && measure.denominatorKey
        ? new Map(totals.has(measure.denominatorKey) ? [[p, totals.get(measure.denominatorKey)!]] : [])
        : null;
    return { measure, table: buildTable(measure, "", has ? [p] : [], [], cell, den) };
  });
}

/** Suppression, totals and rates of a measure's counts (cell: "period\0value" → count). */
function buildTable(
  measure: Measure,
  by: Dimension | "",
  periods: string[],
  columns: string[],
  cell: Map<string, number>,
  den: Map<string, number> | null,
): DashboardTable {
  let table: SuppressedTable | null = null;
  let series: SuppressedSeries | null = null;
  let periodTotals: PublishedCell[];
  let total: PublishedCell;
  if (by) {
    table = suppressTable(periods.map((p) => columns.map((c) => cell.get(`${p}\u0000${c}`) ?? 0)));
    periodTotals = table.rowTotals;
    total = table.grandTotal;
  } else {
    series = suppressSeries(periods.map((p) => cell.get(`${p}\u0000`) ?? 0));
    periodTotals = series.cells;
    total = series.total;
  }

  let rates: (number | null)[] | null = null;
  let headline: DashboardTable["headline"] = { value: total.value, numerator: total.value, denominator: null };
  if (den) {
    rates = periods.map((p, i) => {
      const n = periodTotals[i]!;
      return n.value === null ? null : publishableRate(n.value, den.get(p) ?? 0);
    });
    const denTotal = [...den.values()].reduce((a, b) => a + b, 0);
    const rate = total.value === null ? null : publishableRate(total.value, denTotal);
    headline =
      rate === null
        ? { value: null, numerator: null, denominator: null }
        : { value: Math.round(rate * 1000) / 10, numerator: total.value, denominator: denTotal };
  }
  const suppressedAny =
    periodTotals.some((c) => c.state !== "shown") ||
    total.state !== "shown" ||
    (table?.cells.some((r) => r.some((c) => c.state !== "shown")) ?? false) ||
    (table?.colTotals.some((c) => c.state !== "shown") ?? false);
  return { periods, columns, table, series, periodTotals, total, rates, headline, suppressedAny };
}

/** The disparity view: stage counts per race/ethnicity under the filters, as RRIs. */
export async function disparityView(f: DashboardFilters, reference: string, dbx: DbOrTx = db): Promise<{ rows: RriRow[]; groups: string[] }> {
  const stageMeasures = RRI_STAGES;
  const dims = { ...f.dims };
  delete dims.race;
  const filters: DashboardFilters = { ...f, dims };
  const counts: Record<string, StageCounts> = Object.fromEntries(RACE_ETHNICITIES.map((r) => [r, {} as StageCounts]));
  for (const stage of stageMeasures) {
    const source = countsSource(stage, filters, true, "race");
    const rows = await dbx.execute<{ v: string; n: number }>(
      sql`select ${source.v} as v, sum(count)::int as n from ${source.from} where ${source.where} group by 1`,
    );
    for (const r of RACE_ETHNICITIES) counts[r]![stage] = 0;
    for (const r of rows) if (counts[r.v]) counts[r.v]![stage] = Number(r.n);
  }
  // Population: the latest year at or before the one chosen (annual figures, one row per year).
  const pop = await dbx.execute<{ v: string; n: number }>(sql`select race_ethnicity as v, count as n from metric_facts
    where measure_key = 'population' and month = (select max(month) from metric_facts where measure_key = 'population' ${f.year ? sql`and month < ${`${f.year + 1}-01-01`}::date` : sql``})`);
  // Referral rates per resident only make sense over a year or less and without other filters on people.
  const years = f.year ? 1 : Math.max(1, (await availableYears(dbx)).length);
  for (const r of pop) if (counts[r.v]) counts[r.v]!.population = Number(r.n) * years;
  const groups = RACE_ETHNICITIES.filter((r) => r !== "unknown" && r !== "other");
  const picked = Object.fromEntries(groups.map((g) => [g, counts[g]!]));
  return { rows: relativeRateIndex(picked, reference), groups: [...groups] };
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
