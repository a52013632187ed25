/**
 * The attacker's linear program over the dashboard publication (HiGHS).
 *
 * Variables are the finest cells a reader could try to reconstruct: case participants by month
 * and "profile" (which measures count them: drug or not, sale, firearm, under 18, filed / declined /
 * diverted / none, disposed, sentenced ⇒ disposed, dismissed ⇒ disposed and not sentenced, and a drug
 * filing's grounds: community concern / connection to violence / none recorded), and by year × one
 * dimension value × profile (minors only in the age breakdown's under_18 column).
 * The two are tied by Σ_value x[d][year][value][π] = Σ_month∈year t[month][π] for every dimension
 * and profile. That reduced model has the same feasible published numbers as the full
 * cross-classification (any solution lifts to one over month × all dimensions × profile by the
 * product of its margins), at a size HiGHS solves in milliseconds.
 *
 * Constraints: every published number (equality), every "fewer than 11" cell in [1, 10] (in
 * [0, 10] when a cell it is part of at the same place is itself "fewer than 11"), every
 * "suppressed" cell ≥ 11 (the publication never hides a 0 as a complement), non-negativity.
 * Program measures are monthly counts with no breakdown: one variable per month.
 */
import highsLoader from "highs";

export type SeenCell = { measure: string; grain: "month" | "quarter" | "year" | "all"; period: string; dim: string; value: string; text: string };

const OUTCOMES = ["none", "filed", "declined", "diverted"] as const;
const GROUNDS = ["none", "concern", "violence"] as const;
/** After the outcome: no disposition, disposed, disposed and sentenced, or dismissed (never sentenced: no conviction). */
const DISPOSALS = ["none", "disposed", "sentenced", "dismissed"] as const;
type Profile = {
  drug: boolean;
  sale: boolean;
  firearm: boolean;
  /**
   * Age under 18: true (only in the age breakdown's under_18 column), false (only in the others),
   * or null (any age). Only firearm profiles need to know (firearm_under_18 counts the minors among
   * them); every other profile may be of any age, which keeps the model small and exact.
   */
  minor: boolean | null;
  outcome: (typeof OUTCOMES)[number];
  disposed: boolean;
  sentenced: boolean;
  dismissed: boolean;
  /** A drug filing's recorded grounds ("none" for everything else). */
  grounds: (typeof GROUNDS)[number];
};

export function profiles(): Profile[] {
  const out: Profile[] = [];
  for (const drug of [false, true])
    for (const sale of drug ? [false, true] : [false])
      // No firearm (any age); a firearm and under 18; (drug cases) a firearm and 18 or over. A non-drug
      // adult with a firearm is counted by no measure apart from a non-firearm one: it is "no firearm" here.
      for (const [firearm, minor] of (drug
        ? [
            [false, null],
            [true, true],
            [true, false],
          ]
        : [
            [false, null],
            [true, true],
          ]) as [boolean, boolean | null][])
        for (const outcome of OUTCOMES)
          for (const grounds of drug && outcome === "filed" ? GROUNDS : (["none"] as const))
            for (const d of DISPOSALS)
              out.push({ drug, sale, firearm, minor, outcome, disposed: d !== "none", sentenced: d === "sentenced", dismissed: d === "dismissed", grounds });
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
    case "firearm_under_18":
      return p.firearm && p.minor === true;
    default:
      throw new Error(`not a case measure: ${measure}`);
  }
}

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
  const x = new Map<string, number>(); // dim|year|value|π
  for (const [d, values] of Object.entries(opts.dims))
    for (const y of years)
      for (const v of values)
        P.forEach((p, pi) => {
          if (d === "offense" && p.drug !== (v === "drug")) return; // structural: drug profiles are offense drug
          if (d === "age" && p.minor !== null && p.minor !== (v === "under_18")) return; // structural: minors are age under 18
          x.set(`${d}|${y}|${v}|${pi}`, newVar());
        });
  const prog = new Map<string, number>();
  for (const k of opts.programMeasures) for (const m of opts.months) prog.set(`${k}|${m}`, newVar());

  type Row = { lo: number; hi: number; idx: number[]; val: number[] };
  const rows: Row[] = [];
  // Linking: each dimension's yearly split of a profile adds up to that profile's months.
  for (const d of Object.keys(opts.dims))
    for (const y of years)
      P.forEach((_, pi) => {
        const idx: number[] = [];
        const val: number[] = [];
        for (const v of opts.dims[d]!) {
          const i = x.get(`${d}|${y}|${v}|${pi}`);
          if (i !== undefined) (idx.push(i), val.push(1));
        }
        for (const m of opts.months) if (m.startsWith(y)) (idx.push(t.get(`${m}|${pi}`)!), val.push(-1));
        rows.push({ lo: 0, hi: 0, idx, val });
      });

  const monthsOf = (grain: SeenCell["grain"], period: string) =>
    opts.months.filter((m) =>
      grain === "all" ? true : grain === "year" ? m.startsWith(period) : grain === "quarter" ? quarterOf(m) === period : m === period,
    );
  const expr = (c: SeenCell): number[] => {
    if (opts.programMeasures.includes(c.measure)) return monthsOf(c.grain, c.period).map((m) => prog.get(`${c.measure}|${m}`)!);
    const out: number[] = [];
    P.forEach((p, pi) => {
      if (!inMeasure(p, c.measure)) return;
      if (!c.dim) for (const m of monthsOf(c.grain, c.period)) out.push(t.get(`${m}|${pi}`)!);
      else {
        const i = x.get(`${c.dim}|${c.period}|${c.value}|${pi}`);
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
    model.options.set({ output_flag: false, presolve: "off" });
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
