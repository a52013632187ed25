/**
 * Small-cell suppression for published counts.
 *
 * Every count from 1 to 10 is primary-suppressed ("fewer than 11"). Complementary suppression
 * then hides enough other cells that no suppressed small count can be worked out from what is
 * shown: the row, column and grand totals and the visible cells.
 *
 * Why this is enough: write a table with its margins as an (R+1)×(C+1) grid in which every row
 * and every column sums to zero (margins negated). The unknowns are the suppressed entries, an
 * edge between their row and column in a bipartite graph. An entry is determined by the visible
 * ones exactly when its edge lies on no cycle (it is a bridge). So we close a cycle through
 * every primary cell, using the cheapest cells available (small inner cells before totals).
 * Second rule: where a line's total is shown, the sum of its suppressed cells can be computed,
 * so that sum must not itself be 1..10.
 */

export const MIN_PUBLIC_COUNT = 11;

export function isSmallCount(n: number) {
  return n >= 1 && n < MIN_PUBLIC_COUNT;
}

export type CellState = "shown" | "primary" | "complementary";

export type PublishedCell = { value: number | null; state: CellState };

export type SuppressedTable = {
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  colTotals: PublishedCell[];
  grandTotal: PublishedCell;
};

export type SuppressedSeries = { cells: PublishedCell[]; total: PublishedCell };

function publish(value: number, state: CellState): PublishedCell {
  return { value: state === "shown" ? value : null, state };
}

/** Cost of hiding an unsuppressed entry: prefer few, small, non-zero inner cells; totals last. */
function hideCost(value: number, isMargin: boolean) {
  return 1 + value + (value === 0 ? 100_000 : 0) + (isMargin ? 10_000_000 : 0);
}

/**
 * Suppresses a two-way table of counts shown with its row totals, column totals and grand total.
 * `counts[r][c]` are non-negative integers; every row has the same length.
 */
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

/**
 * A one-way list of counts shown with its total (a series by period). One equation: hide at
 * least two entries whenever one is hidden, and never let the hidden ones sum to 1..10.
 */
export function suppressSeries(values: number[]): SuppressedSeries {
  const total = values.reduce((a, b) => a + b, 0);
  const all = [...values, total];
  const last = values.length;
  const suppressed = all.map(isSmallCount);
  const primary = [...suppressed];
  const cost = (i: number) => hideCost(all[i]!, i === last);
  for (;;) {
    const hidden = all.map((_, i) => i).filter((i) => suppressed[i]);
    if (!hidden.length) break;
    const hiddenInnerSum = hidden.filter((i) => i !== last).reduce((a, i) => a + all[i]!, 0);
    const needMore = hidden.length === 1 || (!suppressed[last] && isSmallCount(hiddenInnerSum));
    if (!needMore) break;
    const candidates = all.map((_, i) => i).filter((i) => !suppressed[i]);
    if (!candidates.length) break;
    const pick = candidates.sort((a, b) => cost(a) - cost(b))[0]!;
    suppressed[pick] = true;
  }
  const state = (i: number): CellState => (primary[i] ? "primary" : suppressed[i] ? "complementary" : "shown");
  return { cells: values.map((v, i) => publish(v, state(i))), total: publish(total, state(last)) };
}

/**
 * A rate n/d is published only when neither n nor d − n is a small count: otherwise the rate and
 * the (published) denominator would give the small count back.
 */
export function publishableRate(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  if (isSmallCount(numerator) || isSmallCount(denominator - numerator) || isSmallCount(denominator)) return null;
  return numerator / denominator;
}
