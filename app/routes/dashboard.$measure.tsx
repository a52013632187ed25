import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "~/db/client.server";
import { getUser, requireRole } from "~/modules/auth/index.server";
import { hasRole } from "~/modules/auth";
import {
  breakdownDimensionsOf,
  cellText,
  formatDecimal,
  DIMENSION_VALUES,
  formatNumber,
  formatPercent,
  GRAINS,
  grainsOf,
  hasDimensions,
  localized,
  targetProgress,
  type Dimension,
} from "~/modules/metrics";
import {
  availableYears,
  chartMarkers,
  dashboardTable,
  filtersFor,
  dimensionValuesOf,
  filtersToSearch,
  getMeasure,
  parseDashboardFilters,
} from "~/modules/metrics/index.server";
import { createSnapshot } from "~/modules/metrics/index.server";
import { readFormData } from "~/utils/forms.server";
import { notFound } from "~/utils/errors";
import { YearSelect } from "~/modules/metrics/ui/year-filter";
import { MeasureChart } from "~/modules/metrics/ui/measure-chart";
import { pageTitle, metaLocale } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, args.data ? { text: metaLocale(args) === "es" ? args.data.measure.nameEs : args.data.measure.nameEn } : "measure", "dashboard");

async function load(request: Request, key: string | undefined) {
  const measure = key ? await getMeasure(key) : null;
  if (!measure) notFound();
  const url = new URL(request.url);
  const filters = filtersFor(measure, parseDashboardFilters(url.searchParams));
  const years = await availableYears(measure);
  if (filters.grain === "month" && !filters.year) filters.year = years.at(-1) ?? null;
  const table = await dashboardTable(measure, filters);
  const show: "rate" | "count" = measure.unit === "percent" && url.searchParams.get("show") !== "count" ? "rate" : "count";
  return { measure, filters, years, table, show };
}

export async function loader(args: LoaderFunctionArgs) {
  const { measure, filters, years, table, show } = await load(args.request, args.params.measure);
  const [{ agency: agencies = [], zip: zips = [] }, markers] = await Promise.all([
    dimensionValuesOf(measure.key, ["agency", "zip"]),
    chartMarkers(measure.key, filters.dims),
  ]);
  const user = getUser(args);
  // A combination the publication does not contain: the page says so (and is a 404).
  return json(
    {
      measure,
      filters,
      years,
      table,
      show,
      markers,
      options: { agency: agencies, zip: zips },
      canCite: hasRole(user?.role, "csu_staff") && !table.notOffered,
      search: filtersToSearch(filters),
      byDimensions: breakdownDimensionsOf(measure),
    },
    { status: table.notOffered ? 404 : 200 },
  );
}

/** Staff cite the figure as filtered: a snapshot, then its page. */
export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const measure = await getMeasure(args.params.measure ?? "");
  if (!measure) notFound();
  const form = await readFormData(args.request);
  const filters = parseDashboardFilters(new URLSearchParams(String(form.get("filters") ?? "")));
  const id = await db.transaction((tx) =>
    createSnapshot(tx, {
      measure: measure.key,
      filters: { grain: filters.grain, ...(filters.year ? { year: String(filters.year) } : {}), ...filters.dims },
      actorId: user.id,
    }),
  );
  return redirect(`/dashboard/snapshots/${id}`);
}

export default function MeasurePage() {
  const { measure, filters, years, table, show, markers, options, canCite, search, byDimensions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const name = localized(measure, "name", locale);
  const isCase = hasDimensions(measure);
  const percent = measure.unit === "percent";
  const grainLabel = t(`dashboard.grains.${filters.grain}`);
  const by = filters.by as Dimension | "";
  const valueLabel = (d: Dimension, v: string) => (DIMENSION_VALUES[d] ? t(`values.${d}.${v}`) : v);
  const target = measure.yearlyTarget
    ? Math.round(measure.yearlyTarget / (filters.grain === "year" ? 1 : filters.grain === "quarter" ? 4 : 12))
    : measure.monthlyTarget
      ? measure.monthlyTarget * (filters.grain === "year" ? 12 : filters.grain === "quarter" ? 3 : 1)
      : null;
  const progress = filters.grain === "year" && !by ? targetProgress(measure.yearlyTarget, table.periodTotals) : null;
  return (
    <section>
      <p>
        <Link to="/dashboard">{t("dashboard.title")}</Link>
      </p>
      <h1>{name}</h1>
      <p className="alert alert-info synthetic-banner">{t("dashboard.synthetic")}</p>
      <dl className="measure-facts">
        <dt>{t("dashboard.definition")}</dt>
        <dd>{localized(measure, "definition", locale)}</dd>
        <dt>{t("dashboard.numerator")}</dt>
        <dd>{localized(measure, "numerator", locale)}</dd>
        {measure.denominatorKey ? (
          <>
            <dt>{t("dashboard.denominator")}</dt>
            <dd>{localized(measure, "denominator", locale)}</dd>
          </>
        ) : null}
        <dt>{t("dashboard.unit")}</dt>
        <dd>{t(`dashboard.units.${measure.unit}`)}</dd>
        {measure.stage ? (
          <>
            <dt>{t("dashboard.stage")}</dt>
            <dd>{t(`dashboard.stages.${measure.stage}`)}</dd>
          </>
        ) : null}
        <dt>{t("dashboard.direction")}</dt>
        <dd>{t(`dashboard.directions.${measure.direction}`)}</dd>
        {measure.monthlyTarget ? (
          <>
            <dt>{t("dashboard.targetLabel")}</dt>
            <dd>{t("dashboard.target", { target: measure.monthlyTarget })}</dd>
          </>
        ) : null}
        {measure.yearlyTarget ? (
          <>
            <dt>{t("dashboard.targetLabel")}</dt>
            <dd>{t("dashboard.yearlyTarget", { target: formatNumber(measure.yearlyTarget, locale) })}</dd>
          </>
        ) : null}
      </dl>

      <Form method="get" className="filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading">{t("dashboard.filters")}</h2>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="f-grain">{t("dashboard.grain")}</label>
            <select id="f-grain" name="grain" defaultValue={filters.grain}>
              {/* Only the grains the measure is published at (a yearly-only measure offers years). */}
              {GRAINS.filter((g) => g === filters.grain || grainsOf(measure).includes(g)).map((g) => (
                <option key={g} value={g}>
                  {t(`dashboard.grains.${g}`)}
                </option>
              ))}
            </select>
          </div>
          <YearSelect year={filters.year} years={years} />
          {isCase
            ? byDimensions.map((d) => {
                const values = DIMENSION_VALUES[d] ?? options[d as "agency" | "zip"] ?? [];
                return (
                  <div className="field" key={d}>
                    <label htmlFor={`f-${d}`}>{t(`dims.${d}`)}</label>
                    <select id={`f-${d}`} name={d} defaultValue={filters.dims[d] ?? ""}>
                      <option value="">{t("dashboard.all")}</option>
                      {values.map((v) => (
                        <option key={v} value={v}>
                          {valueLabel(d, v)}
                        </option>
                      ))}
                    </select>
                  </div>
                );
              })
            : null}
          {isCase && byDimensions.length ? (
            <div className="field">
              <label htmlFor="f-by">{t("dashboard.by")}</label>
              <select id="f-by" name="by" defaultValue={filters.by}>
                <option value="">{t("dashboard.byNone")}</option>
                {byDimensions.map((d) => (
                  <option key={d} value={d}>
                    {t(`dims.${d}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {percent ? (
            <div className="field">
              <label htmlFor="f-show">{t("charts.show")}</label>
              <select id="f-show" name="show" defaultValue={show}>
                <option value="rate">{t("charts.showRate")}</option>
                <option value="count">{t("charts.showCount")}</option>
              </select>
            </div>
          ) : null}
        </div>
        {!isCase ? <p className="muted">{t("dashboard.programNoFilters")}</p> : null}
        {filters.grain === "month" ? <p className="hint">{t("dashboard.monthNeedsYear")}</p> : null}
        {isCase && byDimensions.length ? <p className="hint">{t("dashboard.offeredHint")}</p> : null}
        {isCase && !byDimensions.length ? <p className="muted">{t("dashboard.notOffered.totals_only")}</p> : null}
        <div className="actions">
          <button type="submit">{t("dashboard.apply")}</button>
          <Link to={`/dashboard/${measure.key}`}>{t("dashboard.reset")}</Link>
        </div>
      </Form>

      {table.notOffered ? (
        <div className="alert alert-warning" role="status" data-not-offered={table.notOffered}>
          <h2>{t("dashboard.notOfferedTitle")}</h2>
          <p>{t(`dashboard.notOffered.${table.notOffered}`)}</p>
        </div>
      ) : table.periods.length === 0 ? (
        <p>{t("dashboard.noData")}</p>
      ) : (
        <>
          <MeasureChart
            measure={measure}
            table={table}
            show={show}
            grain={filters.grain}
            by={by}
            markers={markers}
            target={show === "count" ? target : null}
            valueLabel={valueLabel}
          />
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="measure-table-caption">
            <table className="metric-table" data-metric-table="">
              <caption id="measure-table-caption">{t("dashboard.tableCaption", { name, grain: grainLabel })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.period")}</th>
                  {by ? (
                    table.columns.map((c) => (
                      <th scope="col" key={c}>
                        {valueLabel(by, c)}
                      </th>
                    ))
                  ) : (
                    <th scope="col">{t("dashboard.count")}</th>
                  )}
                  {by ? <th scope="col">{t("dashboard.total")}</th> : null}
                  {percent ? <th scope="col">{t("dashboard.rate")}</th> : null}
                  {progress ? <th scope="col">{t("dashboard.againstTarget")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {table.periods.map((p, i) => (
                  <tr key={p}>
                    <th scope="row">{p}</th>
                    {by
                      ? table.table!.cells[i]!.map((c, k) => (
                          <td key={table.columns[k]} data-state={c.state}>
                            {cellText(c, t, locale)}
                          </td>
                        ))
                      : null}
                    <td data-state={table.periodTotals[i]!.state}>{cellText(table.periodTotals[i]!, t, locale)}</td>
                    {percent ? (
                      <td>{table.rates?.[i] === null || table.rates?.[i] === undefined ? t("dashboard.withheld") : formatPercent(table.rates[i]!, locale)}</td>
                    ) : null}
                    {progress ? (
                      <td data-target-progress={p}>
                        {progress[i] === null
                          ? t("dashboard.withheld")
                          : t("dashboard.targetProgress", {
                              n: formatNumber(progress[i]!.count, locale),
                              target: formatNumber(progress[i]!.target, locale),
                              percent: formatPercent(progress[i]!.share, locale),
                            })}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
              {table.total ? (
                <tfoot>
                  <tr>
                    <th scope="row">{t("dashboard.total")}</th>
                    {by ? (
                      <td colSpan={table.columns.length} className="muted">
                        {t("dashboard.columnTotalsNotOffered")}
                      </td>
                    ) : null}
                    <td data-state={table.total.state}>{cellText(table.total, t, locale)}</td>
                    {percent ? (
                      <td>{table.headline.value === null ? t("dashboard.withheld") : `${formatDecimal(table.headline.value, locale, 3, true)}%`}</td>
                    ) : null}
                    {progress ? <td /> : null}
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </div>
          <p className="muted">{t("dashboard.suppressionNote")}</p>
          <p>
            <a href={`/dashboard/${measure.key}/csv?${search}`} download>
              {t("dashboard.downloadCsv")}
            </a>
          </p>
          {target ? <p className="muted">{t("dashboard.targetYear", { target: formatNumber(target, locale) })}</p> : null}
        </>
      )}
      {canCite ? (
        <Form method="post" className="cite-form">
          <input type="hidden" name="filters" value={search} />
          <p className="hint" id="cite-hint">
            {t("dashboard.citeHint")}
          </p>
          <button type="submit" className="secondary" aria-describedby="cite-hint">
            {t("dashboard.cite")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
