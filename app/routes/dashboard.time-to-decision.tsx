import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/modules/metrics";
import { parseStatsYear, timeToDecisionView, type DayStat, type DayStatKey } from "~/modules/metrics/index.server";
import { RangeChart, type RangeRow } from "~/modules/metrics/ui/range-chart";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "timeToDecision", "dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await timeToDecisionView(parseStatsYear(new URL(request.url).searchParams)));
}

const STATS: DayStatKey[] = ["decision_days", "disposition_days"];

function StatTable({ id, caption, first, rows }: { id: string; caption: string; first: string; rows: { key: string; label: string; stat: DayStat }[] }) {
  const { t, i18n } = useTranslation("metrics");
  const days = (v: number | null) => (v === null ? "" : formatNumber(v, i18n.language));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="metric-table" data-metric-table="" data-stats-table={id}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">{t("timeToDecision.p25")}</th>
            <th scope="col">{t("timeToDecision.p50")}</th>
            <th scope="col">{t("timeToDecision.p75")}</th>
            <th scope="col">{t("timeToDecision.p90")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-state={r.stat.state}>
              <th scope="row">{r.label}</th>
              {r.stat.state === "shown" ? (
                <>
                  <td>{days(r.stat.p25)}</td>
                  <td>{days(r.stat.p50)}</td>
                  <td>{days(r.stat.p75)}</td>
                  <td>{days(r.stat.p90)}</td>
                </>
              ) : (
                <td colSpan={4} className="muted">
                  {t("timeToDecision.insufficient")}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const rangeRows = (rows: { key: string; label: string; stat: DayStat }[]): RangeRow[] => rows.map((r) => ({ key: r.key, label: r.label, ...r.stat }));

export default function TimeToDecisionPage() {
  const { t } = useTranslation("metrics");
  const view = useLoaderData<typeof loader>();
  const raceLabel = (v: string) => t(`values.race.${v}`);
  return (
    <section>
      <p>
        <Link to="/dashboard">{t("dashboard.title")}</Link>
      </p>
      <h1>{t("timeToDecision.title")}</h1>
      <p className="lead">{t("timeToDecision.lead")}</p>
      <p className="alert alert-info synthetic-banner">{t("dashboard.synthetic")}</p>
      <h2>{t("timeToDecision.definitionTitle")}</h2>
      <ul>
        <li>{t("timeToDecision.def1")}</li>
        <li>{t("timeToDecision.def2")}</li>
        <li>{t("timeToDecision.def3")}</li>
        <li>{t("timeToDecision.def4")}</li>
      </ul>
      {view.years.length === 0 ? (
        <p>{t("dashboard.noData")}</p>
      ) : (
        <>
          {STATS.map((k) => {
            const rows = view.totals[k].map((r) => ({ key: r.period, label: r.period, stat: r.stat }));
            return (
              <section key={k} aria-labelledby={`${k}-heading`} data-stat={k}>
                <h2 id={`${k}-heading`}>{t(`timeToDecision.stats.${k}`)}</h2>
                <figure className="metric-figure">
                  <RangeChart
                    id={`${k}-chart`}
                    title={t(`timeToDecision.stats.${k}`)}
                    desc={t("timeToDecision.chartDesc", { first: rows[0]?.label ?? "", last: rows.at(-1)?.label ?? "" })}
                    rows={rangeRows(rows)}
                    unitLabel={t("timeToDecision.daysAxis")}
                  />
                  <figcaption className="muted">{t("timeToDecision.chartKey")}</figcaption>
                </figure>
                <StatTable id={`${k}-years`} caption={t(`timeToDecision.captions.${k}`)} first={t("timeToDecision.yearReferred")} rows={rows} />
              </section>
            );
          })}
          <h2 id="race-heading">{t("timeToDecision.raceTitle", { year: view.year })}</h2>
          <p>{t("timeToDecision.raceLead")}</p>
          <Form method="get" className="filters" aria-labelledby="race-heading">
            <div className="field">
              <label htmlFor="ttd-year">{t("timeToDecision.yearReferred")}</label>
              <select id="ttd-year" name="year" defaultValue={view.year ?? ""}>
                {view.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
            <div className="actions">
              <button type="submit">{t("dashboard.apply")}</button>
            </div>
          </Form>
          {STATS.map((k) => {
            const rows = view.byRace[k].map((r) => ({ key: r.value, label: raceLabel(r.value), stat: r.stat }));
            return (
              <section key={k} aria-labelledby={`${k}-race-heading`} data-stat-race={k}>
                <h3 id={`${k}-race-heading`}>{t(`timeToDecision.stats.${k}`)}</h3>
                <figure className="metric-figure">
                  <RangeChart
                    id={`${k}-race-chart`}
                    title={t("timeToDecision.raceChartTitle", { name: t(`timeToDecision.stats.${k}`), year: view.year })}
                    desc={t("timeToDecision.raceChartDesc", { year: view.year })}
                    rows={rangeRows(rows)}
                    unitLabel={t("timeToDecision.daysAxis")}
                  />
                </figure>
                <StatTable
                  id={`${k}-race`}
                  caption={t("timeToDecision.raceCaption", { name: t(`timeToDecision.stats.${k}`), year: view.year })}
                  first={t("dims.race")}
                  rows={rows}
                />
              </section>
            );
          })}
          <p className="muted">{t("timeToDecision.privacy")}</p>
          <p>
            <a href="/dashboard/time-to-decision/csv" download>
              {t("dashboard.downloadCsv")}
            </a>{" "}
            · <a href="/api/v1/time-to-decision">{t("timeToDecision.api")}</a>
          </p>
        </>
      )}
    </section>
  );
}
