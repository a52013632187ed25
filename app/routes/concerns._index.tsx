import { json, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/table-wrap";
import { kindName, publicLocationLabel } from "~/modules/concerns";
import { hiddenTextKey } from "~/modules/metrics";
import { concernOverview, type OverviewCell } from "~/modules/concerns/index.server";
import { formatMonth } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "concerns");

export async function loader() {
  return json(await concernOverview());
}

function Cell({ cell }: { cell: OverviewCell }) {
  const { t } = useTranslation("concerns");
  const hidden = hiddenTextKey(cell);
  if (!hidden) return <>{cell.value}</>;
  return <span className="muted">{hidden === "dashboard.fewerThan11" ? t("overview.lt11") : t("overview.withheld")}</span>;
}

export default function ConcernsOverview() {
  const { t, i18n } = useTranslation("concerns");
  const { months, kinds, zips } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const from = formatMonth(months[0]!, lng);
  const to = formatMonth(months.at(-1)!, lng);
  const kindOf = (code: string) => kinds.find((k) => k.code === code)!;
  return (
    <section>
      <h1>{t("overview.title")}</h1>
      <p className="lead">{t("overview.lead")}</p>
      <p className="actions">
        <Link className="button" to="/concerns/new">
          {t("overview.report")}
        </Link>
        <Link to="/concerns/track">{t("overview.track")}</Link>
      </p>
      <p>{t("overview.period", { from, to })}</p>
      <p className="muted">{t("overview.privacy")}</p>

      <h2 id="rates">{t("overview.rateTitle")}</h2>
      <p>{t("overview.rateLead")}</p>
      <TableWrap label={t("overview.rateCaption", { from, to })}>
        <table className="stack-table">
          <caption>{t("overview.rateCaption", { from, to })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("overview.zip")}</th>
              <th scope="col">{t("overview.population")}</th>
              <th scope="col">{t("overview.reports")}</th>
              <th scope="col">{t("overview.per1000")}</th>
            </tr>
          </thead>
          <tbody>
            {zips
              .filter((z) => z.population)
              .map((z) => (
                <tr key={z.zip}>
                  <th scope="row">
                    {z.zip}
                    {z.district ? <span className="muted"> · {z.district}</span> : null}
                  </th>
                  <td data-label={t("overview.population")}>{z.population!.toLocaleString(lng)}</td>
                  <td data-label={t("overview.reports")}>{z.total === null ? <span className="muted">{t("overview.notShown")}</span> : z.total}</td>
                  <td data-label={t("overview.per1000")}>
                    {z.per1000 === null ? (
                      <span className="muted">{t("overview.notShown")}</span>
                    ) : (
                      <>
                        <span className="rate-bar" style={{ width: `${Math.min(100, z.per1000 * 20)}%` }} aria-hidden="true" />
                        {z.per1000.toLocaleString(lng)}
                      </>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted">{t("overview.withheldNote")}</p>

      <h2>{t("overview.byZip")}</h2>
      {zips.map((z) => (
        <section key={z.zip} aria-labelledby={`zip-${z.zip}`}>
          <h3 id={`zip-${z.zip}`}>
            {t("overview.zipHeading", { zip: z.zip })}
            {z.district ? ` · ${z.district}` : ""}
          </h3>
          <TableWrap label={t("overview.tableCaption", { zip: z.zip })}>
            <table className="stack-table stack-table-grid">
              <caption>{t("overview.tableCaption", { zip: z.zip })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("overview.kind")}</th>
                  {months.map((m) => (
                    <th scope="col" key={m}>
                      {formatMonth(m, lng)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {z.rows.map((row) => (
                  <tr key={row.kindCode}>
                    <th scope="row">{kindName(kindOf(row.kindCode), lng)}</th>
                    {row.cells.map((cell, i) => (
                      <td key={months[i]} data-label={formatMonth(months[i]!, lng)}>
                        <Cell cell={cell} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h4>{t("overview.blocks")}</h4>
          <ul className="block-list">
            {z.rows.filter((r) => r.blocks.length).length === 0 ? <li className="muted">{t("overview.noBlocks")}</li> : null}
            {z.rows
              .filter((r) => r.blocks.length)
              .map((r) => (
                <li key={r.kindCode}>
                  <strong>{kindName(kindOf(r.kindCode), lng)}:</strong> {r.blocks.map((b) => publicLocationLabel(b, t)).join("; ")}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
