import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPublishedResponses } from "~/modules/responses/index.server";
import { formatDate } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "responses");

export async function loader(_: LoaderFunctionArgs) {
  return json({ responses: await listPublishedResponses() });
}

export default function ResponsesList() {
  const { t, i18n } = useTranslation("responses");
  const { responses } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.lead")}</p>
      {responses.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <ul className="card-list">
          {responses.map((r) => (
            <li key={r.id} className="card">
              <h2>
                <Link to={`/responses/${r.slug}`} data-user-content="">
                  {r.title}
                </Link>
              </h2>
              <p className="muted">{t("list.meta", { date: formatDate(r.publishedAt, i18n.language, "long"), count: r.concernCount })}</p>
              <p data-user-content="">{r.summary}</p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/dashboard/response-time">{t("list.clockLink")}</Link>
      </p>
    </section>
  );
}
