import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { csvLine } from "~/modules/metrics/index.server";
import { availableYears, dashboardTable, filtersFor, getMeasure, parseDashboardFilters } from "~/modules/metrics/index.server";
import { notFound } from "~/utils/errors";

const text = (c: { value: number | null; state: string }) =>
  c.state === "primary" ? "fewer than 11" : c.state === "complementary" ? "suppressed" : String(c.value);

/** The same published (suppressed) table as the measure page, as CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const measure = await getMeasure(params.measure ?? "");
  if (!measure) notFound();
  const filters = filtersFor(measure, parseDashboardFilters(new URL(request.url).searchParams));
  if (filters.grain === "month" && !filters.year) filters.year = (await availableYears()).at(-1) ?? null;
  const table = await dashboardTable(measure, filters);
  const percent = measure.unit === "percent";
  const by = measure.kind === "case" ? filters.by : "";
  const lines: string[] = [];
  lines.push(csvLine(["period", ...(by ? table.columns.map((c) => `${by}=${c}`) : ["count"]), ...(by ? ["total"] : []), ...(percent ? ["rate_percent"] : [])]));
  const rate = (r: number | null | undefined) => (r === null || r === undefined ? "withheld" : (Math.round(r * 1000) / 10).toFixed(1));
  table.periods.forEach((p, i) => {
    lines.push(csvLine([p, ...(by ? table.table!.cells[i]!.map(text) : []), text(table.periodTotals[i]!), ...(percent ? [rate(table.rates?.[i])] : [])]));
  });
  lines.push(
    csvLine([
      "total",
      ...(by ? table.table!.colTotals.map(text) : []),
      text(table.total),
      ...(percent ? [table.headline.value === null ? "withheld" : table.headline.value.toFixed(1)] : []),
    ]),
  );
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
