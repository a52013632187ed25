import { CSV_HEADER } from "~/modules/metrics";
import { csvLine } from "~/modules/metrics/index.server";

/** A valid case-level CSV of n rows spread over the months of `year` (deterministic). */
export function generateCaseCsv(n: number, opts: { year: number; months?: number[]; prefix?: string }) {
  const months = opts.months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const offenses = ["drug", "violent", "property", "weapons", "public_order"];
  const races = ["black", "white", "hispanic", "asian"];
  const lines = [CSV_HEADER.join(",")];
  for (let i = 0; i < n; i++) {
    const month = months[i % months.length]!;
    const day = 1 + (i % 28);
    const received = `${opts.year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const offense = offenses[i % offenses.length]!;
    const filed = i % 3 === 0;
    const declined = !filed && i % 3 === 1;
    const record: Record<string, string> = {
      case_id: `${opts.prefix ?? "T"}${opts.year}-${i}`,
      participant_id: `P${i}`,
      received_date: received,
      offense_category: offense,
      drug_level: offense === "drug" ? (i % 4 === 0 ? "sale" : "user") : "",
      race_ethnicity: races[i % races.length]!,
      sex: i % 5 === 0 ? "female" : "male",
      age_band: ["18_24", "25_34", "35_44"][i % 3]!,
      referring_agency: i % 7 === 0 ? "JACKSON SO" : "KCPD",
      zip: ["64127", "64130", "64109"][i % 3]!,
      filed_date: filed ? received : "",
      declined_date: declined ? received : "",
      decline_reason: declined ? "insufficient_evidence" : "",
      diverted_date: "",
      disposed_date: "",
      sentenced_date: "",
      disposition: "",
      firearm_recovered: i % 50 === 0 ? "true" : "false",
    };
    lines.push(csvLine(CSV_HEADER.map((h) => record[h])));
  }
  return lines.join("\n") + "\n";
}
