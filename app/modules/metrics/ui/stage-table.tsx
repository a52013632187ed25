import { useTranslation } from "react-i18next";
import type { PublishedCell } from "~/utils/suppression";
import { cellText, formatPercent } from "../format";

/** A published count with its share of the stage it is part of (null: withheld, or no share). */
export type ShareCell = { cell: PublishedCell; share: number | null };

/**
 * Rows (years or ZIP codes) × stages of a funnel (the drug-policy funnel, concerns in the loop):
 * each cell its count, with its share under it. `attrs` names the table for tests and styles.
 */
export function StageTable<S extends string>({
  id,
  caption,
  first,
  stages,
  rows,
  heading,
  withShare,
  attrs,
}: {
  id: string;
  caption: string;
  first: string;
  stages: readonly S[];
  rows: { key: string; label: string; row: Partial<Record<S, ShareCell>> }[];
  heading: (stage: S) => string;
  /** Whether a stage has a share (the first stage is the base). */
  withShare: (stage: S) => boolean;
  attrs: Record<`data-${string}`, string>;
}) {
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="metric-table" data-metric-table="" {...attrs}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            {stages.map((s) => (
              <th scope="col" key={s}>
                {heading(s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-row={r.key}>
              <th scope="row">{r.label}</th>
              {stages.map((s) => {
                const c = r.row[s]!;
                return (
                  <td key={s} data-stage={s} data-state={c.cell.state}>
                    <span data-count="">{cellText(c.cell, t, locale)}</span>
                    {/* A hidden count's share is hidden too: the count says why, once. */}
                    {!withShare(s) || c.cell.state !== "shown" ? null : (
                      <span className="cell-share muted" data-share="">
                        {c.share === null ? t("dashboard.withheld") : formatPercent(c.share, locale)}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
