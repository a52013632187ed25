import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/metrics/bar-chart";
import { YearFilter } from "~/components/metrics/year-filter";
import { cellText } from "~/components/metrics/format";
import { CITATION_COLUMNS } from "~/modules/responses";
import { drugCitationTable, parseYear } from "~/modules/responses/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "drugCitations", "dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const year = parseYear(new URL(request.url).searchParams);
  return json({ year, table: await drugCitationTable(year) });
}

export default function DrugCitationsPage() {
  const { t, i18n } = useTranslation("responses");
  const { year, table } = useLoaderData<typeof loader>();
  const locale = i18n.language;
  const title = t("citationsPage.chartTitle");
  return (
    <section>
      <p>
        <Link to="/dashboard">{t("metrics:dashboard.title")}</Link>
      </p>
      <h1>{t("citationsPage.title")}</h1>
      <p className="lead">{t("citationsPage.lead")}</p>
      <dl className="measure-facts">
        {CITATION_COLUMNS.map((c) => (
          <div key={c}>
            <dt>{t(`citationsPage.columns.${c}`)}</dt>
            <dd>{t(`citationsPage.definitions.${c}`)}</dd>
          </div>
        ))}
      </dl>
      <YearFilter id="citation-filters" year={year} years={table.years} />
      {table.months.length === 0 ? (
        <p>{t("metrics:dashboard.noData")}</p>
      ) : (
        <>
          <h2>{title}</h2>
          <figure className="metric-figure">
            <BarChart
              id="citations-chart"
              title={title}
              desc={t("citationsPage.chartDesc", { count: table.months.length, first: table.months[0]!, last: table.months.at(-1)! })}
              points={table.months.map((m, i) => ({ label: m, value: table.cells[i]![0]!.value }))}
              unit="count"
              locale={locale}
            />
          </figure>
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
