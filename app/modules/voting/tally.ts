/** Plain voting arithmetic, shared by the server and the pages. */
export const VOTE_CHOICES = ["support", "oppose", "abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export const BALLOT_MODES = ["named", "secret"] as const;
export type BallotMode = (typeof BALLOT_MODES)[number];
export const RESULTS_VISIBILITY = ["after_close", "live"] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITY)[number];
export type BallotResult = "passed" | "failed" | "no_quorum";

export type Tally = {
  support: number;
  oppose: number;
  abstain: number;
  /** Members who took part (abstentions included). */
  participants: number;
  /** Everyone on the eligible snapshot. */
  eligible: number;
  recused: number;
  /** Eligible minus recused: the base for turnout and quorum. */
  denominator: number;
  /** Whole percent, rounded down, so it never overstates turnout. */
  turnoutPercent: number;
  quorumMet: boolean;
  result: BallotResult;
};

/**
 * Quorum: participants ≥ quorum% of (eligible − recused).
 * Pass: quorum met and support > threshold% of (support + oppose); abstentions only count for quorum.
 * Integer arithmetic throughout, so 2 of 3 against a 66% threshold is exact.
 */
export function computeTally(input: {
  counts: Record<VoteChoice, number>;
  participants: number;
  eligible: number;
  recused: number;
  quorumPercent: number;
  thresholdPercent: number;
}): Tally {
  const { counts, participants, eligible, recused, quorumPercent, thresholdPercent } = input;
  const denominator = Math.max(0, eligible - recused);
  const quorumMet = denominator > 0 && participants * 100 >= quorumPercent * denominator;
  const decisive = counts.support + counts.oppose;
  const carried = decisive > 0 && counts.support * 100 > thresholdPercent * decisive;
  return {
    ...counts,
    participants,
    eligible,
    recused,
    denominator,
    turnoutPercent: denominator > 0 ? Math.floor((participants * 100) / denominator) : 0,
    quorumMet,
    result: !quorumMet ? "no_quorum" : carried ? "passed" : "failed",
  };
}
