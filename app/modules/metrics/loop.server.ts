import { db, type DbOrTx } from "~/db/client.server";
import { countyToday } from "~/utils/clock";
import { cellPlainText, publishedRate, type PublishedCell } from "~/utils/suppression";
import { csvLine, csvPercent } from "./csv";
import { LOOP_BASE, LOOP_STAGES, LOOP_ZIP_STAGES, type ConcernLoop, type LoopRow, type LoopStage } from "./loop";
import { cellKey } from "./publication";
import { publishedCells, publishedValues, publishedYears } from "./publication.server";

const EMPTY: PublishedCell = { value: 0, state: "shown" };
const NOT_PUBLISHED = "not published";

/**
 * Concerns in the loop (issue 18): of the concerns received in a year, how many were documented,
 * cited in a charging decision and answered by a response; by year and by ZIP. Every count is a
 * published cell, every share a published cell over the published stage it is part of (withheld
 * when either is hidden). One year at a time (the later stages have no all-years total): the one
 * asked for, or the latest complete year (the year under way is mostly small counts, hidden).
 */
export async function concernLoop(requested: number | null, dbx: DbOrTx = db): Promise<ConcernLoop> {
  const [cells, allYears, values] = await Promise.all([
    publishedCells([...LOOP_STAGES], ["year"], dbx),
    publishedYears(dbx, "concerns"),
    publishedValues(["zip"], dbx),
  ]);
  const years = allYears.filter((y) => cells.has(cellKey("concerns_received", "year", String(y))));
  const thisYear = Number(countyToday().slice(0, 4));
  const chosen = requested !== null && years.includes(requested) ? requested : (years.filter((y) => y < thisYear).at(-1) ?? years.at(-1) ?? null);
  const rowAt = (period: string, dim = "", value = "", stages: readonly LoopStage[] = LOOP_STAGES) =>
    Object.fromEntries(
      stages.map((s) => {
        const cell = cells.get(cellKey(s, "year", period, dim, value)) ?? EMPTY;
        const base = LOOP_BASE[s];
        return [s, { cell, share: base ? publishedRate(cell, cells.get(cellKey(base, "year", period, dim, value)) ?? EMPTY) : null }];
      }),
    ) as LoopRow;
  if (chosen === null) return { years, year: null, row: null, trend: [], zips: [] };
  const period = String(chosen);
  const trend = years.map((y) => ({ year: String(y), row: rowAt(String(y)) }));
  const zips = (values.zip ?? [])
    .map((zip) => ({ zip, cell: cells.get(cellKey("concerns_received", "year", period, "zip", zip)) }))
    // A ZIP with no concerns that year (a published 0) is left out; a hidden count stays.
    .filter(({ cell }) => cell !== undefined && !(cell.state === "shown" && cell.value === 0))
    .map(({ zip }) => ({ zip, row: rowAt(period, "zip", zip, LOOP_ZIP_STAGES) }));
  return { years, year: chosen, row: rowAt(period), trend, zips };
}

/** The page's tables as one CSV, every count as published and every share in percent ("withheld" when a part is hidden). */
export function concernLoopCsv(loop: ConcernLoop): string {
  const header = ["table", "period", "zip", ...LOOP_STAGES.flatMap((s) => (LOOP_BASE[s] ? [s, `${s}_share_percent`] : [s]))];
  const line = (table: string, period: string, zip: string, row: Partial<LoopRow>) =>
    csvLine([
      table,
      period,
      zip,
      ...LOOP_STAGES.flatMap((s) => {
        const c = row[s];
        if (!c) return LOOP_BASE[s] ? [NOT_PUBLISHED, NOT_PUBLISHED] : [NOT_PUBLISHED];
        return LOOP_BASE[s] ? [cellPlainText(c.cell), csvPercent(c.share)] : [cellPlainText(c.cell)];
      }),
    ]);
  const period = String(loop.year ?? "");
  const lines = [csvLine(header)];
  if (loop.row) lines.push(line("loop", period, "", loop.row));
  for (const r of loop.trend) lines.push(line("by_year", r.year, "", r.row));
  for (const z of loop.zips) lines.push(line("by_zip", period, z.zip, z.row));
  return (
    `# Concerns in the loop: concerns received in the period; of them, documented (share of received), cited in a charging decision (share of documented) and answered by a published office response (share of received). Year: ${period}. ` +
    `Citations are not published by ZIP ("not published"). Counts 1-10 are "fewer than 11"; "suppressed" cells are hidden so small counts cannot be derived; a share is "withheld" when a count it uses is hidden.\n` +
    `${lines.join("\n")}\n`
  );
}
