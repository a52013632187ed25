import { Fragment } from "react";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { YearFilter } from "~/modules/metrics/ui/year-filter";
import { TimeSeriesChart } from "~/modules/metrics/ui/time-series-chart";
import { ChartKey } from "~/modules/metrics/ui/chart-key";
import { MarkerList } from "~/modules/metrics/ui/marker-list";
import { cellText, localized, placeMarkers, pointOfCell } from "~/modules/metrics";
import { chartMarkers } from "~/modules/metrics/index.server";
import { CITATION_COLUMNS } from "~/modules/responses";
import { drugCitationTable, parseYear } from "~/modules/responses/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "drugCitations", "dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const year = parseYear(new URL(request.url).searchParams);
  const [table, markers] = await Promise.all([drugCitationTable(year), chartMarkers("drug_citations")]);
  return json({ year, table, markers });
}

export default function DrugCitationsPage() {
  const { t, i18n } = useTranslation("responses");
  const { year, table, markers } = useLoaderData<typeof loader>();
  const locale = i18n.language;
  const title = t("citationsPage.chartTitle");
  const series = { key: "total", label: title, points: table.months.map((m, i) => pointOfCell(m, table.monthTotals[i])) };
  const chartMarks = markers.map((m) => ({ date: m.date, kind: m.kind, label: localized(m, "title", locale) }));
  const placed = placeMarkers(table.months, chartMarks);
  const numbers = new Map(placed.map((m, i) => [`${m.date}|${m.label}`, i + 1]));
  return (
    <section>
      <p>
        <Link to="/dashboard">{t("metrics:dashboard.title")}</Link>
      </p>
      <h1>{t("citationsPage.title")}</h1>
      <p className="lead">{t("citationsPage.lead")}</p>
      <dl className="measure-facts">
        {CITATION_COLUMNS.map((c) => (
          <Fragment key={c}>
            <dt>{t(`citationsPage.columns.${c}`)}</dt>
            <dd>{t(`citationsPage.definitions.${c}`)}</dd>
          </Fragment>
        ))}
      </dl>
      <YearFilter id="citation-filters" year={year} years={table.years} />
      {table.months.length === 0 ? (
        <p>{t("metrics:dashboard.noData")}</p>
      ) : (
        <>
          <h2>{title}</h2>
          <figure className="metric-figure">
            <TimeSeriesChart
              id="citations-chart"
              title={title}
              desc={t("citationsPage.chartDesc", { count: table.months.length, first: table.months[0]!, last: table.months.at(-1)! })}
              series={series}
              unit="count"
              markers={chartMarks}
              markerNumbers={numbers}
              trend={table.months.length >= 6}
            />
          </figure>
          <ChartKey
            hatched={series.points.some((p) => p.state === "fewer_than_11")}
            dashed={series.points.some((p) => p.state === "suppressed")}
            trend={table.months.length >= 6}
            markers={placed.length > 0}
          />
          <MarkerList id="citations-markers" markers={placed.map((m, i) => ({ number: i + 1, date: m.date, kind: m.kind, title: m.label, description: "" }))} />
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="citations-table-caption">
            <table className="metric-table" data-metric-table="">
              <caption id="citations-table-caption">{t("citationsPage.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("clockPage.month")}</th>
                  {CITATION_COLUMNS.map((c) => (
                    <th scope="col" key={c}>
                      {t(`citationsPage.columns.${c}`)}
                    </th>
                  ))}
                  <th scope="col">{t("metrics:dashboard.total")}</th>
                </tr>
              </thead>
              <tbody>
                {table.months.map((m, i) => (
                  <tr key={m}>
                    <th scope="row">{m}</th>
                    {table.cells[i]!.map((c, k) => (
                      <td key={CITATION_COLUMNS[k]} data-state={c.state}>
                        {cellText(c, t, locale)}
                      </td>
                    ))}
                    <td data-state={table.monthTotals[i]!.state}>{cellText(table.monthTotals[i]!, t, locale)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("metrics:dashboard.total")}</th>
                  {table.columnTotals.map((c, k) => (
                    <td key={CITATION_COLUMNS[k]} data-state={c.state}>
                      {cellText(c, t, locale)}
                    </td>
                  ))}
                  <td data-state={table.grandTotal.state}>{cellText(table.grandTotal, t, locale)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted">{t("metrics:dashboard.suppressionNote")}</p>
          <p>
            <a href={`/dashboard/drug-citations/csv${year ? `?year=${year}` : ""}`} download>
              {t("metrics:dashboard.downloadCsv")}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
