/**
 * An independent check (plain linear algebra, not the suppression code's graph argument) that a
 * published table gives away no count from 1 to 10: none is shown, none of the hidden entries is
 * determined by the equations "parts sum to total", and no line's hidden part sums to 1..10.
 */
export type Equation = { parts: number[]; total: number };

const small = (n: number) => n >= 1 && n <= 10;
const EPS = 1e-9;

export function disclosures(entries: (number | null)[], equations: Equation[]): string[] {
  const problems: string[] = [];
  entries.forEach((v, i) => {
    if (v !== null && small(v)) problems.push(`entry ${i} shows ${v}`);
  });
  // Line residuals: total shown minus the shown parts = the sum of the hidden parts.
  for (const eq of equations) {
    const total = entries[eq.total];
    if (total === null || total === undefined) continue;
    const hidden = eq.parts.filter((p) => entries[p] === null);
    if (!hidden.length) continue;
    const residual = total - eq.parts.reduce((a, p) => a + (entries[p] ?? 0), 0);
    if (small(residual)) problems.push(`entries ${hidden.join(",")} sum to ${residual} (total ${eq.total} minus shown parts)`);
  }
  // Exact derivation: Gaussian elimination over the hidden entries.
  const unknowns = entries.map((v, i) => (v === null ? i : -1)).filter((i) => i >= 0);
  const col = new Map(unknowns.map((u, k) => [u, k]));
  const rows: number[][] = [];
  for (const eq of equations) {
    // parts − total = 0
    const row = new Array<number>(unknowns.length + 1).fill(0);
    let rhs = 0;
    const add = (idx: number, coef: number) => {
      const v = entries[idx];
      if (v === null || v === undefined) row[col.get(idx)!]! += coef;
      else rhs -= coef * v;
    };
    eq.parts.forEach((p) => add(p, 1));
    add(eq.total, -1);
    row[unknowns.length] = rhs;
    if (row.slice(0, -1).some((x) => Math.abs(x) > EPS)) rows.push(row);
  }
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let c = 0; c < unknowns.length && pivotRow < rows.length; c++) {
    let best = pivotRow;
    for (let r = pivotRow; r < rows.length; r++) if (Math.abs(rows[r]![c]!) > Math.abs(rows[best]![c]!)) best = r;
    if (Math.abs(rows[best]![c]!) < EPS) continue;
    [rows[pivotRow], rows[best]] = [rows[best]!, rows[pivotRow]!];
    const pr = rows[pivotRow]!;
    const pv = pr[c]!;
    for (let k = 0; k < pr.length; k++) pr[k]! /= pv;
    for (let r = 0; r < rows.length; r++) {
      if (r === pivotRow) continue;
      const f = rows[r]![c]!;
      if (Math.abs(f) < EPS) continue;
      for (let k = 0; k < pr.length; k++) rows[r]![k]! -= f * pr[k]!;
    }
    pivots.push(c);
    pivotRow++;
  }
  pivots.forEach((c, r) => {
    const row = rows[r]!;
    const others = row.slice(0, -1).some((x, k) => k !== c && Math.abs(x) > EPS);
    if (!others) {
      const value = Math.round(row[row.length - 1]!);
      if (small(value)) problems.push(`entry ${unknowns[c]} is derivable: ${value}`);
    }
  });
  return problems;
}

/** Entries of an R×C table with margins, flattened row-major over (R+1)×(C+1). */
export function tableEquations(R: number, C: number): Equation[] {
  const idx = (r: number, c: number) => r * (C + 1) + c;
  const eqs: Equation[] = [];
  for (let r = 0; r <= R; r++) eqs.push({ parts: Array.from({ length: C }, (_, c) => idx(r, c)), total: idx(r, C) });
  for (let c = 0; c <= C; c++) eqs.push({ parts: Array.from({ length: R }, (_, r) => idx(r, c)), total: idx(R, c) });
  return eqs;
}

/** A series of n entries followed by its total. */
export function seriesEquations(n: number): Equation[] {
  return [{ parts: Array.from({ length: n }, (_, i) => i), total: n }];
}
