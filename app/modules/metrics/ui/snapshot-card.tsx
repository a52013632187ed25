import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatChartValue, localized } from "../format";
import { formatDate } from "~/utils/clock";
import { filterWords } from "~/modules/metrics";

export type SnapshotCardData = {
  snapshot: {
    id: string;
    measureKey: string;
    value: string | null;
    unit: "count" | "percent";
    nameEn: string;
    nameEs: string;
    definitionEn: string;
    definitionEs: string;
    filters: Record<string, string>;
    asOf: string;
  };
  live: { value: number | null; asOf: string };
  definitionChanged: boolean;
};

function show(value: number | null, unit: "count" | "percent", locale: string, withheld: string) {
  if (value === null) return withheld;
  return formatChartValue(value, unit, locale);
}

/** A cited figure: frozen value and definition beside today's value; embeddable in a response. */
export function MetricSnapshotCard({ data, headingLevel = 2 }: { data: SnapshotCardData; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const { snapshot, live, definitionChanged } = data;
  const H = `h${headingLevel}` as "h2" | "h3";
  const date = (iso: string) => formatDate(iso, locale, "long");
  const frozen = snapshot.value === null ? null : Number(snapshot.value);
  const filters = Object.entries(snapshot.filters);
  const search = new URLSearchParams(snapshot.filters).toString();
  return (
    <article className="card snapshot-card" aria-labelledby={`snapshot-${snapshot.id}`}>
      <H id={`snapshot-${snapshot.id}`}>{localized(snapshot, "name", locale)}</H>
      <dl className="snapshot-values">
        <div>
          <dt>{t("snapshot.frozen")}</dt>
          <dd>
            <strong className="snapshot-frozen">{show(frozen, snapshot.unit, locale, t("snapshot.suppressedValue"))}</strong>
            <span className="muted"> {t("snapshot.asOf", { date: date(snapshot.asOf) })}</span>
          </dd>
        </div>
        <div>
          <dt>{t("snapshot.live")}</dt>
          <dd>
            <strong className="snapshot-live">{show(live.value, snapshot.unit, locale, t("snapshot.suppressedValue"))}</strong>
            <span className="muted"> {t("snapshot.asOf", { date: date(live.asOf) })}</span>
          </dd>
        </div>
        <div>
          <dt>{t("snapshot.filters")}</dt>
          <dd>{filters.length ? filterWords(snapshot.filters, t).join(" · ") : t("snapshot.noFilters")}</dd>
        </div>
      </dl>
      {definitionChanged ? (
        <p className="alert alert-info snapshot-changed" role="note">
          {t("snapshot.definitionChanged")}
        </p>
      ) : (
        <p className="muted">{t("snapshot.definitionSame")}</p>
      )}
      <details>
        <summary>{t("snapshot.definitionAtTime")}</summary>
        <p>{localized(snapshot, "definition", locale)}</p>
      </details>
      <p>
        <Link to={`/dashboard/${snapshot.measureKey}?${search}`}>{t("snapshot.openMeasure")}</Link>
      </p>
    </article>
  );
}
