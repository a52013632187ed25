import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { annualReportYears } from "~/modules/reports/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "annualReports", "dashboard");

export async function loader(_: LoaderFunctionArgs) {
  return json({ years: await annualReportYears() });
}

export default function AnnualReports() {
  const { years } = useLoaderData<typeof loader>();
  const { t } = useTranslation("metrics");
  return (
    <section>
      <p>
        <Link to="/dashboard">{t("dashboard.title")}</Link>
      </p>
      <h1>{t("annual.listTitle")}</h1>
      <p className="lead">{t("annual.listLead")}</p>
      {years.length === 0 ? (
        <p>{t("dashboard.noData")}</p>
      ) : (
        <ul className="report-years">
          {years.map((y) => (
            <li key={y}>
              <Link to={`/reports/annual/${y}`}>{t("annual.title", { year: y })}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
