import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { cellPlainText } from "~/modules/metrics";
import { csvLine, csvPercent } from "~/modules/metrics/index.server";
import { availableYears, dashboardTable, filtersFor, getMeasure, parseDashboardFilters } from "~/modules/metrics/index.server";
import { notFound } from "~/utils/errors";

/** The same published cells as the measure page, as CSV; a view the publication does not offer is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const measure = await getMeasure(params.measure ?? "");
  if (!measure) notFound();
  const filters = filtersFor(measure, parseDashboardFilters(new URL(request.url).searchParams));
  if (filters.grain === "month" && !filters.year) filters.year = (await availableYears(measure)).at(-1) ?? null;
  const table = await dashboardTable(measure, filters);
  if (table.notOffered) {
    return new Response(`This combination is not offered (${table.notOffered}): the dashboard publishes one dimension at a time, by year.\n`, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const percent = measure.unit === "percent";
  const by = filters.by;
  const lines: string[] = [];
  lines.push(csvLine(["period", ...(by ? table.columns.map((c) => `${by}=${c}`) : ["count"]), ...(by ? ["total"] : []), ...(percent ? ["rate_percent"] : [])]));
  table.periods.forEach((p, i) => {
    lines.push(
      csvLine([
        p,
        ...(by ? table.table!.cells[i]!.map(cellPlainText) : []),
        cellPlainText(table.periodTotals[i]!),
        ...(percent ? [csvPercent(table.rates?.[i])] : []),
      ]),
    );
  });
  if (table.total) {
    lines.push(
      csvLine([
        "total",
        ...(by ? table.columns.map(() => "") : []),
        cellPlainText(table.total),
        ...(percent ? [table.headline.value === null ? "withheld" : table.headline.value.toFixed(1)] : []),
      ]),
    );
  }
  const filterNote = Object.entries({ grain: filters.grain, year: filters.year ?? "all", ...filters.dims })
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
  const body = `# ${measure.nameEn} (synthetic data). Filters: ${filterNote}. Counts 1-10 are "fewer than 11"; "suppressed" cells are hidden so small counts cannot be derived.\n${lines.join("\n")}\n`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${measure.key}-${filters.grain}${filters.year ? `-${filters.year}` : ""}.csv"`,
    },
  });
}
