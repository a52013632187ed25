/**
 * Small-count protection for public tables. Every count under 11 is shown as "fewer than 11"
 * (primary suppression). When a total over a group of cells is published too, the hidden cells
 * must not be recoverable by subtraction: if any hidden cell's value is pinned down by the
 * total, more cells are withheld (complementary suppression, smallest first), and if that cannot
 * make it safe, the total itself is withheld.
 */
const SMALL_COUNT = 11;

export type CellState = "shown" | "lt11" | "withheld";
export type Protected = { states: CellState[]; totalShown: boolean };

function bounds(state: CellState, sumHidden: number): [number, number] {
  return state === "lt11" ? [0, SMALL_COUNT - 1] : [SMALL_COUNT, sumHidden];
}

/** True when some hidden cell's value is the only one consistent with the known hidden sum. */
export function hiddenCellsDerivable(values: number[], states: CellState[]): boolean {
  const hidden = states.flatMap((s, i) => (s === "shown" ? [] : [i]));
  if (!hidden.length) return false;
  const sum = hidden.reduce((acc, i) => acc + values[i]!, 0);
  const b = hidden.map((i) => bounds(states[i]!, sum));
  const loAll = b.reduce((acc, [lo]) => acc + lo, 0);
  const hiAll = b.reduce((acc, [, hi]) => acc + hi, 0);
  return hidden.some((_, k) => {
    const [lo, hi] = b[k]!;
    const min = Math.max(lo, sum - (hiAll - hi));
    const max = Math.min(hi, sum - (loAll - lo));
    return min >= max;
  });
}

export function protectCells(values: number[], publishTotal: boolean): Protected {
  const states: CellState[] = values.map((v) => (v < SMALL_COUNT ? "lt11" : "shown"));
  const total = values.reduce((a, b) => a + b, 0);
  if (!publishTotal || total < SMALL_COUNT) return { states, totalShown: false };
  while (hiddenCellsDerivable(values, states)) {
    let pick = -1;
    values.forEach((v, i) => {
      if (states[i] === "shown" && (pick < 0 || v < values[pick]!)) pick = i;
    });
    if (pick < 0) return { states, totalShown: false };
    states[pick] = "withheld";
  }
  return { states, totalShown: true };
}
