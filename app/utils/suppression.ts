/**
 * Small-count protection for every public number in the portal (dashboard measures, the
 * response clock, drug charging decisions, the concerns overview): one algorithm, one cell
 * type, one text for each state.
 *
 * The model. A publication is a set of counts (cells) and what a reader knows links them:
 * - lines: parts that sum to a total (a row of a table and its total; months and their quarter);
 * - nests: a child counts a subset of its parents' cases at the same position (filed ≤ referred);
 * - exclusive groups: children of one parent that never share a case (filed, declined, diverted);
 * - aliases: two cells that count exactly the same cases (drug referrals = referrals with offense drug).
 *
 * Primary suppression: every count from 1 to 10 is "fewer than 11". A published 0 stays 0 (it is
 * useful and protects nobody), except under a parent that is itself fewer than 11: there every
 * child is "fewer than 11" too, zero or not, so the states do not pin a child at 1 or more.
 *
 * Complementary suppression is decided so that every "fewer than 11" cell can still be anything
 * from 1 to 10 given all the published numbers (the test audits this with a linear-programming
 * solver over every cell): each line that has a hidden small cell must also hide enough of other
 * cells that the small one can move up to 10 and down to 1 with the line still adding up; a
 * complement is never a 0 (so a reader knows it is at least 11), hidden children of an exclusive
 * group hide their siblings at the same position, a hidden parent hides its children there, and a
 * parent is hidden when its shown children would leave a hidden child no room to reach 10.
 */

export const MIN_PUBLIC_COUNT = 11;
/** The largest count hidden as "fewer than 11". */
export const MAX_SMALL = MIN_PUBLIC_COUNT - 1;

export function isSmallCount(n: number) {
  return n >= 1 && n < MIN_PUBLIC_COUNT;
}

export type CellState = "shown" | "primary" | "complementary";
export type PublishedCell = { value: number | null; state: CellState };

export const FEWER_THAN_11 = "fewer than 11";
export const SUPPRESSED = "suppressed";

/** The i18n key (metrics namespace) of a hidden cell's text, or null for a shown number. */
export function hiddenTextKey(cell: PublishedCell): "dashboard.fewerThan11" | "dashboard.suppressed" | null {
  if (cell.state === "primary") return "dashboard.fewerThan11";
  if (cell.state === "complementary" || cell.value === null) return "dashboard.suppressed";
  return null;
}

/** A published cell as plain text (CSVs and APIs): the number, "fewer than 11" or "suppressed". */
export function cellPlainText(cell: PublishedCell) {
  const key = hiddenTextKey(cell);
  return key === "dashboard.fewerThan11" ? FEWER_THAN_11 : key ? SUPPRESSED : String(cell.value);
}

export type Line = { parts: number[]; total: number };
export type Nest = { child: number; parents: number[] };
export type ExclusiveGroup = { parent: number; members: number[] };

export type SuppressionProblem = {
  values: number[];
  lines: Line[];
  nests?: Nest[];
  exclusive?: ExclusiveGroup[];
  aliases?: number[][];
  /** Hide this cell as a complement only when nothing else will do (e.g. the margins of a table). */
  preferNot?: (i: number) => boolean;
  /** Treat 0 as "fewer than 11" too (the concerns overview, where a 0 next to a block list would say too much). */
  zeroIsSmall?: boolean;
};

export type SuppressionResult = { states: CellState[]; /** lower bound a reader can assume for each hidden cell */ lower: number[] };

/**
 * Decides primary and complementary suppression for the whole problem at once (every linked
 * table together), to a fixed point.
 */
export function suppress(problem: SuppressionProblem): SuppressionResult {
  const { values, lines } = problem;
  const nests = problem.nests ?? [];
  const exclusive = problem.exclusive ?? [];
  const aliases = problem.aliases ?? [];
  const n = values.length;
  const hidden = values.map((v) => isSmallCount(v) || (problem.zeroIsSmall === true && v === 0));
  const small = values.map((v) => v <= MAX_SMALL);
  /** "fewer than 11": hidden and at most 10. Cells hidden under a small parent may be 0. */
  const lower = values.map((v) => (isSmallCount(v) && !problem.zeroIsSmall ? 1 : v >= MIN_PUBLIC_COUNT ? MIN_PUBLIC_COUNT : 0));

  const linesOf: number[][] = Array.from({ length: n }, () => []);
  lines.forEach((l, k) => {
    for (const p of l.parts) linesOf[p]!.push(k);
    linesOf[l.total]!.push(k);
  });
  const parentsOf: number[][] = Array.from({ length: n }, () => []);
  const childrenOf: number[][] = Array.from({ length: n }, () => []);
  for (const nest of nests) {
    for (const p of nest.parents) {
      parentsOf[nest.child]!.push(p);
      childrenOf[p]!.push(nest.child);
    }
  }
  const groupOf: ExclusiveGroup[][] = Array.from({ length: n }, () => []);
  for (const g of exclusive) for (const m of g.members) groupOf[m]!.push(g);

  const isPrimary = (i: number) => hidden[i]! && small[i]!;
  const hi = (i: number) => (small[i] ? MAX_SMALL : Infinity);
  /** How far a hidden cell can go down: to its lower bound, and not below a shown child. */
  const down = (i: number) => {
    if (!hidden[i]) return 0;
    let floor = lower[i]!;
    for (const c of childrenOf[i]!) if (!hidden[c]) floor = Math.max(floor, values[c]!);
    return Math.max(0, values[i]! - floor);
  };
  /** How far a hidden cell can go up: to its upper bound, and within a shown parent's room. */
  const up = (i: number) => {
    if (!hidden[i]) return 0;
    let room = hi(i) - values[i]!;
    for (const p of parentsOf[i]!) {
      if (hidden[p]) continue;
      let used = values[i]!;
      for (const g of groupOf[i]!) {
        if (g.parent !== p) continue;
        for (const m of g.members) if (m !== i) used += hidden[m] ? lower[m]! : values[m]!;
      }
      room = Math.min(room, values[p]! - used);
    }
    return Math.max(0, room);
  };

  let changed = true;
  const hide = (i: number) => {
    if (hidden[i]) return;
    // A 0 inside a published 0 (no unknown-race firearm cases when there are no unknown-race cases) says nothing: it stays 0.
    if (values[i] === 0 && parentsOf[i]!.some((p) => values[p] === 0 && !hidden[p])) return;
    hidden[i] = true;
    changed = true;
  };

  for (let guard = 0; changed && guard < 10 * n + 10; guard++) {
    changed = false;
    // Nests: under a small parent every child is small (even 0); under a hidden parent every non-zero child is hidden.
    for (const nest of nests) {
      for (const p of nest.parents) {
        if (isPrimary(p) && !hidden[nest.child]) {
          hide(nest.child);
          lower[nest.child] = 0;
        } else if (isPrimary(p) && lower[nest.child] !== 0 && small[nest.child]) {
          lower[nest.child] = 0;
          changed = true;
        } else if (hidden[p] && values[nest.child]! > 0) hide(nest.child);
      }
    }
    // Exclusive groups: a hidden member hides its non-zero siblings and the parent (whose shown value
    // would otherwise fix the members' sum: they nearly add up to it), which hides them all there.
    for (const g of exclusive) {
      if (!g.members.some((m) => hidden[m])) continue;
      for (const m of g.members) if (values[m]! > 0) hide(m);
      if (values[g.parent]! > 0) hide(g.parent);
    }
    // A line whose total is fewer than 11: its parts are too (0 included), like children of a small parent.
    for (const line of lines) {
      if (!isPrimary(line.total)) continue;
      for (const p of line.parts) {
        if (!hidden[p]) hide(p);
        if (hidden[p] && lower[p] !== 0) {
          lower[p] = 0;
          changed = true;
        }
      }
    }
    for (const group of aliases) if (group.some((i) => hidden[i])) for (const i of group) hide(i);
    // Lines: a shown total never leaves a single part hidden (it would be the total minus the rest),
    // and every small hidden cell must be able to reach 10 and 1 with the line still adding up.
    for (const line of lines) {
      const members = [...line.parts, line.total];
      // …nor a hidden total with every part shown (it would be their sum).
      if (hidden[line.total] && values[line.total]! > 0 && !line.parts.some((p) => hidden[p])) {
        const pick = pickComplement(line, line.total, MAX_SMALL, 0);
        if (pick !== null) hide(pick);
      }
      if (!hidden[line.total] && line.parts.filter((p) => hidden[p]).length === 1) {
        const pick = pickComplement(
          line,
          line.parts.find((p) => hidden[p])!,
          MAX_SMALL,
          0,
        );
        if (pick !== null) hide(pick);
      }
      for (const a of members) {
        if (!isPrimary(a)) continue;
        const isTotal = a === line.total;
        // Raising a part by δ: other parts go down by δ or the total up by δ. Raising the total: parts go up.
        let capUp = 0;
        let capDown = 0;
        for (const b of line.parts) {
          if (b === a || !hidden[b]) continue;
          capUp += isTotal ? up(b) : down(b);
          capDown += isTotal ? down(b) : up(b);
        }
        if (!isTotal && hidden[line.total]) {
          capUp += up(line.total);
          capDown += down(line.total);
        }
        const needUp = MAX_SMALL - values[a]!;
        const needDown = Math.max(0, values[a]! - 1);
        if (capUp >= needUp && capDown >= needDown) continue;
        const pick = pickComplement(line, a, needUp - capUp, needDown - capDown);
        if (pick === null) continue;
        hide(pick);
      }
    }
  }

  function pickComplement(line: Line, a: number, lackUp: number, lackDown: number): number | null {
    const candidates = line.parts.filter((b) => b !== a && !hidden[b] && values[b]! > 0);
    // A complement goes down by up to (value − 11) and up freely (within its parent's room).
    const score = (b: number) => {
      const slack = values[b]! - MIN_PUBLIC_COUNT;
      const enough = slack >= Math.max(0, lackUp) ? 0 : 1_000_000;
      return enough + values[b]! + (problem.preferNot?.(b) ? 10_000_000 : 0);
    };
    const best = candidates.sort((x, y) => score(x) - score(y))[0];
    if (best !== undefined && (score(best) < 1_000_000 || hidden[line.total] || a === line.total)) return best;
    if (a !== line.total && !hidden[line.total] && values[line.total]! > 0) return line.total;
    void lackDown;
    return best ?? null;
  }

  const states: CellState[] = values.map((v, i) => (!hidden[i] ? "shown" : small[i] ? "primary" : "complementary"));
  return { states, lower };
}

function publish(value: number, state: CellState): PublishedCell {
  return { value: state === "shown" ? value : null, state };
}

export type SuppressedTable = { cells: PublishedCell[][]; rowTotals: PublishedCell[]; colTotals: PublishedCell[]; grandTotal: PublishedCell };
export type SuppressedSeries = { cells: PublishedCell[]; total: PublishedCell };

/**
 * A two-way table shown with its row, column and grand totals (the drug charging decisions by
 * month). Its lines cross, so the per-line rule above is not enough on its own: here a hidden
 * small entry is kept on a cycle of hidden entries (write the table with its margins as a grid
 * whose rows and columns sum to zero; an entry is determined by the visible ones exactly when
 * its edge in the row–column graph lies on no cycle), and a line with a shown total never hides
 * a part that sums to 1..10.
 */
/** Cost of hiding an unsuppressed entry: prefer few, small, non-zero inner cells; totals last. */
function hideCost(value: number, isMargin: boolean) {
  return 1 + value + (value === 0 ? 100_000 : 0) + (isMargin ? 10_000_000 : 0);
}

export function suppressTable(counts: number[][]): SuppressedTable {
  const R = counts.length;
  const C = R ? counts[0]!.length : 0;
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = Array.from({ length: C }, (_, c) => counts.reduce((a, row) => a + row[c]!, 0));
  const grand = rowTotals.reduce((a, b) => a + b, 0);

  // The extended grid: row R holds the column totals, column C the row totals.
  const value = (r: number, c: number) => (r < R && c < C ? counts[r]![c]! : r === R && c < C ? colTotals[c]! : r < R && c === C ? rowTotals[r]! : grand);
  const isMargin = (r: number, c: number) => r === R || c === C;
  const suppressed: boolean[][] = Array.from({ length: R + 1 }, (_, r) => Array.from({ length: C + 1 }, (_, c) => isSmallCount(value(r, c))));
  const primary = suppressed.map((row) => [...row]);

  if (R === 0 || C === 0) {
    return { cells: [], rowTotals: [], colTotals: [], grandTotal: publish(grand, primary[0]?.[0] ? "primary" : "shown") };
  }

  const NR = R + 1;
  const NC = C + 1;
  // Node ids: rows 0..R, columns NR..NR+C.
  const nodes = NR + NC;

  /** Cheapest path from row r to column c avoiding entry (r, c); returns the entries to hide. */
  function closeCycle(r0: number, c0: number): [number, number][] | null {
    const dist = new Array<number>(nodes).fill(Infinity);
    const prev = new Array<number>(nodes).fill(-1);
    const done = new Array<boolean>(nodes).fill(false);
    const start = r0;
    const target = NR + c0;
    dist[start] = 0;
    for (;;) {
      let u = -1;
      for (let i = 0; i < nodes; i++) if (!done[i] && dist[i]! < Infinity && (u === -1 || dist[i]! < dist[u]!)) u = i;
      if (u === -1 || u === target) break;
      done[u] = true;
      const neighbours = u < NR ? Array.from({ length: NC }, (_, c) => NR + c) : Array.from({ length: NR }, (_, r) => r);
      for (const v of neighbours) {
        const r = u < NR ? u : v;
        const c = (u < NR ? v : u) - NR;
        if (r === r0 && c === c0) continue;
        const w = suppressed[r]![c]! ? 0 : hideCost(value(r, c), isMargin(r, c));
        if (dist[u]! + w < dist[v]!) {
          dist[v] = dist[u]! + w;
          prev[v] = u;
        }
      }
    }
    if (dist[target] === Infinity) return null;
    const path: [number, number][] = [];
    for (let v = target; prev[v] !== -1; v = prev[v]!) {
      const u = prev[v]!;
      const r = u < NR ? u : v;
      const c = (u < NR ? v : u) - NR;
      if (!suppressed[r]![c]) path.push([r, c]);
    }
    return path;
  }

  /** Is entry (r0, c0) on a cycle of suppressed entries (i.e. not derivable)? */
  function onCycle(r0: number, c0: number) {
    const seen = new Array<boolean>(nodes).fill(false);
    const stack = [r0];
    seen[r0] = true;
    while (stack.length) {
      const u = stack.pop()!;
      if (u === NR + c0) return true;
      const neighbours = u < NR ? Array.from({ length: NC }, (_, c) => NR + c) : Array.from({ length: NR }, (_, r) => r);
      for (const v of neighbours) {
        const r = u < NR ? u : v;
        const c = (u < NR ? v : u) - NR;
        if ((r === r0 && c === c0) || !suppressed[r]![c] || seen[v]) continue;
        seen[v] = true;
        stack.push(v);
      }
    }
    return false;
  }

  /** The line rule: with a visible total, the suppressed cells of a line must not sum to 1..10. */
  function fixLineSums(): boolean {
    let changed = false;
    const lines: [number, number][][] = [
      ...Array.from({ length: NR }, (_, r) => Array.from({ length: NC }, (_, c) => [r, c] as [number, number])),
      ...Array.from({ length: NC }, (_, c) => Array.from({ length: NR }, (_, r) => [r, c] as [number, number])),
    ];
    for (const line of lines) {
      const total = line[line.length - 1]!;
      if (suppressed[total[0]]![total[1]]) continue;
      const inner = line.slice(0, -1);
      const hidden = inner.filter(([r, c]) => suppressed[r]![c]);
      if (!hidden.length) continue;
      const sum = hidden.reduce((a, [r, c]) => a + value(r, c), 0);
      if (!isSmallCount(sum)) continue;
      const candidates = inner.filter(([r, c]) => !suppressed[r]![c]);
      const pick = candidates.sort((a, b) => hideCost(value(...a), isMargin(...a)) - hideCost(value(...b), isMargin(...b)))[0] ?? total;
      suppressed[pick[0]]![pick[1]] = true;
      changed = true;
    }
    return changed;
  }

  for (let guard = 0; guard < NR * NC + 1; guard++) {
    let changed = fixLineSums();
    for (let r = 0; r < NR; r++) {
      for (let c = 0; c < NC; c++) {
        if (!primary[r]![c] || onCycle(r, c)) continue;
        const path = closeCycle(r, c);
        for (const [pr, pc] of path ?? []) suppressed[pr]![pc] = true;
        changed = true;
      }
    }
    if (!changed) break;
  }

  const state = (r: number, c: number): CellState => (primary[r]![c] ? "primary" : suppressed[r]![c] ? "complementary" : "shown");
  return {
    cells: counts.map((row, r) => row.map((v, c) => publish(v, state(r, c)))),
    rowTotals: rowTotals.map((v, r) => publish(v, state(r, C))),
    colTotals: colTotals.map((v, c) => publish(v, state(R, c))),
    grandTotal: publish(grand, state(R, C)),
  };
}

/** A one-way list of counts shown with its total (a series by period). */
export function suppressSeries(values: number[]): SuppressedSeries {
  const total = values.reduce((a, b) => a + b, 0);
  const { states } = suppress({ values: [...values, total], lines: [{ parts: values.map((_, i) => i), total: values.length }] });
  return { cells: values.map((v, i) => publish(v, states[i]!)), total: publish(total, states[values.length]!) };
}

/**
 * A rate is published only when its numerator and its denominator are both published: then it
 * tells nothing the two counts do not, and a withheld count cannot be recovered from it.
 */
export function publishedRate(numerator: PublishedCell, denominator: PublishedCell): number | null {
  if (numerator.state !== "shown" || denominator.state !== "shown" || numerator.value === null || denominator.value === null) return null;
  if (denominator.value <= 0) return null;
  return numerator.value / denominator.value;
}
