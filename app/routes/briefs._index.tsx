import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/index.server";
import { hasRole } from "~/modules/auth";
import { listBriefs } from "~/modules/briefs/index.server";
import { formatDate } from "~/utils/clock";
import { pageTitle, metaT } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [
  ...pageTitle(args, "briefs"),
  { tagName: "link", rel: "alternate", type: "application/atom+xml", href: "/briefs.atom", title: metaT(args)("titles.briefs") },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = getUser(args);
  const topic = new URL(args.request.url).searchParams.get("topic")?.slice(0, 40) || null;
  const briefs = await listBriefs(user?.role, { topic });
  return json({ briefs, topic, isStaff: hasRole(user?.role, "csu_staff") });
}

export default function BriefsIndex() {
  const { t, i18n } = useTranslation("briefs");
  const { briefs, topic, isStaff } = useLoaderData<typeof loader>();
  const review = briefs.filter((b) => b.status === "cab_review");
  const published = briefs.filter((b) => b.status === "public");
  const item = (b: (typeof briefs)[number]) => (
    <li key={b.id} className="card">
      <h3>
        <Link to={`/briefs/${b.slug}`} data-user-content="">
          {b.title}
        </Link>
      </h3>
      <p data-user-content="">{b.summary}</p>
      <p className="muted">
        {b.publishedAt
          ? t("publishedOn", { when: formatDate(b.publishedAt, i18n.language, "long") })
          : t("inReviewSince", { when: formatDate(b.sentToCabAt, i18n.language, "long") })}
        {b.periodStart && b.periodEnd
          ? ` · ${t("period", { from: formatDate(b.periodStart, i18n.language, "long"), to: formatDate(b.periodEnd, i18n.language, "long") })}`
          : null}
      </p>
      {b.topics.length ? (
        <ul className="tag-list" aria-label={t("topics")}>
          {b.topics.map((tp) => (
            <li key={tp}>
              <Link to={`/briefs?topic=${encodeURIComponent(tp)}`} className="badge" data-user-content="">
                {tp}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <p className="actions">
        <Link to="/search">{t("searchLink")}</Link>
        <a href="/briefs.atom">{t("feedLink")}</a>
        <Link to="/consultations">{t("consultationsLink")}</Link>
        {isStaff ? <Link to="/staff/briefs">{t("staff.manage")}</Link> : null}
      </p>
      {topic ? (
        <p role="status">
          {t("filteredBy", { topic })} <Link to="/briefs">{t("clearFilter")}</Link>
        </p>
      ) : null}
      {review.length ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t("reviewHeading")}</h2>
          <p className="muted">{t("reviewLead")}</p>
          <ul className="card-grid">{review.map(item)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="published-heading">
        <h2 id="published-heading">{t("publishedHeading")}</h2>
        {published.length ? <ul className="card-grid">{published.map(item)}</ul> : <p>{t("none")}</p>}
      </section>
    </section>
  );
}
