import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { metricMeasures, metricPublication, metricPublishedCells } from "~/db/schema/metrics";
import type { PublishedCell } from "~/utils/suppression";
import { DIMENSION_COLUMN, DIMENSION_VALUES, DIMENSIONS, type Dimension } from "./catalogue";
import { buildPublication, cellKey, type PublicationGrain } from "./publication";
import { publishDayStats } from "./stats.server";

const COLUMN_DIMENSION = Object.fromEntries(Object.entries(DIMENSION_COLUMN).map(([d, c]) => [c, d])) as Record<string, Dimension>;

/**
 * Recomputes the whole publication from the facts and replaces the stored one, in the caller's
 * transaction (so a data change and what the public sees of it commit together).
 */
export async function publishMetrics(tx: DbOrTx) {
  const measures = await tx
    .select({ key: metricMeasures.key, kind: metricMeasures.kind })
    .from(metricMeasures)
    .where(sql`${metricMeasures.kind} <> 'context'`)
    .orderBy(metricMeasures.sortOrder);
  const monthRows = await tx.execute<{ k: string; m: string; n: number }>(
    sql`select measure_key as k, to_char(month, 'YYYY-MM') as m, sum(count)::int as n from metric_rollups
      where dimension = '' and measure_key in (select key from metric_measures where kind <> 'context') group by 1, 2`,
  );
  const yearRows = await tx.execute<{ k: string; y: string; d: string; v: string; n: number }>(
    sql`select measure_key as k, to_char(month, 'YYYY') as y, dimension as d, value as v, sum(count)::int as n from metric_rollups
      where dimension <> '' and value <> '' and measure_key in (select key from metric_measures where kind in ('case', 'concern')) group by 1, 2, 3, 4`,
  );
  const monthly = new Map<string, Map<string, number>>();
  for (const r of monthRows) {
    if (!monthly.has(r.k)) monthly.set(r.k, new Map());
    monthly.get(r.k)!.set(r.m, Number(r.n));
  }
  const yearly = new Map<string, number>();
  const seen: Partial<Record<Dimension, Set<string>>> = {};
  for (const r of yearRows) {
    const d = COLUMN_DIMENSION[r.d];
    if (!d) continue;
    yearly.set(`${r.k}\u0000${r.y}\u0000${d}\u0000${r.v}`, Number(r.n));
    (seen[d] ??= new Set()).add(r.v);
  }
  const columns = Object.fromEntries(DIMENSIONS.map((d) => [d, DIMENSION_VALUES[d] ? [...DIMENSION_VALUES[d]!] : [...(seen[d] ?? [])].sort()])) as Record<
    Dimension,
    string[]
  >;
  const rows = buildPublication({ measures, monthly, yearly, columns });
  await tx.delete(metricPublishedCells);
  const now = new Date();
  for (let i = 0; i < rows.length; i += 2000) {
    await tx.insert(metricPublishedCells).values(rows.slice(i, i + 2000).map((r) => ({ ...r, publishedAt: now })));
  }
  // The distributions of days (time to decision, to disposition), decided with the cells.
  await publishDayStats(tx, now);
  // A new publication: readers' caches (in every instance) see the new token once this commits.
  await tx
    .insert(metricPublication)
    .values({ id: 1, token: sql`gen_random_uuid()`, publishedAt: now })
    .onConflictDoUpdate({ target: metricPublication.id, set: { token: sql`gen_random_uuid()`, publishedAt: now } });
  return rows.length;
}

/**
 * What readers shaped from the publication, kept in memory while it is current. Every read first
 * asks the database which publication is current (one primary-key row); a new one (publishMetrics
 * committed here or in another instance, a restore) empties the cache. The token is read before
 * the cells, so a cached answer is never older than the token it is filed under. Keys must hold
 * everything else the answer depends on (the measure's definition, filters, the county year).
 * Answers are shared between requests: callers must not modify them.
 */
const CACHE_LIMIT = 500;
let cacheToken: string | null | undefined;
const cache = new Map<string, Promise<unknown>>();

async function currentToken(dbx: DbOrTx): Promise<string | null> {
  const [row] = await dbx.select({ token: metricPublication.token }).from(metricPublication).where(eq(metricPublication.id, 1));
  return row?.token ?? null;
}

export async function cachedByPublication<T>(key: string, load: () => Promise<T>, dbx: DbOrTx = db): Promise<T> {
  // Inside a transaction (a write in progress) nothing is cached: it may see an uncommitted publication.
  if (dbx !== db) return load();
  const token = await currentToken(dbx);
  if (token !== cacheToken) {
    cache.clear();
    cacheToken = token;
  }
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    hit = load();
    cache.set(key, hit);
    // A failed read is not kept.
    hit.catch(() => cache.get(key) === hit && cache.delete(key));
  }
  return hit;
}

export type CellMap = Map<string, PublishedCell>;

/** The published cells of some measures (optionally one grain), keyed by cellKey. */
export async function publishedCells(measureKeys: string[], grains?: PublicationGrain[], dbx: DbOrTx = db): Promise<CellMap> {
  if (!measureKeys.length) return new Map();
  return cachedByPublication(`cells\u0000${measureKeys.join(",")}\u0000${grains?.join(",") ?? ""}`, () => readCells(measureKeys, grains, dbx), dbx);
}

async function readCells(measureKeys: string[], grains: PublicationGrain[] | undefined, dbx: DbOrTx): Promise<CellMap> {
  const rows = await dbx
    .select({
      measureKey: metricPublishedCells.measureKey,
      grain: metricPublishedCells.grain,
      period: metricPublishedCells.period,
      dimension: metricPublishedCells.dimension,
      value: metricPublishedCells.value,
      count: metricPublishedCells.count,
      state: metricPublishedCells.state,
    })
    .from(metricPublishedCells)
    .where(and(inArray(metricPublishedCells.measureKey, measureKeys), grains ? inArray(metricPublishedCells.grain, grains) : undefined));
  return new Map(rows.map((r) => [cellKey(r.measureKey, r.grain as PublicationGrain, r.period, r.dimension, r.value), { value: r.count, state: r.state }]));
}

/**
 * Years with published data: of the case and program measures (the dashboard's years, the annual
 * reports'), or of the concern loop (whose years are the concerns', not the case data's).
 */
export async function publishedYears(dbx: DbOrTx = db, of: "cases" | "concerns" = "cases"): Promise<number[]> {
  return cachedByPublication(`years\u0000${of}`, () => readYears(dbx, of), dbx);
}

async function readYears(dbx: DbOrTx, of: "cases" | "concerns"): Promise<number[]> {
  const rows = await dbx
    .selectDistinct({ p: metricPublishedCells.period })
    .from(metricPublishedCells)
    .innerJoin(metricMeasures, eq(metricMeasures.key, metricPublishedCells.measureKey))
    .where(
      and(
        eq(metricPublishedCells.grain, "year"),
        eq(metricPublishedCells.dimension, ""),
        of === "concerns" ? eq(metricMeasures.kind, "concern") : ne(metricMeasures.kind, "concern"),
      ),
    )
    .orderBy(metricPublishedCells.period);
  return rows.map((r) => Number(r.p));
}

/** The values a dimension is published with (the columns of its breakdown). */
export async function publishedValues(dims: Dimension[], dbx: DbOrTx = db): Promise<Partial<Record<Dimension, string[]>>> {
  if (!dims.length) return {};
  return cachedByPublication(`values\u0000${dims.join(",")}`, () => readValues(dims, dbx), dbx);
}

async function readValues(dims: Dimension[], dbx: DbOrTx): Promise<Partial<Record<Dimension, string[]>>> {
  const out: Partial<Record<Dimension, string[]>> = {};
  const rows = await dbx
    .selectDistinct({ d: metricPublishedCells.dimension, v: metricPublishedCells.value })
    .from(metricPublishedCells)
    .where(inArray(metricPublishedCells.dimension, dims))
    .orderBy(metricPublishedCells.dimension, metricPublishedCells.value);
  for (const d of dims) {
    const have = new Set(rows.filter((r) => r.d === d).map((r) => r.v));
    out[d] = DIMENSION_VALUES[d] ? DIMENSION_VALUES[d]!.filter((v) => have.has(v)) : [...have];
  }
  return out;
}
