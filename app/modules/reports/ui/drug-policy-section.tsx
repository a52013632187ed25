import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReportFigure, type FigureData } from "./figure";

/**
 * The report's drug-policy section: the drug-policy funnel's figures for the year (referrals, filings
 * by the grounds cited, declinations) and the share of referred drug cases with a firearm recovered.
 */
export function DrugPolicySection({ year, figures }: { year: number; figures: FigureData[] }) {
  const { t } = useTranslation("metrics");
  return (
    <section className="report-section" aria-labelledby="report-drug" data-report-section="drug">
      <h2 id="report-drug">{t("annual.drugTitle")}</h2>
      <p>{t("annual.drugLead")}</p>
      <dl className="report-figures">
        {figures.map((f) => (
          <ReportFigure key={f.key} figure={f} withCount />
        ))}
      </dl>
      <p className="report-more">
        <Link to={`/dashboard/drug-policy?year=${year}`} data-source="">
          {t("annual.drugMore", { year })}
        </Link>
      </p>
    </section>
  );
}
