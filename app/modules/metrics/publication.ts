/**
 * The publication: the complete set of numbers the public may ever see about the measures,
 * computed in one go so that small-count suppression is coordinated across every page, CSV,
 * headline card, rate, disparity ratio and snapshot (they all read these cells and nothing else).
 *
 * What is offered (a combination outside it is "not offered" and its URL says so):
 * - every public measure's total by month, quarter and year, and over all years;
 * - every case measure by year, broken down by ONE dimension (offense, agency, race, sex, age,
 *   ZIP) — the same cells seen one value at a time are the single-filter views (?race=native),
 *   so a filtered view and a breakdown can never disagree about a cell;
 * - rates: a percent measure's count over its denominator measure at the same cell, shown only
 *   when both counts are shown.
 * Not offered: two dimensions at once (a filter and a breakdown, or two filters), breakdowns or
 * filters by month or quarter, and all-years totals of one dimension value. On this county's data
 * those tables are mostly cells under 11, and each of them would be another set of equations a
 * reader could combine with the rest.
 *
 * Linked measures: filed, declined and diverted are exclusive parts of referred; disposed and
 * drug referrals are parts of referred; sentenced of disposed; drug-sale, drug-filed and
 * drug-firearm of drug referrals (drug-filed of filed too). Drug referrals by year are exactly
 * referrals with offense drug (and drug filings filings with offense drug): those are one cell.
 *
 * The drug-policy funnel: drug declinations are part of drug referrals and of declined (by year
 * they are declined with offense drug); the three filing-grounds measures (documented community
 * concern, connection to violence, none recorded) partition drug filings exactly — a line, like
 * months and their quarter, and an exclusive group — so no residual of them is ever a number a
 * page works out. The grounds are published by year only (see YEARLY_ONLY); neither they nor drug
 * declinations are broken down (see ONLY_DIMENSIONS).
 * Drug filings and declinations are not declared an exclusive group: on the demo data that rule
 * hid two drug referrals by dimension in three; the audit (whose model knows they never share a
 * case) shows the coordinated suppression holds without it.
 *
 * Dismissed and sentenced are exclusive parts of disposed. Firearms recovered from people under 18
 * are part of referred, and by year of referrals aged under 18 (see VALUE_NESTS); they are published
 * as yearly totals only (no months, no breakdown).
 *
 * Concerns in the loop (kind "concern"): concerns received; of them, those documented and those
 * answered by a response (parts of received), and of the documented, those cited in a charging
 * decision — by year only, without all-years totals (see YEARLY_ONLY, NO_ALL_YEARS). Received,
 * documented and answered are broken down by ZIP by year; cited is county-wide only. They share
 * no cases with the case measures, so they are linked only among themselves.
 */
import { suppress, type CellState, type ExclusiveGroup, type Line, type Nest } from "~/utils/suppression";
import { DIMENSIONS, type Dimension } from "./catalogue";

export type PublicationGrain = "month" | "quarter" | "year" | "all";

export type PublishedRow = {
  measureKey: string;
  grain: PublicationGrain;
  period: string;
  dimension: Dimension | "";
  value: string;
  count: number | null;
  state: CellState;
};

export type PublicationInput = {
  measures: { key: string; kind: string }[];
  /** measure → "YYYY-MM" → count (period totals). */
  monthly: Map<string, Map<string, number>>;
  /** `${measure}\0${year}\0${dimension}\0${value}` → count (case measures). */
  yearly: Map<string, number>;
  /** The values offered for each dimension (columns of a breakdown). */
  columns: Record<Dimension, string[]>;
};

/** Parents of a case measure at the same cell (its cases are among theirs). */
export const MEASURE_PARENTS: Record<string, string[]> = {
  filed: ["referred"],
  declined: ["referred"],
  diverted: ["referred"],
  disposed: ["referred"],
  sentenced: ["disposed"],
  drug_referred: ["referred"],
  drug_sale_referred: ["drug_referred"],
  drug_firearm: ["drug_referred"],
  drug_filed: ["drug_referred", "filed"],
  drug_declined: ["drug_referred", "declined"],
  drug_filed_concern: ["drug_filed"],
  drug_filed_violence: ["drug_filed"],
  drug_filed_unrecorded: ["drug_filed"],
  dismissed: ["disposed"],
  firearm_under_18: ["referred"],
  concerns_documented: ["concerns_received"],
  concerns_cited: ["concerns_documented"],
  concerns_responded: ["concerns_received"],
};
/** The filing grounds of a drug filing: exactly one of these counts each drug filing. */
export const DRUG_GROUNDS_MEASURES = ["drug_filed_concern", "drug_filed_violence", "drug_filed_unrecorded"] as const;
/** Children of one parent that never share a case. */
export const EXCLUSIVE_STAGES: { parent: string; members: string[] }[] = [
  { parent: "referred", members: ["filed", "declined", "diverted"] },
  { parent: "drug_filed", members: [...DRUG_GROUNDS_MEASURES] },
  // A dismissed case has no conviction, so no sentence.
  { parent: "disposed", members: ["sentenced", "dismissed"] },
];
/** Children that add up to their parent exactly, wherever all of them are published (a line). */
export const PARTITIONS: { parent: string; members: string[] }[] = [{ parent: "drug_filed", members: [...DRUG_GROUNDS_MEASURES] }];
/** Measures restricted to offense drug: no offense breakdown (it would be one column and zeros). */
const DRUG_ONLY = new Set(["drug_referred", "drug_sale_referred", "drug_filed", "drug_firearm", "drug_declined", ...DRUG_GROUNDS_MEASURES]);
/** A drug measure's yearly total is this measure's yearly count with offense drug. */
export const DRUG_ALIASES: Record<string, string> = { drug_referred: "referred", drug_filed: "filed", drug_declined: "declined" };
/** Measures published with fewer breakdowns than the rest (the funnel's parts: each dimension is more cells to protect). */
const ONLY_DIMENSIONS: Record<string, Dimension[]> = {
  // The funnel's parts are not broken down: a ZIP's "grounds not recorded" is under 11 nearly
  // everywhere since the 2023 policy, and protecting it hid almost every ZIP's drug filings; a ZIP's
  // declinations are bounded by its referrals less its filings, which the LP audit showed can
  // narrow a hidden one below the promised 1–10.
  drug_declined: [],
  drug_filed_concern: [],
  drug_filed_violence: [],
  drug_filed_unrecorded: [],
  // Dismissals are a small part of disposals: published by group (race/ethnicity) only.
  dismissed: ["race"],
  // Concerns have a ZIP and nothing else a case has. Citations are few and sparse by ZIP: county-wide only.
  concerns_received: ["zip"],
  concerns_documented: ["zip"],
  concerns_responded: ["zip"],
  concerns_cited: [],
};

/**
 * Measures published by year only (no months or quarters): the filing grounds, which before the
 * 2023 policy are a handful a month — monthly cells would be "fewer than 11" nearly everywhere and
 * their complements would hide the monthly drug filings and referrals, safe to show on their own;
 * dismissals, about two a month (by month they would be "fewer than 11" everywhere and hide the
 * month's disposals and sentences with them); and firearms recovered from people under 18, a
 * yearly count (as the office and police report it).
 */
const YEARLY_ONLY = new Set<string>([
  ...DRUG_GROUNDS_MEASURES,
  "dismissed",
  "firearm_under_18",
  // Concerns in the loop: with received concerns by month (a dozen or so a month, many months under
  // 11) the LP audit narrowed hidden months to 4–10 through their quarters and years (a hidden
  // quarter's months bound it from above); by year they are large, and each year stands alone.
  "concerns_received",
  "concerns_documented",
  "concerns_cited",
  "concerns_responded",
]);
/**
 * Yearly measures without an all-years total. Dismissals: with the total shown, each year is
 * pinned from below by the other year's complements (its largest groups, each at least 11), and
 * the LP audit found that this narrowed the small groups' dismissals to 0–4 — a chain of lines
 * the per-line rule cannot see. Without it a year is bounded only by its disposals.
 * The concern loop: the year under way (or a quiet year) has a handful of concerns at each stage,
 * and with an all-years total beside it the suppression has to hide a whole other year's figure to
 * protect it (and a hidden year is bounded above by its ZIPs: the same chain as dismissals).
 */
const NO_ALL_YEARS = new Set<string>(["dismissed", "concerns_received", "concerns_documented", "concerns_cited", "concerns_responded"]);

/** The grains a measure is published at. */
export function grainsOf(measure: { key: string }): PublicationGrain[] {
  if (NO_ALL_YEARS.has(measure.key)) return ["year"];
  return YEARLY_ONLY.has(measure.key) ? ["year", "all"] : ["month", "quarter", "year", "all"];
}

/** Case measures published as totals only (their breakdowns would be nearly all cells under 11). */
const NO_BREAKDOWN = new Set(["firearm_under_18"]);
/**
 * Nests across a dimension, by year: a measure restricted to one value of a dimension sits inside
 * its parent's cell for that value (firearms from people under 18 are referrals with age under 18),
 * and a measure's cell for that value sits inside it (drug cases with a firearm, age under 18).
 */
export const VALUE_NESTS: { child: [string, Dimension | "", string]; parent: [string, Dimension | "", string] }[] = [
  { child: ["firearm_under_18", "", ""], parent: ["referred", "age", "under_18"] },
  { child: ["drug_firearm", "age", "under_18"], parent: ["firearm_under_18", "", ""] },
];

/** Kinds published by dimension (a case has its offense, agency, group, age, ZIP; a concern its ZIP); program measures are totals. */
export function hasDimensions(measure: { kind: string }) {
  return measure.kind === "case" || measure.kind === "concern";
}

export function breakdownDimensionsOf(measure: { key: string; kind: string }): Dimension[] {
  if (!hasDimensions(measure) || NO_BREAKDOWN.has(measure.key)) return [];
  const only = ONLY_DIMENSIONS[measure.key];
  if (only) return [...only];
  return DIMENSIONS.filter((d) => !(d === "offense" && DRUG_ONLY.has(measure.key)));
}

export function cellKey(measureKey: string, grain: PublicationGrain, period: string, dimension = "", value = "") {
  return `${measureKey}|${grain}|${period}|${dimension}|${value}`;
}

export function quarterOf(month: string) {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Every month from lo to hi ("YYYY-MM"), in order. */
export function monthsBetween(lo: string, hi: string) {
  const out: string[] = [];
  let [y, m] = [Number(lo.slice(0, 4)), Number(lo.slice(5, 7))];
  const [hy, hm] = [Number(hi.slice(0, 4)), Number(hi.slice(5, 7))];
  while (y < hy || (y === hy && m <= hm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** Builds every offered cell and decides its state once, for all of them together. */
export function buildPublication(input: PublicationInput): PublishedRow[] {
  const rows: Omit<PublishedRow, "count" | "state">[] = [];
  const values: number[] = [];
  const index = new Map<string, number>();
  const add = (row: Omit<PublishedRow, "count" | "state">, n: number) => {
    const k = cellKey(row.measureKey, row.grain, row.period, row.dimension, row.value);
    index.set(k, rows.length);
    rows.push(row);
    values.push(n);
    return rows.length - 1;
  };
  const lines: Line[] = [];
  /** Each year broken down by each of the measure's dimensions: the values add up to the year. */
  const addBreakdowns = (measure: { key: string; kind: string }, years: string[], yearIds: number[]) => {
    for (const d of breakdownDimensionsOf(measure)) {
      years.forEach((y, yi) => {
        const parts = input.columns[d].map((v) =>
          add(
            { measureKey: measure.key, grain: "year", period: y, dimension: d, value: v },
            input.yearly.get(`${measure.key}\u0000${y}\u0000${d}\u0000${v}`) ?? 0,
          ),
        );
        lines.push({ parts, total: yearIds[yi]! });
      });
    }
  };

  for (const measure of input.measures) {
    const months = input.monthly.get(measure.key);
    if (!months || months.size === 0) continue;
    const sorted = [...months.keys()].sort();
    const all = monthsBetween(sorted[0]!, sorted.at(-1)!);
    const years = [...new Set(all.map((m) => m.slice(0, 4)))];
    if (YEARLY_ONLY.has(measure.key)) {
      // By year only: each year's cell is its months' sum, and the years add up to the total.
      const yearIds = years.map((y) =>
        add(
          { measureKey: measure.key, grain: "year", period: y, dimension: "", value: "" },
          all.filter((m) => m.startsWith(`${y}-`)).reduce((a, m) => a + (months.get(m) ?? 0), 0),
        ),
      );
      if (!NO_ALL_YEARS.has(measure.key)) {
        const allId = add(
          { measureKey: measure.key, grain: "all", period: "all", dimension: "", value: "" },
          yearIds.reduce((a, i) => a + values[i]!, 0),
        );
        lines.push({ parts: yearIds, total: allId });
      }
      addBreakdowns(measure, years, yearIds);
      continue;
    }
    const monthIds = all.map((m) => add({ measureKey: measure.key, grain: "month", period: m, dimension: "", value: "" }, months.get(m) ?? 0));
    const quarters = [...new Set(all.map(quarterOf))];
    const quarterIds = quarters.map((q) => {
      const parts = all.map((m, i) => (quarterOf(m) === q ? monthIds[i]! : -1)).filter((i) => i >= 0);
      const id = add(
        { measureKey: measure.key, grain: "quarter", period: q, dimension: "", value: "" },
        parts.reduce((a, i) => a + values[i]!, 0),
      );
      lines.push({ parts, total: id });
      return id;
    });
    const yearIds = years.map((y) => {
      const parts = quarters.map((q, i) => (q.startsWith(`${y}-`) ? quarterIds[i]! : -1)).filter((i) => i >= 0);
      const id = add(
        { measureKey: measure.key, grain: "year", period: y, dimension: "", value: "" },
        parts.reduce((a, i) => a + values[i]!, 0),
      );
      lines.push({ parts, total: id });
      return id;
    });
    const allId = add(
      { measureKey: measure.key, grain: "all", period: "all", dimension: "", value: "" },
      yearIds.reduce((a, i) => a + values[i]!, 0),
    );
    lines.push({ parts: yearIds, total: allId });
    addBreakdowns(measure, years, yearIds);
  }

  // Links between measures, cell by cell.
  const nests: Nest[] = [];
  const exclusive: ExclusiveGroup[] = [];
  const aliases: number[][] = [];
  rows.forEach((row, i) => {
    const parents = (MEASURE_PARENTS[row.measureKey] ?? [])
      .map((p) => index.get(cellKey(p, row.grain, row.period, row.dimension, row.value)))
      .filter((p): p is number => p !== undefined);
    if (row.grain === "year")
      for (const vn of VALUE_NESTS) {
        if (vn.child[0] !== row.measureKey || vn.child[1] !== row.dimension || vn.child[2] !== row.value) continue;
        const p = index.get(cellKey(vn.parent[0], "year", row.period, vn.parent[1], vn.parent[2]));
        if (p !== undefined) parents.push(p);
      }
    if (parents.length) nests.push({ child: i, parents });
    for (const g of EXCLUSIVE_STAGES) {
      if (row.measureKey !== g.parent) continue;
      const members = g.members.map((m) => index.get(cellKey(m, row.grain, row.period, row.dimension, row.value))).filter((m): m is number => m !== undefined);
      if (members.length) exclusive.push({ parent: i, members });
    }
    for (const g of PARTITIONS) {
      if (row.measureKey !== g.parent) continue;
      const members = g.members.map((m) => index.get(cellKey(m, row.grain, row.period, row.dimension, row.value)));
      if (members.every((m): m is number => m !== undefined)) lines.push({ parts: members, total: i });
    }
    const aliasOf = DRUG_ALIASES[row.measureKey];
    if (aliasOf && row.grain === "year" && row.dimension === "") {
      const other = index.get(cellKey(aliasOf, "year", row.period, "offense", "drug"));
      if (other !== undefined) aliases.push([i, other]);
    }
  });
  // Same cases, same cells: the drug measures' yearly rows nest under the alias's parents too.
  const { states } = suppress({ values, lines, nests, exclusive, aliases });
  return rows.map((row, i) => ({ ...row, count: states[i] === "shown" ? values[i]! : null, state: states[i]! }));
}
