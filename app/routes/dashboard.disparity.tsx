import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RACE_ETHNICITIES } from "~/modules/metrics";
import { availableYears, disparityView, parseDashboardFilters } from "~/modules/metrics/index.server";
import { YearSelect } from "~/components/metrics/year-filter";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "disparity", "dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = parseDashboardFilters(url.searchParams);
  const years = await availableYears();
  const year = filters.year && years.includes(filters.year) ? filters.year : (years.at(-1) ?? null);
  const refParam = url.searchParams.get("reference") ?? "white";
  const reference = (RACE_ETHNICITIES as readonly string[]).includes(refParam) && refParam !== "unknown" && refParam !== "other" ? refParam : "white";
  // One year at a time, from the published race breakdowns; an offense filter would need
  // offense × race cells, which the publication does not contain.
  const view = year ? await disparityView(year, reference) : { rows: [], groups: [] };
  const notOffered = Object.keys(filters.dims).length > 0;
  return json({ ...view, years, year, reference, notOffered }, { status: notOffered ? 404 : 200 });
}

export default function Disparity() {
  const { rows, groups, years, year, reference, notOffered } = useLoaderData<typeof loader>();
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
      {notOffered ? (
        <div className="alert alert-warning" role="status" data-not-offered="disparity">
          <h2>{t("dashboard.notOfferedTitle")}</h2>
          <p>{t("disparity.notOffered")}</p>
        </div>
      ) : null}
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
