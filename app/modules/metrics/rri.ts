/**
 * Relative rate index (RRI), as in the OJJDP disparity matrix: for each stage, a group's rate
 * (its count at the stage over its count at the prior stage) divided by the reference group's
 * rate. 1 means parity; 2 means twice the reference group's rate.
 */
import { isSmallCount } from "~/utils/suppression";

export const RRI_STAGES = ["referred", "filed", "declined", "diverted", "disposed", "sentenced"] as const;
export type RriStage = (typeof RRI_STAGES)[number];
/** The base a stage's rate is taken against. Referral is measured against the population. */
const PRIOR_STAGE: Record<RriStage, RriStage | "population"> = {
  referred: "population",
  filed: "referred",
  declined: "referred",
  diverted: "referred",
  disposed: "filed",
  sentenced: "disposed",
};

/** A base smaller than this gives rates too unstable to compare. */
const MIN_RRI_BASE = 50;

export type StageCounts = Partial<Record<RriStage | "population", number>>;

type RriCell =
  | { status: "ok"; rate: number; rri: number }
  | { status: "reference"; rate: number }
  | { status: "insufficient"; reason: "small_base" | "small_count" | "reference_insufficient" | "no_data" };

export type RriRow = { stage: RriStage; base: RriStage | "population"; groups: Record<string, RriCell> };

/** The rate of one group at one stage, or why it cannot be published. */
function stageRate(counts: StageCounts, stage: RriStage, minBase = MIN_RRI_BASE): { rate: number } | { reason: "small_base" | "small_count" | "no_data" } {
  const base = counts[PRIOR_STAGE[stage]];
  const n = counts[stage];
  if (base === undefined || n === undefined) return { reason: "no_data" };
  if (base < minBase) return { reason: "small_base" };
  // The rate and a published base would give a small count back: treat it like a small cell.
  // (Population bases are not counts of cases, so only the stage count is checked against them.)
  const complement = PRIOR_STAGE[stage] === "population" ? 0 : base - n;
  if (isSmallCount(n) || isSmallCount(complement)) return { reason: "small_count" };
  return { rate: n / base };
}

export function relativeRateIndex(
  groups: Record<string, StageCounts>,
  reference: string,
  stages: readonly RriStage[] = RRI_STAGES,
  minBase = MIN_RRI_BASE,
): RriRow[] {
  return stages.map((stage) => {
    const ref = groups[reference] ? stageRate(groups[reference]!, stage, minBase) : ({ reason: "no_data" } as const);
    const out: Record<string, RriCell> = {};
    for (const [group, counts] of Object.entries(groups)) {
      const r = stageRate(counts, stage, minBase);
      if ("reason" in r) {
        out[group] = { status: "insufficient", reason: r.reason };
      } else if (group === reference) {
        out[group] = { status: "reference", rate: r.rate };
      } else if ("reason" in ref || ref.rate === 0) {
        out[group] = { status: "insufficient", reason: "reference_insufficient" };
      } else {
        out[group] = { status: "ok", rate: r.rate, rri: r.rate / ref.rate };
      }
    }
    return { stage, base: PRIOR_STAGE[stage], groups: out };
  });
}
