/** Where a proposal can go next. Forward only; a proposal is decided only after its vote closed. */
const ANALYSIS_STATUSES = ["proposed", "accepted", "planned", "in_progress", "completed", "declined"] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

export const NEXT_STATUSES: Record<AnalysisStatus, AnalysisStatus[]> = {
  proposed: ["accepted", "declined"],
  accepted: ["planned", "in_progress", "completed", "declined"],
  planned: ["in_progress", "completed", "declined"],
  in_progress: ["completed", "declined"],
  completed: [],
  declined: [],
};

/** The statuses the public pipeline shows: everything the office accepted. */
export const PIPELINE_STATUSES = ["accepted", "planned", "in_progress", "completed"] as const satisfies readonly AnalysisStatus[];

/** What a reader sees: the stored status, refined by the ballot while the proposal awaits its vote. */
export type Stage = AnalysisStatus | "voting" | "awaiting_decision";

export function stageOf(status: AnalysisStatus, ballot: { status: "open" | "closed" } | null): Stage {
  if (status !== "proposed" || !ballot) return status;
  return ballot.status === "open" ? "voting" : "awaiting_decision";
}

/** A brief reference typed as a slug, a /briefs/<slug> path or a full URL → the slug, or null. */
export function briefSlugFrom(input: string): string | null {
  let value = input.trim();
  if (!value) return null;
  try {
    if (/^https?:\/\//i.test(value)) value = new URL(value).pathname;
  } catch {
    return null;
  }
  value = value.replace(/^\/?briefs\//, "").replace(/\/+$/, "");
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 200 ? value : null;
}
