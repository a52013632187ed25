import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvLine } from "~/modules/metrics/index.server";
import { csvCell, drugCitationTable, parseYear } from "~/modules/responses/index.server";

/** The same published (suppressed) table as /dashboard/drug-citations, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const year = parseYear(new URL(request.url).searchParams);
  const table = await drugCitationTable(year);
  const lines = [csvLine(["month", "filed_citing_documented_concern", "filed_connection_to_violence", "declined", "total"])];
  table.months.forEach((m, i) => lines.push(csvLine([m, ...table.cells[i]!.map(csvCell), csvCell(table.monthTotals[i]!)])));
  lines.push(csvLine(["total", ...table.columnTotals.map(csvCell), csvCell(table.grandTotal)]));
  const body = `# Drug charging decisions by month: filings citing a documented community concern, filings on a demonstrable connection to violence, declinations. Year: ${year ?? "all"}. Counts 1-10 are "fewer than 11"; "suppressed" cells are hidden so small counts cannot be derived.\n${lines.join("\n")}\n`;
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="drug-citations${year ? `-${year}` : ""}.csv"` },
  });
}
