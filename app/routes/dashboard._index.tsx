import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localized, periodName } from "~/modules/metrics";
import { dashboardTrends, LEAD_MEASURES, listMeasures } from "~/modules/metrics/index.server";
import { Sparkline } from "~/modules/metrics/ui/sparkline";
import { valueText, YearChange } from "~/modules/metrics/ui/year-change";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "dashboard");

export async function loader(_: LoaderFunctionArgs) {
  const measures = await listMeasures();
  // Every figure here is a published cell (or a rate of two): nothing is counted for this page.
  const trends = await dashboardTrends(measures);
  // Only what a card shows of each measure (not its whole definition row).
  const cards = measures.map(({ key, unit, nameEn, nameEs, definitionEn, definitionEs }, i) => ({
    measure: { key, unit, nameEn, nameEs, definitionEn, definitionEs },
    trend: trends[i]!,
  }));
  const year = trends[0]?.year ?? null;
  const lead = LEAD_MEASURES.map((k) => cards.find((c) => c.measure.key === k)).filter((c) => c !== undefined);
  return json({ cards, lead, year });
}

export default function Dashboard() {
  const { cards, lead, year } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  return (
    <section>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">{t("dashboard.lead")}</p>
      <p className="alert alert-info synthetic-banner">{t("dashboard.synthetic")}</p>
      {year && lead.length ? (
        <>
          <h2 id="lead-heading">{t("home.leadTitle", { year })}</h2>
          <ul className="lead-figures" aria-labelledby="lead-heading">
            {lead.map(({ measure, trend }) => (
              <li key={measure.key} className="lead-figure" data-lead={measure.key}>
                <Link to={`/dashboard/${measure.key}`} className="lead-name">
                  {localized(measure, "name", locale)}
                </Link>
                <strong className="lead-value">{valueText(trend.value, measure.unit, t, locale)}</strong>
                <YearChange change={trend.change} priorYear={trend.priorYear} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("dashboard.measures")}</h2>
      <ul className="card-grid trend-cards">
        {cards.map(({ measure, trend }) => (
          <li key={measure.key} className="card" data-measure={measure.key}>
            <h3>
              <Link to={`/dashboard/${measure.key}`}>{localized(measure, "name", locale)}</Link>
            </h3>
            {trend.year ? (
              <>
                <p className="trend-value">
                  {t("dashboard.latest", { year: trend.year })}: <strong>{valueText(trend.value, measure.unit, t, locale)}</strong>
                </p>
                <p className="trend-change">
                  <YearChange change={trend.change} priorYear={trend.priorYear} />
                </p>
                {trend.months.length ? (
                  <>
                    <Sparkline
                      points={trend.months}
                      label={t("home.sparkLabel", {
                        name: localized(measure, "name", locale),
                        first: periodName(trend.months[0]?.period ?? "", locale),
                        last: periodName(trend.months.at(-1)?.period ?? "", locale),
                      })}
                    />
                    <p className="muted spark-caption">
                      {t("home.sparkCaption", {
                        first: periodName(trend.months[0]?.period ?? "", locale),
                        last: periodName(trend.months.at(-1)?.period ?? "", locale),
                      })}
                    </p>
                  </>
                ) : null}
              </>
            ) : (
              <p>{t("dashboard.noData")}</p>
            )}
            <p className="muted card-definition">{localized(measure, "definition", locale)}</p>
          </li>
        ))}
      </ul>
      <h2>{t("dashboard.disparityTitle")}</h2>
      <p>
        {t("dashboard.disparityText")} <Link to="/dashboard/disparity">{t("disparity.title")}</Link>
      </p>
      <h2>{t("timeToDecision.homeTitle")}</h2>
      <p>
        <Link to="/dashboard/time-to-decision">{t("timeToDecision.title")}</Link> — {t("timeToDecision.homeText")}
      </p>
      <h2>{t("annual.listTitle")}</h2>
      <p>
        {t("annual.homeText")} <Link to="/reports/annual">{t("annual.listTitle")}</Link>
        {year ? (
          <>
            {" · "}
            <Link to={`/reports/annual/${year}`}>{t("annual.title", { year })}</Link>
          </>
        ) : null}
      </p>
      <h2>{t("responses:dashboard.sectionTitle")}</h2>
      <ul>
        <li>
          <Link to="/dashboard/drug-policy">{t("funnel.title")}</Link> — {t("funnel.homeText")}
        </li>
        <li>
          <Link to="/dashboard/concerns-loop">{t("loop.title")}</Link> — {t("loop.homeText")}
        </li>
        <li>
          <Link to="/dashboard/response-time">{t("responses:clockPage.title")}</Link> — {t("responses:dashboard.clockText")}
        </li>
        <li>
          <Link to="/dashboard/drug-citations">{t("responses:citationsPage.title")}</Link> — {t("responses:dashboard.citationsText")}
        </li>
      </ul>
      <p className="muted">{t("dashboard.suppressionNote")}</p>
    </section>
  );
}
