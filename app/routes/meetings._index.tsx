import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/modules/meetings/ui/meetings";
import { getUser } from "~/modules/auth/index.server";
import { hasRole } from "~/modules/auth";
import { requestLocale, timeContext } from "~/modules/meetings/index.server";
import { listArchive, listUpcoming } from "~/modules/meetings/index.server";
import { formatDate, formatDateTimeRange } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "meetings");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser({ context });
  const viewer = user ? { id: user.id, role: user.role } : null;
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  const locale = await requestLocale(request, context);
  const { timeZone } = timeContext();
  const [upcoming, archive] = await Promise.all([listUpcoming(viewer), listArchive(viewer, q || null)]);
  return json({
    q,
    isStaff: hasRole(user?.role, "csu_staff"),
    upcoming: upcoming.map((m) => ({
      id: m.id,
      title: m.title,
      mode: m.mode,
      place: m.place,
      isPublic: m.isPublic,
      when: formatDateTimeRange(m.startsAt, m.endsAt, locale),
    })),
    archive: archive.map((m) => ({
      id: m.id,
      title: m.title,
      when: formatDate(m.startsAt, locale, "long"),
    })),
  });
}

export default function MeetingsIndex() {
  const { t } = useTranslation("meetings");
  const data = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("index.title")}</h1>
      <p className="lead">{t("index.lead")}</p>
      <p className="actions">
        <a href="/meetings.ics">{t("index.feed")}</a>
        <Link to="/action-items">{t("index.actionItems")}</Link>
        {data.isStaff ? <Link to="/staff/meetings">{t("index.staff")}</Link> : null}
      </p>

      <h2>{t("index.upcoming")}</h2>
      {data.upcoming.length ? (
        <ul className="meeting-list">
          {data.upcoming.map((m) => (
            <li key={m.id}>
              <Link to={`/meetings/${m.id}`} data-user-content="">
                {m.title}
              </Link>{" "}
              <span>{m.when}</span> <span className="muted">{t(`mode.${m.mode}`)}</span>{" "}
              {!m.isPublic ? <span className="badge">{t("detail.private")}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("index.noUpcoming")}</p>
      )}

      <h2 id="archive">{t("index.archive")}</h2>
      <Form method="get" className="search-form" role="search" aria-labelledby="archive">
        <label htmlFor="q">{t("index.search")}</label>
        <input id="q" type="search" name="q" defaultValue={data.q} maxLength={200} />
        <button type="submit">{t("index.searchSubmit")}</button>
      </Form>
      {data.archive.length ? (
        <ul className="meeting-list">
          {data.archive.map((m) => (
            <li key={m.id}>
              <Link to={`/meetings/${m.id}`} data-user-content="">
                {m.title}
              </Link>{" "}
              <span>{m.when}</span> <StatusBadge kind="minutesStatus" value="approved" />
            </li>
          ))}
        </ul>
      ) : (
        <p role="status">{data.q ? t("index.noResults", { q: data.q }) : t("index.noArchive")}</p>
      )}
    </section>
  );
}
