import { CONCERN_STATUSES } from "./statuses";

export { CONCERN_STATUSES };
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

/** Open311 has two statuses; ours are detailed. These count as open (still being worked on). */
export const OPEN_STATUSES: readonly ConcernStatus[] = ["received", "under_review", "documented", "referred"];
export const CLOSED_STATUSES: readonly ConcernStatus[] = ["not_documented", "duplicate", "responded", "closed"];

export function open311Status(status: ConcernStatus): "open" | "closed" {
  return OPEN_STATUSES.includes(status) ? "open" : "closed";
}

/**
 * What staff may move a concern to with a plain status change. "documented" happens only by
 * documenting against a policy, "duplicate" only by merging.
 */
export const NEXT_STATUSES: Record<ConcernStatus, ConcernStatus[]> = {
  received: ["under_review", "not_documented", "referred", "closed"],
  under_review: ["not_documented", "referred", "closed"],
  documented: ["responded", "closed"],
  not_documented: ["under_review", "responded", "closed"],
  duplicate: ["closed"],
  referred: ["responded", "closed"],
  responded: ["closed"],
  closed: ["under_review"],
};

export function isConcernStatus(value: unknown): value is ConcernStatus {
  return typeof value === "string" && (CONCERN_STATUSES as readonly string[]).includes(value);
}
