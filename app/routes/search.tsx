import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/index.server";
import { search, snippetParts } from "~/modules/search/index.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "search");

export async function loader(args: LoaderFunctionArgs) {
  const user = getUser(args);
  const q = (new URL(args.request.url).searchParams.get("q") ?? "").slice(0, 200);
  if (q.trim()) await enforceRateLimits([`search:${args.context.clientIp}`], 60, 60);
  const hits = q.trim() ? await search(q, user?.role) : [];
  return json({ q, hits: hits.map((h) => ({ ...h, parts: snippetParts(h.snippet) })) });
}

export default function SearchPage() {
  const { t } = useTranslation("search");
  const { q, hits } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("title")}</h1>
      <Form method="get" role="search" className="stack" aria-label={t("title")}>
        <div className="field">
          <label htmlFor="q">{t("label")}</label>
          <p className="hint" id="q-hint">
            {t("hint")}
          </p>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={200} aria-describedby="q-hint" />
        </div>
        <div className="actions">
          <button type="submit">{t("submit")}</button>
        </div>
      </Form>
      {q.trim() ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" aria-live="polite">
            {t("results", { count: hits.length, q })}
          </h2>
          <ol className="search-results">
            {hits.map((h) => (
              <li key={h.url}>
                <span className="badge">{t(`kind.${h.kind}`)}</span>{" "}
                <Link to={h.url} data-user-content="">
                  {h.title}
                </Link>
                <p>{h.parts.map(([text, hit], i) => (hit ? <mark key={i}>{text}</mark> : <span key={i}>{text}</span>))}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
