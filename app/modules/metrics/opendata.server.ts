/**
 * The open-data API's reads (/api/v1): the same publication as the dashboard pages — published
 * cells and nothing else. A hidden cell travels as its state with no number (the stored count is
 * already null); a combination the publication does not hold is "not offered".
 */
import { and, eq } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { metricPublishedCells } from "~/db/schema/metrics";
import { cellPlainText, type PublishedCell } from "~/utils/suppression";
import { DIMENSIONS, type Dimension } from "./catalogue";
import { breakdownDimensionsOf, grainsOf } from "./publication";
import { publishedValues } from "./publication.server";
import { getMeasure, listMeasures, type Measure } from "./queries.server";

export const API_GRAINS = ["month", "quarter", "year", "all"] as const;
export type ApiGrain = (typeof API_GRAINS)[number];

export type ApiCell = {
  period: string;
  dimension: Dimension | null;
  value: string | null;
  /** shown: `count` is the number; primary: fewer than 11; complementary: hidden so that another cell cannot be worked out. */
  state: "shown" | "primary" | "complementary";
  count: number | null;
  /** What the pages print: the number, "fewer than 11" or "suppressed". */
  text: string;
};

function measureJson(m: Measure) {
  return {
    key: m.key,
    kind: m.kind,
    unit: m.unit,
    stage: m.stage,
    name: { en: m.nameEn, es: m.nameEs },
    definition: { en: m.definitionEn, es: m.definitionEs },
    numerator: { en: m.numeratorEn, es: m.numeratorEs },
    denominator: m.denominatorKey ? { measure: m.denominatorKey, en: m.denominatorEn, es: m.denominatorEs } : null,
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** Every public measure with its definitions in English and Spanish. */
export async function apiMeasures(dbx: DbOrTx = db) {
  return (await listMeasures(dbx)).map(measureJson);
}

export type ApiCombination = { grain: ApiGrain; by: Dimension | null; values?: string[] };

/** The combinations the publication holds for a measure: totals at every grain, and by year one dimension at a time. */
export async function apiCombinations(m: Pick<Measure, "key" | "kind">, dbx: DbOrTx = db): Promise<ApiCombination[]> {
  const dims = breakdownDimensionsOf(m);
  const values = await publishedValues(dims, dbx);
  const grains = grainsOf(m);
  return [
    ...API_GRAINS.filter((g) => grains.includes(g)).map((grain) => ({ grain, by: null })),
    ...dims.map((by) => ({ grain: "year" as const, by, values: values[by] ?? [] })),
  ];
}

/** One measure with its offered combinations, or null when there is no such public measure. */
export async function apiMeasure(key: string, dbx: DbOrTx = db) {
  if (!/^[a-z0-9_]{1,64}$/.test(key)) return null;
  const m = await getMeasure(key, dbx);
  if (!m) return null;
  return { ...measureJson(m), combinations: await apiCombinations(m, dbx) };
}

export type ApiCellsAnswer =
  | { ok: true; measure: string; grain: ApiGrain; by: Dimension | null; publishedAt: string | null; cells: ApiCell[] }
  | { ok: false; reason: "unknown_measure" | "not_offered" };

/**
 * The cells of one offered combination: grain month | quarter | year | all, optionally by one
 * dimension (by year only), optionally one year's periods. Anything else is not offered.
 */
export async function apiCells(key: string, q: { grain?: string | null; by?: string | null; year?: string | null }, dbx: DbOrTx = db): Promise<ApiCellsAnswer> {
  if (!/^[a-z0-9_]{1,64}$/.test(key)) return { ok: false, reason: "unknown_measure" };
  const m = await getMeasure(key, dbx);
  if (!m) return { ok: false, reason: "unknown_measure" };
  const grain = (q.grain ?? "year") as ApiGrain;
  if (!(API_GRAINS as readonly string[]).includes(grain) || !grainsOf(m).includes(grain)) return { ok: false, reason: "not_offered" };
  const by = q.by ? (q.by as Dimension) : null;
  if (by && (!(DIMENSIONS as readonly string[]).includes(by) || grain !== "year" || !breakdownDimensionsOf(m).includes(by)))
    return { ok: false, reason: "not_offered" };
  if (q.year && (!/^\d{4}$/.test(q.year) || grain === "all")) return { ok: false, reason: "not_offered" };
  const rows = await dbx
    .select()
    .from(metricPublishedCells)
    .where(and(eq(metricPublishedCells.measureKey, m.key), eq(metricPublishedCells.grain, grain), eq(metricPublishedCells.dimension, by ?? "")));
  const cells = rows
    .filter((r) => !q.year || r.period.startsWith(q.year))
    .sort((a, b) => a.period.localeCompare(b.period) || a.value.localeCompare(b.value))
    .map((r): ApiCell => {
      const cell: PublishedCell = { value: r.state === "shown" ? r.count : null, state: r.state };
      return { period: r.period, dimension: by, value: by ? r.value : null, state: r.state, count: cell.value, text: cellPlainText(cell) };
    });
  const publishedAt = rows.reduce<Date | null>((acc, r) => (!acc || r.publishedAt > acc ? r.publishedAt : acc), null);
  return { ok: true, measure: m.key, grain, by, publishedAt: publishedAt?.toISOString() ?? null, cells };
}
