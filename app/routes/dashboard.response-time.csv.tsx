import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvLine } from "~/modules/metrics/index.server";
import { csvCell, parseYear, responseTimeTable } from "~/modules/responses/index.server";

/** The same published (suppressed) table as /dashboard/response-time, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const year = parseYear(new URL(request.url).searchParams);
  const table = await responseTimeTable(year);
  const median = (v: number | null) => (v === null ? "withheld" : String(v));
  const lines = [csvLine(["month_answered", "concerns_answered", "median_days_to_respond"])];
  for (const m of table.months) lines.push(csvLine([m.month, csvCell(m.answered), median(m.medianDays)]));
  lines.push(csvLine(["total", csvCell(table.total), median(table.overallMedian)]));
  const body = `# Median days to respond to community concerns, by month answered. Year: ${year ?? "all"}. Days = county calendar days from submission to the first outcome (documented, not documented, referred, responded or closed). Counts 1-10 are "fewer than 11"; medians of fewer than 11 concerns are withheld.\n${lines.join("\n")}\n`;
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="response-time${year ? `-${year}` : ""}.csv"` },
  });
}
