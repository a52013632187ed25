/**
 * In-memory aggregation of case rows into the publication's input, exactly as recomputeFacts and
 * the rollups count them (used by tests that reason about the publication without a database).
 */
import { DIMENSION_VALUES, DIMENSIONS, MEASURES, type Dimension } from "~/modules/metrics";
import type { CaseRow } from "~/modules/metrics/index.server";

const FIELD: Record<Dimension, keyof CaseRow> = {
  offense: "offenseCategory",
  agency: "referringAgency",
  race: "raceEthnicity",
  sex: "sex",
  age: "ageBand",
  zip: "zip",
};

/** Which case measures count a row (the SQL conditions of the catalogue, in code). */
export function measuresOf(r: CaseRow): string[] {
  const drug = r.offenseCategory === "drug";
  const hits: Record<string, boolean> = {
    referred: true,
    filed: r.filedDate !== null,
    declined: r.declinedDate !== null,
    diverted: r.divertedDate !== null,
    disposed: r.disposedDate !== null,
    sentenced: r.sentencedDate !== null,
    drug_referred: drug,
    drug_sale_referred: drug && r.drugLevel === "sale",
    drug_filed: drug && r.filedDate !== null,
    drug_firearm: drug && r.firearmRecovered,
    drug_declined: drug && r.declinedDate !== null,
    drug_filed_concern: drug && r.filedDate !== null && r.filingGrounds === "community_concern",
    drug_filed_violence: drug && r.filedDate !== null && r.filingGrounds === "violence_connection",
    drug_filed_unrecorded: drug && r.filedDate !== null && !r.filingGrounds,
  };
  return MEASURES.filter((m) => m.kind === "case")
    .map((m) => m.key)
    .filter((k) => hits[k]);
}

export function aggregate(rows: CaseRow[], program: { measureKey: string; month: string; count: number }[] = []) {
  const monthly = new Map<string, Map<string, number>>();
  const yearly = new Map<string, number>();
  const seen: Record<string, Set<string>> = {};
  const bump = (k: string, m: string, n = 1) => {
    if (!monthly.has(k)) monthly.set(k, new Map());
    monthly.get(k)!.set(m, (monthly.get(k)!.get(m) ?? 0) + n);
  };
  for (const r of rows) {
    const month = r.receivedDate.slice(0, 7);
    const year = r.receivedDate.slice(0, 4);
    for (const k of measuresOf(r)) {
      bump(k, month);
      for (const d of DIMENSIONS) {
        const v = String(r[FIELD[d]]);
        (seen[d] ??= new Set()).add(v);
        const key = `${k}\u0000${year}\u0000${d}\u0000${v}`;
        yearly.set(key, (yearly.get(key) ?? 0) + 1);
      }
    }
  }
  for (const p of program) bump(p.measureKey, p.month.slice(0, 7), p.count);
  const columns = Object.fromEntries(DIMENSIONS.map((d) => [d, DIMENSION_VALUES[d] ? [...DIMENSION_VALUES[d]!] : [...(seen[d] ?? [])].sort()])) as Record<
    Dimension,
    string[]
  >;
  return { monthly, yearly, columns };
}
