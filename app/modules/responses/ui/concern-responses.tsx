import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { formatDate, formatDayCount } from "~/utils/clock";

type Props = {
  clock: { submittedDay: string; answeredDay: string | null; days: number } | null;
  responses: { slug: string; title: string; summary: string; publishedAt: string | Date | null }[];
  follow: { signedIn: boolean; following: boolean };
};

/** The part of a concern's tracking page this module adds: its clock, the office's responses, following. */
export function ConcernResponses({ clock, responses, follow }: Props) {
  const { t, i18n } = useTranslation("responses");
  const lng = i18n.language;
  const location = useLocation();
  return (
    <>
      {clock ? (
        <p className="concern-clock" data-testid="concern-clock">
          {clock.answeredDay
            ? t("clock.answered", { count: clock.days, days: formatDayCount(clock.days, lng), day: formatDate(clock.answeredDay, lng) })
            : t("clock.waiting", { count: clock.days, days: formatDayCount(clock.days, lng), day: formatDate(clock.submittedDay, lng) })}
        </p>
      ) : null}
      <section aria-labelledby="concern-responses-heading" className="concern-responses">
        <h2 id="concern-responses-heading">{t("track.title")}</h2>
        {responses.length ? (
          <ul data-testid="concern-responses">
            {responses.map((r) => (
              <li key={r.slug}>
                <Link to={`/responses/${r.slug}`} data-user-content="">
                  {r.title}
                </Link>
                {r.publishedAt ? <span className="muted"> · {formatDate(r.publishedAt, lng, "long")}</span> : null}
                <p data-user-content="">{r.summary}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("track.none")}</p>
        )}
        {follow.signedIn ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value={follow.following ? "unfollow" : "follow"} />
            <button type="submit" className="secondary">
              {follow.following ? t("follow.unfollow") : t("follow.follow")}
            </button>{" "}
            <span className="hint">{follow.following ? t("follow.followingHint") : t("follow.hint")}</span>
          </Form>
        ) : (
          <p className="hint">
            <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("follow.signIn")}</Link> {t("follow.hint")}
          </p>
        )}
      </section>
    </>
  );
}
