import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OFFENSE_CATEGORIES, RACE_ETHNICITIES } from "~/modules/metrics";
import { availableYears, disparityView, parseDashboardFilters } from "~/modules/metrics/index.server";
import { YearSelect } from "~/components/metrics/year-filter";

export const meta: MetaFunction = () => [{ title: "Disparity by stage · Dashboard · CAB Portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = parseDashboardFilters(url.searchParams);
  const years = await availableYears();
  const refParam = url.searchParams.get("reference") ?? "white";
  const reference = (RACE_ETHNICITIES as readonly string[]).includes(refParam) && refParam !== "unknown" && refParam !== "other" ? refParam : "white";
  // Only the year and offense filters apply here; the view compares groups of people.
  const view = await disparityView(
    { grain: "year", year: filters.year, dims: filters.dims.offense ? { offense: filters.dims.offense } : {}, by: "" },
    reference,
  );
  return json({ ...view, years, year: filters.year, offense: filters.dims.offense ?? "", reference });
}

export default function Disparity() {
  const { rows, groups, years, year, offense, reference } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("metrics");
  const nf = (n: number, digits: number) =>
    n.toLocaleString(i18n.language === "es" ? "es-US" : "en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (
    <section>
      <p>
        <Link to="/dashboard">{t("dashboard.title")}</Link>
      </p>
      <h1>{t("disparity.title")}</h1>
      <p className="lead">{t("disparity.lead")}</p>
      <p className="alert alert-info synthetic-banner">{t("dashboard.synthetic")}</p>
      <Form method="get" className="filters" aria-labelledby="disparity-filters">
        <h2 id="disparity-filters">{t("dashboard.filters")}</h2>
        <div className="filter-grid">
          <YearSelect id="d-year" year={year} years={years} />
          <div className="field">
            <label htmlFor="d-offense">{t("dims.offense")}</label>
            <select id="d-offense" name="offense" defaultValue={offense}>
              <option value="">{t("dashboard.all")}</option>
              {OFFENSE_CATEGORIES.map((o) => (
                <option key={o} value={o}>
                  {t(`values.offense.${o}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="d-ref">{t("disparity.reference")}</label>
            <select id="d-ref" name="reference" defaultValue={reference}>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {t(`values.race.${g}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit">{t("disparity.apply")}</button>
      </Form>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="rri-caption">
        <table className="metric-table">
          <caption id="rri-caption">{t("disparity.caption", { group: t(`values.race.${reference}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("disparity.stage")}</th>
              <th scope="col">{t("disparity.base")}</th>
              {groups.map((g) => (
                <th scope="col" key={g}>
                  {t(`values.race.${g}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.stage}>
                <th scope="row">{t(`dashboard.stages.${row.stage}`)}</th>
                <td>{t(`dashboard.stages.${row.base}`)}</td>
                {groups.map((g) => {
                  const c = row.groups[g]!;
                  return (
                    <td key={g} data-status={c.status}>
                      {c.status === "insufficient"
                        ? t("disparity.insufficient")
                        : c.status === "reference"
                          ? t("disparity.referenceCell", { rate: nf(c.rate * 100, row.base === "population" ? 2 : 1) })
                          : t("disparity.rriCell", { rri: nf(c.rri, 2), rate: nf(c.rate * 100, row.base === "population" ? 2 : 1) })}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("disparity.note")}</p>
    </section>
  );
}
