import { json, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { appUrl } from "~/utils/env.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "openDataApi", "dashboard");

export async function loader() {
  return json({ base: appUrl() });
}

export default function DataApi() {
  const { t } = useTranslation("opendata");
  const { base } = useLoaderData<typeof loader>();
  const measures = `${base}/api/v1/measures`;
  const openapi = `${base}/api/v1/openapi.json`;
  return (
    <section>
      <h1>{t("api.title")}</h1>
      <p className="lead">{t("api.lead")}</p>
      <h2>{t("api.what")}</h2>
      <ul>
        <li>
          {t("api.measures", { url: "" })}
          <a href={measures}>{measures}</a>
        </li>
        <li>
          <code>{t("api.measure")}</code>
        </li>
        <li>
          <code>{t("api.cells")}</code>
        </li>
        <li>
          <code>{t("api.timeToDecision")}</code>
        </li>
        <li>
          {t("api.openapi", { url: "" })}
          <a href={openapi}>{openapi}</a>
        </li>
      </ul>
      <h2>{t("api.states")}</h2>
      <ul>
        <li>{t("api.shown")}</li>
        <li>{t("api.primary")}</li>
        <li>{t("api.complementary")}</li>
      </ul>
      <h2>{t("api.rules")}</h2>
      <ul>
        <li>{t("api.readOnly")}</li>
        <li>{t("api.cors")}</li>
        <li>{t("api.cache")}</li>
        <li>{t("api.notOffered")}</li>
      </ul>
      <p>
        <Link to="/data/notes">{t("api.notes")}</Link>
      </p>
    </section>
  );
}
