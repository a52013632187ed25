import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { YearFilter } from "~/modules/metrics/ui/year-filter";
import { TimeSeriesChart } from "~/modules/metrics/ui/time-series-chart";
import { ChartKey } from "~/modules/metrics/ui/chart-key";
import { cellText, formatNumber, pointOfRate } from "~/modules/metrics";
import { parseYear, responseTimeTable } from "~/modules/responses/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "responseTime", "dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const year = parseYear(new URL(request.url).searchParams);
  return json({ year, table: await responseTimeTable(year) });
}

export default function ResponseTimePage() {
  const { t, i18n } = useTranslation("responses");
  const { year, table } = useLoaderData<typeof loader>();
  const locale = i18n.language;
  const days = (v: number | null) => (v === null ? t("metrics:dashboard.withheld") : formatNumber(v, locale));
  const title = t("clockPage.chartTitle");
  return (
    <section>
      <p>
        <Link to="/dashboard">{t("metrics:dashboard.title")}</Link>
      </p>
      <h1>{t("clockPage.title")}</h1>
      <p className="lead">{t("clockPage.lead")}</p>
      <h2>{t("clockPage.definitionTitle")}</h2>
      <ul>
        <li>{t("clockPage.def1")}</li>
        <li>{t("clockPage.def2")}</li>
        <li>{t("clockPage.def3")}</li>
        <li>{t("clockPage.def4")}</li>
      </ul>
      <dl className="measure-facts">
        <dt>{t("clockPage.overall")}</dt>
        <dd data-testid="overall-median">{days(table.overallMedian)}</dd>
        <dt>{t("clockPage.waiting")}</dt>
        <dd data-testid="waiting-count">{cellText(table.waiting.count, t, locale)}</dd>
        <dt>{t("clockPage.waitingMedian")}</dt>
        <dd>{days(table.waiting.medianDays)}</dd>
      </dl>
      <YearFilter id="clock-filters" year={year} years={table.years} />
      {table.months.length === 0 ? (
        <p>{t("metrics:dashboard.noData")}</p>
      ) : (
        <>
          <h2>{title}</h2>
          <figure className="metric-figure">
            <TimeSeriesChart
              id="clock-chart"
              title={title}
              desc={t("clockPage.chartDesc", { count: table.months.length, first: table.months[0]!.month, last: table.months.at(-1)!.month })}
              series={{
                key: "median",
                label: title,
                points: table.months.map((m) =>
                  m.medianDays === null ? pointOfRate(m.month, null) : { period: m.month, value: m.medianDays, state: "shown" as const },
                ),
              }}
              unit="count"
            />
          </figure>
          <ChartKey dashed={table.months.some((m) => m.medianDays === null)} />
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="clock-table-caption">
            <table className="metric-table" data-metric-table="">
              <caption id="clock-table-caption">{t("clockPage.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("clockPage.month")}</th>
                  <th scope="col">{t("clockPage.answered")}</th>
                  <th scope="col">{t("clockPage.median")}</th>
                </tr>
              </thead>
              <tbody>
                {table.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td data-state={m.answered.state}>{cellText(m.answered, t, locale)}</td>
                    <td>{days(m.medianDays)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("metrics:dashboard.total")}</th>
                  <td data-state={table.total.state}>{cellText(table.total, t, locale)}</td>
                  <td>{days(table.overallMedian)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted">{t("clockPage.suppression")}</p>
          <p>
            <a href={`/dashboard/response-time/csv${year ? `?year=${year}` : ""}`} download>
              {t("metrics:dashboard.downloadCsv")}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
