import type { PublishedCell } from "~/utils/suppression";
import { CONCERN_LOOP_MEASURES, type ConcernLoopMeasure } from "./catalogue";

/** The concern loop's stages (browser-safe; the data is in loop.server.ts). */
export const LOOP_STAGES = CONCERN_LOOP_MEASURES;
export type LoopStage = ConcernLoopMeasure;
/** The stages published by ZIP (citations are county-wide only). */
export const LOOP_ZIP_STAGES = ["concerns_received", "concerns_documented", "concerns_responded"] as const satisfies readonly LoopStage[];
/** Each stage's share is of the stage it is part of. */
export const LOOP_BASE: Record<LoopStage, LoopStage | null> = {
  concerns_received: null,
  concerns_documented: "concerns_received",
  concerns_cited: "concerns_documented",
  concerns_responded: "concerns_received",
};

export type LoopCell = { cell: PublishedCell; share: number | null };
export type LoopRow = Record<LoopStage, LoopCell>;
export type LoopZipRow = Pick<LoopRow, (typeof LOOP_ZIP_STAGES)[number]>;

export type ConcernLoop = {
  years: number[];
  /** The year shown (null: no concerns published yet). */
  year: number | null;
  row: LoopRow | null;
  trend: { year: string; row: LoopRow }[];
  /** The year's stages by ZIP. */
  zips: { zip: string; row: LoopZipRow }[];
};
