/**
 * The attacker's linear program over the dashboard publication (HiGHS).
 *
 * Variables are the finest cells a reader could try to reconstruct: case participants by month
 * and "profile" (which measures count them: drug or not, sale, firearm, filed / declined /
 * diverted / none, disposed, sentenced ⇒ disposed, dismissed ⇒ disposed and not sentenced, and a
 * drug filing's grounds: community concern / connection to violence / none recorded), and by
 * year × one dimension value × profile.
 * The two are tied by Σ_value x[d][year][value][π] = Σ_month∈year t[month][π] for every dimension
 * and profile. That reduced model has the same feasible published numbers as the full
 * cross-classification (any solution lifts to one over month × all dimensions × profile by the
 * product of its margins), at a size HiGHS solves in milliseconds.
 *
 * Two traits are modelled only where a published figure can see them, which keeps the model
 * exact and small (counting every profile twice for each, as a first attempt did, made the audit
 * run for more than 20 minutes):
 * - Dismissed. Only a disposed, unsentenced profile π has a dismissed twin π′. The twin has its
 *   own variables by month and in the dimensions `dismissed` is published by (read from the
 *   cells: race/ethnicity); in every other dimension π and π′ share one variable x[d][y][v][π],
 *   tied to the months of both. Exact: no published cell in those dimensions tells π from π′, so
 *   any split of the shared variable with the twins' yearly totals as margins (e.g. proportional)
 *   lifts a solution to the fully split model, and the fully split model projects onto this one.
 * - Under 18 with a firearm. `firearm_under_18` is published by year and county-wide only (the
 *   audit refuses any other cell of it). Its year is the drug firearm profiles' under_18 column
 *   (already in the model: age is a dimension) plus g[y], the non-drug minors with a firearm, with
 *   0 ≤ g[y] ≤ Σ non-drug profiles' x[age][y][under_18]. Exact: no other measure counts a
 *   non-drug firearm, so any g[y] non-drug minors of year y (of any months, profiles and other
 *   dimension values) can carry one, and no more than all of them can; its all-years cell is the
 *   sum of its years.
 *
 * Constraints: every published number (equality), every "fewer than 11" cell in [1, 10] (in
 * [0, 10] when a cell it is part of at the same place is itself "fewer than 11"), every
 * "suppressed" cell ≥ 11 (the publication never hides a 0 as a complement), non-negativity.
 * Program measures are monthly counts with no breakdown: one variable per month.
 *
 * Concerns in the loop are their own block (they share nothing with cases): concerns by month and
 * "concern profile" (documented or not, cited ⇒ documented, answered or not), and by year × ZIP ×
 * profile, tied as the cases are.
 */
import highsLoader from "highs";

export type SeenCell = { measure: string; grain: "month" | "quarter" | "year" | "all"; period: string; dim: string; value: string; text: string };

const OUTCOMES = ["none", "filed", "declined", "diverted"] as const;
const GROUNDS = ["none", "concern", "violence"] as const;
type Profile = {
  drug: boolean;
  sale: boolean;
  /** A firearm recovered: drug profiles only (drug_firearm); a non-drug firearm is seen only by firearm_under_18 (g[y] above). */
  firearm: boolean;
  outcome: (typeof OUTCOMES)[number];
  disposed: boolean;
  sentenced: boolean;
  /** Disposed by dismissal: never sentenced (no conviction); a twin of the same profile undismissed. */
  dismissed: boolean;
  /** A drug filing's recorded grounds ("none" for everything else). */
  grounds: (typeof GROUNDS)[number];
};

export function profiles(): Profile[] {
  const out: Profile[] = [];
  for (const drug of [false, true])
    for (const sale of drug ? [false, true] : [false])
      for (const firearm of drug ? [false, true] : [false])
        for (const outcome of OUTCOMES)
          for (const grounds of drug && outcome === "filed" ? GROUNDS : (["none"] as const))
            for (const [disposed, sentenced] of [
              [false, false],
              [true, false],
              [true, true],
            ] as const)
              out.push({ drug, sale, firearm, outcome, disposed, sentenced, dismissed: false, grounds });
  // The dismissed twins, after all the others (so an undismissed profile's index is the same as before).
  for (const p of out.filter((q) => q.disposed && !q.sentenced)) out.push({ ...p, dismissed: true });
  return out;
}

export function inMeasure(p: Profile, measure: string): boolean {
  switch (measure) {
    case "referred":
      return true;
    case "filed":
    case "declined":
    case "diverted":
      return p.outcome === measure;
    case "disposed":
      return p.disposed;
    case "sentenced":
      return p.sentenced;
    case "drug_referred":
      return p.drug;
    case "drug_sale_referred":
      return p.drug && p.sale;
    case "drug_filed":
      return p.drug && p.outcome === "filed";
    case "drug_firearm":
      return p.drug && p.firearm;
    case "drug_declined":
      return p.drug && p.outcome === "declined";
    case "drug_filed_concern":
      return p.drug && p.outcome === "filed" && p.grounds === "concern";
    case "drug_filed_violence":
      return p.drug && p.outcome === "filed" && p.grounds === "violence";
    case "drug_filed_unrecorded":
      return p.drug && p.outcome === "filed" && p.grounds === "none";
    case "dismissed":
      return p.dismissed;
    default:
      throw new Error(`not a case measure: ${measure}`);
  }
}

/** What each concern-loop measure counts of a concern. */
type ConcernProfile = { documented: boolean; cited: boolean; answered: boolean };
const CONCERN_PROFILES: ConcernProfile[] = [false, true].flatMap((documented) =>
  (documented ? [false, true] : [false]).flatMap((cited) => [false, true].map((answered) => ({ documented, cited, answered }))),
);
const CONCERN_MEASURES: Record<string, (p: ConcernProfile) => boolean> = {
  concerns_received: () => true,
  concerns_documented: (p) => p.documented,
  concerns_cited: (p) => p.cited,
  concerns_responded: (p) => p.answered,
};
const CONCERN_PARENTS: Record<string, string[]> = {
  concerns_documented: ["concerns_received"],
  concerns_cited: ["concerns_documented"],
  concerns_responded: ["concerns_received"],
};

/**
 * Parents at the same place, as a reader knows them (a "fewer than 11" parent lets a child be 0).
 * Written out here rather than imported from the publication's MEASURE_PARENTS on purpose: the
 * attacker's model must not inherit a mistake in the code it audits.
 */
const PARENTS: Record<string, string[]> = {
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
  ...CONCERN_PARENTS,
};
/** Parents in another place, by year: firearms from people under 18 are referrals aged under 18, and contain drug firearm cases aged under 18. */
const CROSS_PARENTS: { child: [string, string, string]; parent: [string, string, string] }[] = [
  { child: ["firearm_under_18", "", ""], parent: ["referred", "age", "under_18"] },
  { child: ["drug_firearm", "age", "under_18"], parent: ["firearm_under_18", "", ""] },
];

export const FEWER = "fewer than 11";
export const SUPPRESSED = "suppressed";

function quarterOf(month: string) {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

export type AuditResult = {
  variables: number;
  constraints: number;
  audited: number;
  failures: { cell: string; min: number; max: number }[];
  /** Narrowest range found: at least 9 (each range covers 1..10); exact only for cells solved one by one. */
  minWidth: number;
  /** LPs solved for single cells (the rest were proven in batches). */
  solves: number;
  ms: number;
};

export async function auditPublication(
  cells: SeenCell[],
  opts: { months: string[]; dims: Record<string, string[]>; programMeasures: string[]; drugOnlyNoOffense?: boolean },
): Promise<AuditResult> {
  const started = Date.now();
  const highs = await highsLoader();
  const P = profiles();
  const years = [...new Set(opts.months.map((m) => m.slice(0, 4)))];
  // A dismissed twin's undismissed profile; the dimensions the twins are told apart in (those
  // `dismissed` is published by); in the others a twin uses its profile's variable (see above).
  const sameBut = (p: Profile, q: Profile) => (Object.keys(p) as (keyof Profile)[]).every((k) => k === "dismissed" || p[k] === q[k]);
  const undismissed = P.map((p, pi) => (p.dismissed ? P.findIndex((q) => !q.dismissed && sameBut(p, q)) : pi));
  const dismissedDims = new Set(cells.filter((c) => c.measure === "dismissed" && c.dim).map((c) => c.dim));
  const rep = (d: string, pi: number) => (dismissedDims.has(d) ? pi : undismissed[pi]!);
  for (const c of cells)
    if (c.measure === "firearm_under_18" && (c.dim || (c.grain !== "year" && c.grain !== "all")))
      throw new Error(`the model counts firearm_under_18 by year, county-wide only; it is published at ${c.grain} ${c.period} ${c.dim}=${c.value}`);
  let nVars = 0;
  const lower: number[] = [];
  const upper: number[] = [];
  const newVar = () => {
    lower.push(0);
    upper.push(Infinity);
    return nVars++;
  };
  const t = new Map<string, number>(); // month|π
  for (const m of opts.months) P.forEach((_, pi) => t.set(`${m}|${pi}`, newVar()));
  const x = new Map<string, number>(); // dim|year|value|π (π its own representative in that dimension)
  for (const [d, values] of Object.entries(opts.dims))
    for (const y of years)
      for (const v of values)
        P.forEach((p, pi) => {
          if (rep(d, pi) !== pi) return; // a dismissed twin, not told apart in this dimension
          if (d === "offense" && p.drug !== (v === "drug")) return; // structural: drug profiles are offense drug
          x.set(`${d}|${y}|${v}|${pi}`, newVar());
        });
  // The concern block: tc[month|κ] and xc[dim|year|value|κ] for the dimensions concern measures are published by.
  const concernDims = [...new Set(cells.filter((c) => c.measure in CONCERN_MEASURES && c.dim).map((c) => c.dim))];
  const tc = new Map<string, number>();
  const xc = new Map<string, number>();
  if (cells.some((c) => c.measure in CONCERN_MEASURES)) {
    for (const m of opts.months) CONCERN_PROFILES.forEach((_, ki) => tc.set(`${m}|${ki}`, newVar()));
    for (const d of concernDims)
      for (const y of years) for (const v of opts.dims[d] ?? []) CONCERN_PROFILES.forEach((_, ki) => xc.set(`${d}|${y}|${v}|${ki}`, newVar()));
  }
  const prog = new Map<string, number>();
  for (const k of opts.programMeasures) for (const m of opts.months) prog.set(`${k}|${m}`, newVar());
  // g[y]: non-drug minors with a firearm recovered (only firearm_under_18 sees them).
  const minorFirearm = new Map<string, number>();
  if (cells.some((c) => c.measure === "firearm_under_18")) {
    if (!opts.dims.age?.includes("under_18")) throw new Error("firearm_under_18 needs the age breakdown's under_18 column in the model");
    for (const y of years) minorFirearm.set(y, newVar());
  }

  type Row = { lo: number; hi: number; idx: number[]; val: number[] };
  const rows: Row[] = [];
  // Linking: each dimension's yearly split of a profile adds up to that profile's months (and its
  // dismissed twin's, where the dimension does not tell them apart).
  for (const d of Object.keys(opts.dims))
    for (const y of years)
      P.forEach((_, pi) => {
        if (rep(d, pi) !== pi) return;
        const idx: number[] = [];
        const val: number[] = [];
        for (const v of opts.dims[d]!) {
          const i = x.get(`${d}|${y}|${v}|${pi}`);
          if (i !== undefined) (idx.push(i), val.push(1));
        }
        P.forEach((_, qi) => {
          if (rep(d, qi) !== pi) return;
          for (const m of opts.months) if (m.startsWith(y)) (idx.push(t.get(`${m}|${qi}`)!), val.push(-1));
        });
        rows.push({ lo: 0, hi: 0, idx, val });
      });
  // A ZIP split of a concern profile's year adds up to its months.
  if (tc.size)
    for (const d of concernDims)
      for (const y of years)
        CONCERN_PROFILES.forEach((_, ki) => {
          const idx = (opts.dims[d] ?? []).map((v) => xc.get(`${d}|${y}|${v}|${ki}`)!);
          const val = idx.map(() => 1);
          for (const m of opts.months) if (m.startsWith(y)) (idx.push(tc.get(`${m}|${ki}`)!), val.push(-1));
          rows.push({ lo: 0, hi: 0, idx, val });
        });
  // 0 ≤ g[y] ≤ the non-drug minors of the year.
  for (const [y, g] of minorFirearm) {
    const idx = [g];
    const val = [1];
    P.forEach((p, pi) => {
      const i = x.get(`age|${y}|under_18|${pi}`);
      if (!p.drug && i !== undefined) (idx.push(i), val.push(-1));
    });
    rows.push({ lo: -Infinity, hi: 0, idx, val });
  }

  const monthsOf = (grain: SeenCell["grain"], period: string) =>
    opts.months.filter((m) =>
      grain === "all" ? true : grain === "year" ? m.startsWith(period) : grain === "quarter" ? quarterOf(m) === period : m === period,
    );
  const expr = (c: SeenCell): number[] => {
    if (opts.programMeasures.includes(c.measure)) return monthsOf(c.grain, c.period).map((m) => prog.get(`${c.measure}|${m}`)!);
    const concernHas = CONCERN_MEASURES[c.measure];
    if (concernHas) {
      const out: number[] = [];
      CONCERN_PROFILES.forEach((p, ki) => {
        if (!concernHas(p)) return;
        if (!c.dim) for (const m of monthsOf(c.grain, c.period)) out.push(tc.get(`${m}|${ki}`)!);
        else if (c.grain === "year") out.push(xc.get(`${c.dim}|${c.period}|${c.value}|${ki}`)!);
        else throw new Error(`the model has concerns by ${c.dim} by year only; ${c.measure} is published at ${c.grain} ${c.period} ${c.dim}=${c.value}`);
      });
      if (out.some((i) => i === undefined)) throw new Error(`a concern cell outside the model: ${c.measure} ${c.grain} ${c.period} ${c.dim}=${c.value}`);
      return out;
    }
    if (c.measure === "firearm_under_18") {
      // Its years: the drug firearm profiles' minors and g[y].
      const out: number[] = [];
      for (const y of c.grain === "all" ? years : [c.period]) {
        out.push(minorFirearm.get(y)!);
        P.forEach((p, pi) => {
          const i = x.get(`age|${y}|under_18|${pi}`);
          if (p.drug && p.firearm && i !== undefined) out.push(i);
        });
      }
      return out;
    }
    const out: number[] = [];
    P.forEach((p, pi) => {
      // A shared variable stands for a profile and its twin: only a measure counting both or neither may use it.
      if (c.dim && inMeasure(P[rep(c.dim, pi)]!, c.measure) !== inMeasure(p, c.measure))
        throw new Error(`${c.measure} tells dismissed cases apart in ${c.dim}, which the model does not`);
      if (!inMeasure(p, c.measure)) return;
      if (!c.dim) for (const m of monthsOf(c.grain, c.period)) out.push(t.get(`${m}|${pi}`)!);
      else {
        const i = x.get(`${c.dim}|${c.period}|${c.value}|${rep(c.dim, pi)}`);
        if (i !== undefined) out.push(i);
      }
    });
    return out;
  };
  const keyOf = (c: Pick<SeenCell, "measure" | "grain" | "period" | "dim" | "value">) => `${c.measure}|${c.grain}|${c.period}|${c.dim}|${c.value}`;
  const byKey = new Map(cells.map((c) => [keyOf(c), c]));
  const audited: { c: SeenCell; idx: number[] }[] = [];
  for (const c of cells) {
    const idx = [...new Set(expr(c))].sort((a, b) => a - b);
    const val = idx.map(() => 1);
    if (c.text === FEWER) {
      // The cell is part of a "fewer than 11" cell: a measure containing it, or the period total it adds up to.
      const enclosing =
        c.dim !== ""
          ? { ...c, dim: "", value: "" }
          : c.grain === "month"
            ? { ...c, grain: "quarter" as const, period: quarterOf(c.period) }
            : c.grain === "quarter"
              ? { ...c, grain: "year" as const, period: c.period.slice(0, 4) }
              : c.grain === "year"
                ? { ...c, grain: "all" as const, period: "all" }
                : null;
      const parentFewer =
        (PARENTS[c.measure] ?? []).some((p) => byKey.get(keyOf({ ...c, measure: p }))?.text === FEWER) ||
        (c.grain === "year" &&
          CROSS_PARENTS.some(
            (x) =>
              x.child[0] === c.measure &&
              x.child[1] === c.dim &&
              x.child[2] === c.value &&
              byKey.get(keyOf({ measure: x.parent[0], grain: "year", period: c.period, dim: x.parent[1], value: x.parent[2] }))?.text === FEWER,
          )) ||
        (enclosing !== null && byKey.get(keyOf(enclosing))?.text === FEWER);
      rows.push({ lo: parentFewer ? 0 : 1, hi: 10, idx, val });
      audited.push({ c, idx });
    } else if (c.text === SUPPRESSED) rows.push({ lo: 11, hi: Infinity, idx, val });
    else {
      const n = Number(c.text);
      if (!Number.isInteger(n)) throw new Error(`unreadable cell ${keyOf(c)}: ${c.text}`);
      rows.push({ lo: n, hi: n, idx, val });
    }
  }

  const model = highs.createModel();
  const failures: AuditResult["failures"] = [];
  let solves = 0;
  let minWidth = Infinity;
  try {
    // Presolve off and primal simplex: every solve after the first changes only the objective, so the
    // last optimal basis is still feasible and primal simplex goes on from it (a few ms a solve); the
    // dual simplex, HiGHS's default, took seconds for each one (the audit ran 9 minutes, now 40 s).
    model.options.set({ output_flag: false, presolve: "off", simplex_strategy: 4 });
    model.addVars(lower, upper);
    for (const r of rows) model.addRow(r.lo, r.hi, { indices: r.idx, values: r.val });
    const run = (costs: Map<number, number>, sense: "minimize" | "maximize") => {
      const indices = [...costs.keys()].sort((p, q) => p - q);
      model.changeObjectiveSense(highs.constants.objectiveSense[sense]);
      if (indices.length)
        model.changeColsCost(
          { kind: "set", indices },
          indices.map((i) => costs.get(i)!),
        );
      model.run();
      const status = model.getModelStatus();
      if (status !== highs.constants.modelStatus.optimal) throw new Error(`LP status ${status} (${sense})`);
      const solution = model.getSolution().colValue;
      if (indices.length)
        model.changeColsCost(
          { kind: "set", indices },
          indices.map(() => 0),
        );
      return solution;
    };
    const valueOf = (sol: ArrayLike<number>, idx: number[]) => idx.reduce((a, i) => a + sol[i]!, 0);
    // A feasible point with a cell at 10 (or at 1) proves that end of its range. Push every cell not
    // yet proven up (or down) at once and keep what reaches it; then solve the rest one by one.
    const prove = (sense: "minimize" | "maximize") => {
      const reached = (v: number) => (sense === "maximize" ? v >= 10 - 1e-6 : v <= 1 + 1e-6);
      let open = audited.map((_, k) => k);
      for (let round = 0; open.length && round < 40; round++) {
        const costs = new Map<number, number>();
        for (const k of open) for (const i of audited[k]!.idx) costs.set(i, (costs.get(i) ?? 0) + 1);
        const sol = run(costs, sense);
        const before = open.length;
        open = open.filter((k) => !reached(valueOf(sol, audited[k]!.idx)));
        if (open.length === before) break;
      }
      const exact = new Map<number, number>();
      for (const k of open) {
        const idx = audited[k]!.idx;
        exact.set(k, valueOf(run(new Map(idx.map((i) => [i, 1])), sense), idx));
      }
      return { exact, solves: exact.size };
    };
    const high = prove("maximize");
    const low = prove("minimize");
    solves = high.solves + low.solves;
    audited.forEach(({ c }, k) => {
      const max = high.exact.get(k) ?? 10;
      const min = low.exact.get(k) ?? 1;
      minWidth = Math.min(minWidth, max - min);
      if (min > 1 + 1e-6 || max < 10 - 1e-6) failures.push({ cell: keyOf(c), min, max });
    });
  } finally {
    model.dispose();
  }
  return { variables: nVars, constraints: rows.length, audited: audited.length, failures, minWidth, solves, ms: Date.now() - started };
}
