import type { PublishedCell } from "~/utils/suppression";

/** The drug-policy funnel's stages, in the order it reads (browser-safe; the data is in funnel.server.ts). */
export const FUNNEL_STAGES = ["drug_referred", "drug_filed", "drug_filed_concern", "drug_filed_violence", "drug_filed_unrecorded", "drug_declined"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
/** The stages published by ZIP: the filing grounds and declinations are published for the county only. */
export const ZIP_STAGES = ["drug_referred", "drug_filed"] as const satisfies readonly FunnelStage[];
export type ZipStage = (typeof ZIP_STAGES)[number];

export type FunnelCell = { cell: PublishedCell; share: number | null };
export type FunnelRow = Record<FunnelStage, FunnelCell>;
export type ZipRow = Record<ZipStage, FunnelCell>;

export type DrugFunnel = {
  years: number[];
  /** The year shown, or null for all years together. */
  year: number | null;
  /** The funnel for the year (or all years). */
  funnel: FunnelRow | null;
  /** Firearms recovered in referred drug cases, and their share of drug referrals. */
  firearm: FunnelCell | null;
  /** Every published year's funnel, in order (the trend). */
  trend: { year: string; row: FunnelRow }[];
  /** The year's funnel by ZIP (not published for all years together). */
  zips: { zip: string; row: ZipRow }[];
};

/**
 * The CSU's published baseline, shown beside the funnel as the reference it is (not computed by
 * the portal from the case data): shares of the county's population and of referred drug-sale
 * defendants, and of referred drug cases with a firearm recovered.
 */
export const CSU_BASELINE = { blackPopulationPercent: 39, blackDrugSalePercent: 85, firearmUnderPercent: 5 } as const;
