import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDecimal, formatNumber, RACE_ETHNICITIES, colourOf, isSmallCount } from "~/modules/metrics";
import { availableYears, disparityView, parseDashboardFilters } from "~/modules/metrics/index.server";
import { YearSelect } from "~/modules/metrics/ui/year-filter";
import { BarRows } from "~/modules/metrics/ui/bar-rows";
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
  const view = year ? await disparityView(year, reference) : { rows: [], groups: [], counts: {} };
  const notOffered = Object.keys(filters.dims).length > 0;
  return json({ ...view, years, year, reference, notOffered }, { status: notOffered ? 404 : 200 });
}

export default function Disparity() {
  const { rows, groups, counts, years, year, reference, notOffered } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("metrics");
  const rriMax = Math.max(2, Math.ceil(Math.max(0, ...rows.flatMap((r) => Object.values(r.groups).map((c) => (c.status === "ok" ? c.rri : 0))))));
  const nf = (n: number, digits: number) => formatDecimal(n, i18n.language, digits);
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
      {notOffered
        ? null
        : rows.map((row) => {
            const stageName = t(`dashboard.stages.${row.stage}`);
            const baseName = t(`dashboard.stages.${row.base}`);
            const count = (g: string, k: string) => counts[g]?.[k as keyof (typeof counts)[string]];
            const text = (c: { value: number | null; state: string } | undefined) =>
              !c || c.state === "missing"
                ? t("disparity.noCount")
                : c.state === "primary"
                  ? t("dashboard.fewerThan11")
                  : c.state !== "shown" || c.value === null
                    ? t("dashboard.suppressed")
                    : formatNumber(c.value, i18n.language);
            const opposite = (g: string) => {
              if (row.base === "population") return null;
              const n = count(g, row.stage);
              const b = count(g, row.base);
              if (!n || !b || n.state !== "shown" || b.state !== "shown" || n.value === null || b.value === null) return t("disparity.noCount");
              const o = b.value - n.value;
              return isSmallCount(o) ? t("dashboard.fewerThan11") : formatNumber(o, i18n.language);
            };
            return (
              <section key={row.stage} className="disparity-stage" aria-labelledby={`stage-${row.stage}`} data-stage={row.stage}>
                <h2 id={`stage-${row.stage}`}>{t("disparity.stageTitle", { stage: stageName, base: baseName })}</h2>
                <figure className="metric-figure">
                  <BarRows
                    id={`rri-${row.stage}`}
                    title={t("disparity.chartTitle", { stage: stageName, group: t(`values.race.${reference}`) })}
                    desc={t("disparity.chartDesc", { stage: stageName, base: baseName })}
                    unit="count"
                    reference={1}
                    // One scale for every stage (at least 0–2), so 1.00 sits in the same place on each chart.
                    max={rriMax}
                    referenceLabel={t("disparity.parity")}
                    format={(v) => nf(v, 2)}
                    groups={[
                      {
                        key: row.stage,
                        rows: groups.map((g, i) => {
                          const c = row.groups[g]!;
                          return {
                            key: g,
                            label: t(`values.race.${g}`) + (c.status === "reference" ? ` (${t("disparity.referenceShort")})` : ""),
                            colour: colourOf(i),
                            point:
                              c.status === "ok"
                                ? { period: row.stage, value: c.rri, state: "shown" as const }
                                : c.status === "reference"
                                  ? { period: row.stage, value: 1, state: "shown" as const }
                                  : { period: row.stage, value: null, state: "insufficient" as const },
                          };
                        }),
                      },
                    ]}
                  />
                </figure>
                <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`counts-${row.stage}`}>
                  <table className="metric-table">
                    <caption id={`counts-${row.stage}`}>{t("disparity.countsCaption", { stage: stageName })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("disparity.group")}</th>
                        <th scope="col">{stageName}</th>
                        {row.base === "population" ? null : <th scope="col">{t(`disparity.opposite.${row.stage}`)}</th>}
                        <th scope="col">{t("disparity.baseCount", { base: baseName })}</th>
                        <th scope="col">{t("disparity.rate")}</th>
                        <th scope="col">{t("disparity.rri")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {groups.map((g) => {
                        const c = row.groups[g]!;
                        const digits = row.base === "population" ? 2 : 1;
                        return (
                          <tr key={g} data-group={g}>
                            <th scope="row">{t(`values.race.${g}`)}</th>
                            <td data-state={count(g, row.stage)?.state}>{text(count(g, row.stage))}</td>
                            {row.base === "population" ? null : <td>{opposite(g)}</td>}
                            <td>{text(count(g, row.base))}</td>
                            <td>{c.status === "insufficient" ? t("disparity.insufficient") : `${nf(c.rate * 100, digits)}%`}</td>
                            <td data-rri-status={c.status}>
                              {c.status === "ok" ? nf(c.rri, 2) : c.status === "reference" ? t("disparity.referenceShort") : t("disparity.insufficient")}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </section>
            );
          })}
    </section>
  );
}
