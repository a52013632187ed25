import { useTranslation } from "react-i18next";
import { colourOf, pointOfCell } from "../charts";
import { cellText, formatPercent } from "../format";
import { LOOP_BASE, LOOP_STAGES, LOOP_ZIP_STAGES, type ConcernLoop, type LoopStage } from "../loop";
import { BarRows } from "./bar-rows";
import { ChartKey } from "./chart-key";
import { StageTable } from "./stage-table";
import { YearFilter } from "./year-filter";

const COLOUR: Record<LoopStage, string> = {
  concerns_received: "#4a5563",
  concerns_documented: colourOf(0),
  concerns_cited: colourOf(2),
  concerns_responded: colourOf(1),
};

/** The concern loop page's body: the year's stages (chart + table), year by year, and by ZIP code. */
export function ConcernLoopView({ loop }: { loop: ConcernLoop }) {
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const row = loop.row;
  const period = String(loop.year ?? "");
  return (
    <>
      <YearFilter id="loop-filters" year={loop.year} years={loop.years} allYears={false} />
      {!row ? (
        <p>{t("dashboard.noData")}</p>
      ) : (
        <>
          <h2 id="loop-heading">{t("loop.yearHeading", { period })}</h2>
          <div className="funnel-layout">
            <figure className="metric-figure">
              <BarRows
                id="loop-chart"
                title={t("loop.chartTitle", { period })}
                desc={t("loop.chartDesc")}
                unit="count"
                groups={[
                  {
                    key: "loop",
                    rows: LOOP_STAGES.map((s) => ({
                      key: s,
                      label: t(`loop.stages.${s}`),
                      point: pointOfCell(s, row[s].cell),
                      colour: COLOUR[s],
                      note: row[s].share === null ? undefined : t(`loop.shareNote.${s}`, { share: formatPercent(row[s].share!, locale) }),
                    })),
                  },
                ]}
              />
            </figure>
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="loop-table-caption">
              <table className="metric-table funnel-table" data-metric-table="" data-loop-table="summary">
                <caption id="loop-table-caption">{t("loop.tableCaption", { period })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("loop.stage")}</th>
                    <th scope="col">{t("loop.count")}</th>
                    <th scope="col">{t("loop.share")}</th>
                  </tr>
                </thead>
                <tbody>
                  {LOOP_STAGES.map((s) => (
                    <tr key={s} data-stage={s}>
                      <th scope="row">{t(`loop.stages.${s}`)}</th>
                      <td data-state={row[s].cell.state} data-count="">
                        {cellText(row[s].cell, t, locale)}
                      </td>
                      <td data-share="">
                        {!LOOP_BASE[s]
                          ? ""
                          : row[s].share === null
                            ? t("dashboard.withheld")
                            : t(`loop.shareOf.${s}`, { share: formatPercent(row[s].share!, locale) })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <ChartKey
            hatched={LOOP_STAGES.some((s) => row[s].cell.state === "primary")}
            dashed={LOOP_STAGES.some((s) => row[s].cell.state === "complementary")}
          />
          <p className="muted">{t("loop.cohortNote")}</p>

          <h2 id="loop-zip-heading">{t("loop.zipHeading", { year: period })}</h2>
          <p>{t("loop.zipNoCited")}</p>
          <StageTable
            id="loop-zip"
            attrs={{ "data-loop-table": "zip" }}
            heading={(s) => t(`loop.short.${s}`)}
            withShare={(s) => LOOP_BASE[s] !== null}
            caption={t("loop.zipCaption", { year: period })}
            first={t("loop.zip")}
            stages={LOOP_ZIP_STAGES}
            rows={loop.zips.map((z) => ({ key: z.zip, label: z.zip, row: z.row }))}
          />
        </>
      )}
      {loop.trend.length ? (
        <>
          <h2 id="loop-trend-heading">{t("loop.trendHeading")}</h2>
          <StageTable
            id="loop-trend"
            attrs={{ "data-loop-table": "year" }}
            heading={(s) => t(`loop.short.${s}`)}
            withShare={(s) => LOOP_BASE[s] !== null}
            stages={LOOP_STAGES}
            caption={t("loop.trendCaption")}
            first={t("loop.year")}
            rows={loop.trend.map((r) => ({ key: r.year, label: r.year, row: r.row }))}
          />
        </>
      ) : null}
      <p className="muted">{t("dashboard.suppressionNote")}</p>
      <p>
        <a href={`/dashboard/concerns-loop/csv${loop.year ? `?year=${loop.year}` : ""}`} download>
          {t("dashboard.downloadCsv")}
        </a>
      </p>
    </>
  );
}
