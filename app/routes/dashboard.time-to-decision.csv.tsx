import { csvLine, dayStatsCsvRows, publishedDayStats } from "~/modules/metrics/index.server";

/** Every published distribution of /dashboard/time-to-decision, as CSV (an insufficient row has no figures). */
export async function loader() {
  const { rows } = await publishedDayStats();
  const lines = dayStatsCsvRows(rows).map(csvLine);
  const body = `# Days from referral to the filing decision (decision_days) and to disposition (disposition_days), by year referred (synthetic data). Nearest-rank percentiles in whole days; a year or group with fewer than 11 cases is "insufficient data".\n${lines.join("\n")}\n`;
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="time-to-decision.csv"' },
  });
}
