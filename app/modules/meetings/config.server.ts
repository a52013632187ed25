/** Share of CAB members who must be present for a quorum, in percent (env CAB_QUORUM_PERCENT, default 50). */
export function quorumPercent(): number {
  const n = Number(process.env.CAB_QUORUM_PERCENT ?? 50);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 50;
}
