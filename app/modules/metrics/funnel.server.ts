import { db, type DbOrTx } from "~/db/client.server";
import { cellPlainText, publishedRate, type PublishedCell } from "~/utils/suppression";
import { csvLine, csvPercent } from "./csv";
import { CSU_BASELINE, FUNNEL_STAGES, ZIP_STAGES, type DrugFunnel, type FunnelRow, type ZipRow } from "./funnel";
import { cellKey } from "./publication";
import { publishedCells, publishedValues, publishedYears } from "./publication.server";

/**
 * The drug-policy funnel (issue 18): drug referrals → filed, split by the grounds the filing cites
 * under the charging policy (documented community concern / connection to violence / none
 * recorded) → declined; by year, over the years, and by ZIP (referrals and filings only). Every count is a published cell and
 * every share a published cell over the published drug referrals at the same place (withheld when
 * either is hidden). Nothing is subtracted here: "no grounds recorded" is a measure of its own,
 * and diverted or undecided drug cases are not shown as a remainder.
 */
const EMPTY: PublishedCell = { value: 0, state: "shown" };
/** A CSV column the row's place is not published with (grounds and declinations by ZIP). */
const NOT_PUBLISHED = "not published";

export const FUNNEL_MEASURES = [...FUNNEL_STAGES, "drug_firearm"];

/** The funnel for a year, for all years together ("all"), or for the latest published year (null). */
export async function drugFunnel(requested: number | "all" | null, dbx: DbOrTx = db): Promise<DrugFunnel> {
  const [cells, allYears, values] = await Promise.all([
    publishedCells(FUNNEL_MEASURES, ["year", "all"], dbx),
    publishedYears(dbx),
    publishedValues(["zip"], dbx),
  ]);
  const years = allYears.filter((y) => cells.has(cellKey("drug_referred", "year", String(y))));
  const chosen = requested === "all" ? null : typeof requested === "number" && years.includes(requested) ? requested : (years.at(-1) ?? null);
  const rowAt = (grain: "year" | "all", period: string, dim = "", value = "", stages: readonly string[] = FUNNEL_STAGES): FunnelRow => {
    const base = cells.get(cellKey("drug_referred", grain, period, dim, value)) ?? EMPTY;
    return Object.fromEntries(
      stages.map((s) => {
        const cell = cells.get(cellKey(s, grain, period, dim, value)) ?? EMPTY;
        return [s, { cell, share: s === "drug_referred" ? null : publishedRate(cell, base) }];
      }),
    ) as FunnelRow;
  };
  const grain = chosen === null ? "all" : "year";
  const period = chosen === null ? "all" : String(chosen);
  const hasAny = cells.has(cellKey("drug_referred", grain, period));
  const funnel = hasAny ? rowAt(grain, period) : null;
  const firearmCell = cells.get(cellKey("drug_firearm", grain, period));
  const firearm = hasAny
    ? { cell: firearmCell ?? EMPTY, share: publishedRate(firearmCell ?? EMPTY, cells.get(cellKey("drug_referred", grain, period)) ?? EMPTY) }
    : null;
  const trend = years.map((y) => ({ year: String(y), row: rowAt("year", String(y)) }));
  const zips =
    chosen === null
      ? []
      : (values.zip ?? [])
          .map((zip) => ({ zip, cell: cells.get(cellKey("drug_referred", "year", period, "zip", zip)) }))
          // A ZIP with no drug referrals that year (a published 0) is left out; a hidden count stays.
          .filter(({ cell }) => cell !== undefined && !(cell.state === "shown" && cell.value === 0))
          .map(({ zip }) => ({ zip, row: rowAt("year", period, "zip", zip, ZIP_STAGES) as ZipRow }));
  return { years, year: chosen, funnel, firearm, trend, zips };
}

/** The year a visitor asked for: ?year=2024, "" or "all" for all years together, nothing for the latest. */
export function funnelYearOf(params: URLSearchParams): number | "all" | null {
  const raw = params.get("year");
  if (raw === null) return null;
  if (raw.trim() === "" || raw === "all") return "all";
  const y = Number(raw);
  return Number.isInteger(y) && y >= 1990 && y <= 2100 ? y : null;
}

/**
 * The page's tables as one CSV: the chosen year's (or all years') funnel, each year's, and the
 * chosen year's by ZIP; every count as published ("fewer than 11", "suppressed") and every share
 * of drug referrals in percent ("withheld" when a part of it is hidden).
 */
export function drugFunnelCsv(funnel: DrugFunnel): string {
  const header = ["table", "period", "zip", ...FUNNEL_STAGES.flatMap((s) => (s === "drug_referred" ? [s] : [s, `${s}_share_percent`]))];
  const line = (table: string, period: string, zip: string, row: Partial<FunnelRow>) =>
    csvLine([
      table,
      period,
      zip,
      ...FUNNEL_STAGES.flatMap((s) => {
        const c = row[s];
        if (!c) return s === "drug_referred" ? [NOT_PUBLISHED] : [NOT_PUBLISHED, NOT_PUBLISHED];
        return s === "drug_referred" ? [cellPlainText(c.cell)] : [cellPlainText(c.cell), csvPercent(c.share)];
      }),
    ]);
  const period = funnel.year === null ? "all" : String(funnel.year);
  const lines = [csvLine(header)];
  if (funnel.funnel) lines.push(line("funnel", period, "", funnel.funnel));
  for (const r of funnel.trend) lines.push(line("by_year", r.year, "", r.row));
  for (const z of funnel.zips) lines.push(line("by_zip", period, z.zip, z.row));
  const firearm = funnel.firearm
    ? `# Firearms recovered in referred drug cases (${period}): ${cellPlainText(funnel.firearm.cell)}; share of drug referrals: ${csvPercent(funnel.firearm.share)}${funnel.firearm.share === null ? "" : "%"}.\n`
    : "";
  return (
    `# Drug-policy funnel: drug referrals; filed, split by the grounds cited under the charging policy (documented community concern, connection to violence, not recorded); declined. Year: ${period}. ` +
    `Shares are of the row's drug referrals. The grounds and declinations are not published by ZIP ("not published"). Counts 1-10 are "fewer than 11"; "suppressed" cells are hidden so small counts cannot be derived; a share is "withheld" when a count it uses is hidden.\n` +
    firearm +
    `# Reference (CSU baseline, not computed by the portal): Black residents are about ${CSU_BASELINE.blackPopulationPercent}% of the county's population and about ${CSU_BASELINE.blackDrugSalePercent}% of referred drug-sale defendants; firearms were recovered in under ${CSU_BASELINE.firearmUnderPercent}% of referred drug cases.\n` +
    `${lines.join("\n")}\n`
  );
}
