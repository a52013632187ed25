import { useTranslation } from "react-i18next";
import { formatDate } from "~/utils/clock";

export type MarkerItem = { number: number; date: string; kind: "policy" | "event"; title: string; description: string };

/** The numbered markers of a chart, in words: what happened on which day. */
export function MarkerList({ id, markers }: { id: string; markers: readonly MarkerItem[] }) {
  const { t, i18n } = useTranslation("metrics");
  if (!markers.length) return null;
  return (
    <div className="marker-list" id={id}>
      <h3>{t("charts.markersTitle")}</h3>
      <ol>
        {markers.map((m) => (
          <li key={`${m.date}-${m.title}`} value={m.number} data-marker-item={m.kind} data-date={m.date}>
            <span className={`marker-badge marker-${m.kind}`} aria-hidden="true">
              {m.number}
            </span>{" "}
            <strong>{formatDate(m.date, i18n.language, "long")}</strong> — {m.title}
            <span className="muted"> ({t(`charts.markerKind.${m.kind}`)})</span>
            {m.description ? <span className="marker-description"> {m.description}</span> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
