import { json, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dataChangelog, getDataNotes, paragraphsOf } from "~/modules/metrics/index.server";
import { formatDate, formatDateTime, formatMonth } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "dataNotes", "dashboard");

export async function loader() {
  const [notes, changelog] = await Promise.all([getDataNotes(), dataChangelog()]);
  return json({
    limitations: { en: paragraphsOf(notes.limitationsEn), es: paragraphsOf(notes.limitationsEs) },
    updatedAt: notes.updatedAt,
    changelog,
  });
}

export default function DataNotes() {
  const { t, i18n } = useTranslation("opendata");
  const { limitations, updatedAt, changelog } = useLoaderData<typeof loader>();
  const lng = i18n.language === "es" ? "es" : "en";
  const paragraphs = limitations[lng].length ? limitations[lng] : limitations.en;
  return (
    <section>
      <h1>{t("notes.title")}</h1>
      <p className="lead">{t("notes.lead")}</p>
      <h2>{t("notes.limitations")}</h2>
      {paragraphs.length ? paragraphs.map((p, i) => <p key={i}>{p}</p>) : <p>{t("notes.noLimitations")}</p>}
      {updatedAt && paragraphs.length ? <p className="hint">{t("notes.updated", { when: formatDate(updatedAt, i18n.language, "long") })}</p> : null}
      <h2>{t("notes.changelog")}</h2>
      {changelog.length === 0 ? (
        <p>{t("notes.empty")}</p>
      ) : (
        <ol className="stack" reversed>
          {changelog.map((e, i) => (
            <li key={i}>
              <strong>{formatDateTime(e.at, i18n.language)}</strong>:{" "}
              {e.kind === "import"
                ? t("notes.import", {
                    from: formatMonth(e.periodStart.slice(0, 7), i18n.language),
                    to: formatMonth(e.periodEnd.slice(0, 7), i18n.language),
                    before: e.rowsBefore,
                    after: e.rowsAfter,
                  })
                : t(e.first ? "notes.definitionFirst" : "notes.definitionChanged", { name: e.name[lng], definition: e.definition[lng] })}
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link to="/data/api">{t("notes.api")}</Link>
      </p>
    </section>
  );
}
