import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDecimal } from "~/modules/metrics";
import type { DisparityView } from "~/modules/metrics/index.server";

/**
 * The report's disparity section: the relative rate index at every stage for the year, as the
 * disparity page computes it from the published race breakdowns ("insufficient data" where it does).
 */
export function DisparitySummary({ year, reference, view }: { year: number; reference: string; view: DisparityView }) {
  const { t, i18n } = useTranslation("metrics");
  const nf = (n: number, digits: number) => formatDecimal(n, i18n.language, digits);
  const href = `/dashboard/disparity?year=${year}&reference=${reference}`;
  return (
    <section className="report-section" aria-labelledby="report-disparity" data-report-section="disparity">
      <h2 id="report-disparity">{t("annual.disparityTitle")}</h2>
      <p>{t("annual.disparityLead", { group: t(`values.race.${reference}`) })}</p>
      {/* The caption is said above the table, not inside it: on a phone the table scrolls sideways and a caption would scroll with it. */}
      <p id="report-rri-caption" className="report-caption">
        {t("disparity.caption", { group: t(`values.race.${reference}`) })}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="report-rri-caption">
        <table className="metric-table report-table" aria-labelledby="report-rri-caption">
          <thead>
            <tr>
              <th scope="col">{t("disparity.stage")}</th>
              {view.groups.map((g) => (
                <th scope="col" key={g}>
                  {t(`values.race.${g}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.stage} data-stage={row.stage}>
                <th scope="row">
                  {t(`dashboard.stages.${row.stage}`)}
                  <span className="muted report-base"> {t("annual.against", { base: t(`dashboard.stages.${row.base}`) })}</span>
                </th>
                {view.groups.map((g) => {
                  const c = row.groups[g]!;
                  return (
                    <td key={g} data-group={g} data-status={c.status}>
                      {c.status === "insufficient" ? t("disparity.insufficient") : c.status === "reference" ? t("disparity.referenceShort") : nf(c.rri, 2)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("disparity.note")}</p>
      <p className="report-more">
        <a href={href} data-source="">
          {t("annual.disparityMore", { year })}
        </a>
      </p>
    </section>
  );
}
