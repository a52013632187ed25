import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber, localized } from "~/components/metrics/format";
import { availableYears, dashboardHeadlines, listMeasures } from "~/modules/metrics/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "dashboard");

export async function loader(_: LoaderFunctionArgs) {
  const [measures, years] = await Promise.all([listMeasures(), availableYears()]);
  const year = years.at(-1) ?? null;
  // Every card's headline from one query (as dashboardTable would give it for the year).
  const cards = year
    ? (await dashboardHeadlines(measures, year)).map(({ measure, table }) => ({
        measure,
        headline: table.headline,
        suppressed: table.total?.state !== "shown",
      }))
    : measures.map((measure) => ({ measure, headline: null, suppressed: false }));
  return json({ cards, year });
}

export default function Dashboard() {
  const { cards, year } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  return (
    <section>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">{t("dashboard.lead")}</p>
      <p className="alert alert-info synthetic-banner">{t("dashboard.synthetic")}</p>
      <h2>{t("dashboard.measures")}</h2>
      <ul className="card-grid">
        {cards.map(({ measure, headline }) => (
          <li key={measure.key} className="card">
            <h3>
              <Link to={`/dashboard/${measure.key}`}>{localized(measure, "name", locale)}</Link>
            </h3>
            <p className="muted">{localized(measure, "definition", locale)}</p>
            {year ? (
              <p>
                {t("dashboard.latest", { year })}:{" "}
                <strong>
                  {headline?.value === null || headline?.value === undefined
                    ? t("dashboard.withheld")
                    : measure.unit === "percent"
                      ? `${headline.value.toLocaleString(locale === "es" ? "es-US" : "en-US")}%`
                      : formatNumber(headline.value, locale)}
                </strong>
              </p>
            ) : (
              <p>{t("dashboard.noData")}</p>
            )}
          </li>
        ))}
      </ul>
      <h2>{t("dashboard.disparityTitle")}</h2>
      <p>
        {t("dashboard.disparityText")} <Link to="/dashboard/disparity">{t("disparity.title")}</Link>
      </p>
      <h2>{t("responses:dashboard.sectionTitle")}</h2>
      <ul>
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
