import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { colourOf, placeMarkers, pointOfCell, pointOfRate, type ChartMarker } from "../charts";
import { cellText, formatPercent, localized } from "../format";
import { CSU_BASELINE, FUNNEL_STAGES, ZIP_STAGES, type DrugFunnel, type FunnelCell, type FunnelStage } from "../funnel";
import { BarRows } from "./bar-rows";
import { ChartKey } from "./chart-key";
import { MarkerList } from "./marker-list";
import { TimeSeriesChart } from "./time-series-chart";
import { StageTable } from "./stage-table";
import { YearFilter } from "./year-filter";

type Marker = { date: string; kind: "policy" | "event"; titleEn: string; titleEs: string; descriptionEn: string; descriptionEs: string };

/** The grounds rows are indented under "Filed" in tables and drawn in the filed colour family. */
const SUB: Record<FunnelStage, boolean> = {
  drug_referred: false,
  drug_filed: false,
  drug_filed_concern: true,
  drug_filed_violence: true,
  drug_filed_unrecorded: true,
  drug_declined: false,
};
const COLOUR: Record<FunnelStage, string> = {
  drug_referred: "#4a5563",
  drug_filed: colourOf(0),
  drug_filed_concern: colourOf(2),
  drug_filed_violence: colourOf(3),
  drug_filed_unrecorded: "#8a96a3",
  drug_declined: colourOf(1),
};

function shareText(c: FunnelCell, t: TFunction, locale: string) {
  return c.share === null ? t("dashboard.withheld") : formatPercent(c.share, locale);
}

/** The drug-policy funnel page's body: the year's funnel (chart + table), the yearly trend with the policy marked, the ZIP split, firearms, the CSU baseline. */
export function DrugFunnelView({ funnel, markers }: { funnel: DrugFunnel; markers: readonly Marker[] }) {
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const period = funnel.year === null ? t("funnel.allYears") : String(funnel.year);
  const csvHref = `/dashboard/drug-policy/csv?year=${funnel.year ?? "all"}`;
  const years = funnel.trend.map((r) => r.year);
  const chartMarks: ChartMarker[] = markers.map((m) => ({ date: m.date, kind: m.kind, label: localized(m, "title", locale) }));
  const placed = placeMarkers(years, chartMarks);
  const numbers = new Map(placed.map((m, i) => [`${m.date}|${m.label}`, i + 1]));
  const row = funnel.funnel;
  const hiddenAny = (cells: FunnelCell[]) => ({
    hatched: cells.some((c) => c.cell.state === "primary"),
    dashed: cells.some((c) => c.cell.state === "complementary"),
  });
  const trendSeries = (stage: FunnelStage, label: string) => ({
    key: stage,
    label,
    points: funnel.trend.map((r) => pointOfRate(r.year, r.row[stage].share)),
  });
  const trendMax = Math.max(1, ...funnel.trend.flatMap((r) => [r.row.drug_filed.share ?? 0, r.row.drug_declined.share ?? 0]).map((s) => s * 100));
  return (
    <>
      <YearFilter id="funnel-filters" year={funnel.year ?? ""} years={funnel.years} />
      {!row ? (
        <p>{t("dashboard.noData")}</p>
      ) : (
        <>
          <h2 id="funnel-heading">{t("funnel.yearHeading", { period })}</h2>
          <div className="funnel-layout">
            <figure className="metric-figure">
              <BarRows
                id="funnel-chart"
                title={t("funnel.chartTitle", { period })}
                desc={t("funnel.chartDesc")}
                unit="count"
                groups={[
                  { key: "referred", stages: ["drug_referred", "drug_filed"] as FunnelStage[] },
                  {
                    key: "grounds",
                    heading: t("funnel.groundsHeading"),
                    stages: ["drug_filed_concern", "drug_filed_violence", "drug_filed_unrecorded"] as FunnelStage[],
                  },
                  { key: "declined", stages: ["drug_declined"] as FunnelStage[] },
                ].map((g) => ({
                  key: g.key,
                  heading: g.heading,
                  rows: g.stages.map((s) => ({
                    key: s,
                    label: g.heading ? t(`funnel.grounds.${s}`) : t(`funnel.stages.${s}`),
                    point: pointOfCell(s, row[s].cell),
                    colour: COLOUR[s],
                    note: s === "drug_referred" || row[s].share === null ? undefined : t("funnel.shareNote", { share: formatPercent(row[s].share!, locale) }),
                  })),
                }))}
              />
            </figure>
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="funnel-table-caption">
              <table className="metric-table funnel-table" data-metric-table="" data-funnel-table="summary">
                <caption id="funnel-table-caption">{t("funnel.tableCaption", { period })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("funnel.stage")}</th>
                    <th scope="col">{t("funnel.count")}</th>
                    <th scope="col">{t("funnel.share")}</th>
                  </tr>
                </thead>
                <tbody>
                  {FUNNEL_STAGES.map((s) => (
                    <tr key={s} data-stage={s} className={SUB[s] ? "funnel-sub" : undefined}>
                      <th scope="row">{t(`funnel.stages.${s}`)}</th>
                      <td data-state={row[s].cell.state} data-count="">
                        {cellText(row[s].cell, t, locale)}
                      </td>
                      <td data-share="">{s === "drug_referred" ? "" : shareText(row[s], t, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <ChartKey {...hiddenAny(FUNNEL_STAGES.map((s) => row[s]))} />
          <p className="muted">{t("funnel.remainderNote")}</p>

          <h2 id="firearm-heading">{t("funnel.firearmHeading")}</h2>
          <dl className="measure-facts" data-funnel-firearm="">
            <dt>{t("funnel.firearmCount")}</dt>
            <dd data-state={funnel.firearm!.cell.state} data-count="">
              {cellText(funnel.firearm!.cell, t, locale)}
            </dd>
            <dt>{t("funnel.firearmShare")}</dt>
            <dd data-share="">{shareText(funnel.firearm!, t, locale)}</dd>
          </dl>
          <aside className="alert alert-info funnel-baseline" aria-labelledby="baseline-heading" data-baseline="">
            <h3 id="baseline-heading">{t("funnel.baselineHeading")}</h3>
            <p>
              {t("funnel.baselineText", {
                population: CSU_BASELINE.blackPopulationPercent,
                sale: CSU_BASELINE.blackDrugSalePercent,
                firearm: CSU_BASELINE.firearmUnderPercent,
              })}
            </p>
            <p className="muted">{t("funnel.baselineNote")}</p>
          </aside>

          <h2 id="zip-heading">{funnel.year === null ? t("funnel.zip") : t("funnel.zipHeading", { year: funnel.year })}</h2>
          {funnel.year === null ? <p>{t("funnel.zipAllYears")}</p> : <p>{t("funnel.zipNoGrounds")}</p>}
          {funnel.year === null ? null : (
            <StageTable
              id="funnel-zip"
              attrs={{ "data-funnel-table": "zip" }}
              heading={(s) => t(`funnel.short.${s}`)}
              withShare={(s) => s !== "drug_referred"}
              caption={t("funnel.zipCaption", { year: funnel.year })}
              first={t("funnel.zip")}
              stages={ZIP_STAGES}
              rows={funnel.zips.map((z) => ({ key: z.zip, label: z.zip, row: z.row }))}
            />
          )}
        </>
      )}

      {funnel.trend.length ? (
        <>
          <h2 id="trend-heading">{t("funnel.trendHeading")}</h2>
          <div className="small-multiples">
            {(["drug_filed", "drug_declined"] as const).map((s) => {
              const title = s === "drug_filed" ? t("funnel.trendFiled") : t("funnel.trendDeclined");
              return (
                <figure className="metric-figure" key={s}>
                  <figcaption>{title}</figcaption>
                  <TimeSeriesChart
                    id={`funnel-trend-${s}`}
                    title={title}
                    desc={t("funnel.trendDesc", { first: years[0]!, last: years.at(-1)! })}
                    series={trendSeries(s, title)}
                    unit="percent"
                    markers={chartMarks}
                    markerNumbers={numbers}
                    max={trendMax}
                    colour={COLOUR[s]}
                    compact
                  />
                </figure>
              );
            })}
          </div>
          <ChartKey markers={placed.length > 0} />
          <MarkerList id="funnel-markers" markers={placed.map((m, i) => ({ number: i + 1, date: m.date, kind: m.kind, title: m.label, description: "" }))} />
          <StageTable
            id="funnel-trend"
            attrs={{ "data-funnel-table": "year" }}
            heading={(s) => t(`funnel.short.${s}`)}
            withShare={(s) => s !== "drug_referred"}
            stages={FUNNEL_STAGES}
            caption={t("funnel.trendCaption")}
            first={t("funnel.year")}
            rows={funnel.trend.map((r) => ({ key: r.year, label: r.year, row: r.row }))}
          />
        </>
      ) : null}
      <p className="muted">{t("dashboard.suppressionNote")}</p>
      <p>
        <a href={csvHref} download>
          {t("dashboard.downloadCsv")}
        </a>
      </p>
    </>
  );
}
