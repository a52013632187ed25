import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/index.server";
import { hasRole } from "~/modules/auth";
import { listConsultations } from "~/modules/consultations/index.server";
import { phaseOf } from "~/modules/consultations/schemas";
import { formatDateTime } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";
import { USER_CONTENT_MARK, UserContentIn } from "~/components/user-content";

export const meta: MetaFunction = (args) => pageTitle(args, "consultations");

export async function loader(args: LoaderFunctionArgs) {
  const user = getUser(args);
  const rows = await listConsultations();
  const now = new Date();
  return json({
    consultations: rows.map((c) => ({ ...c, hasSummary: c.hasSummary === true, phase: phaseOf(c, now) })),
    isStaff: hasRole(user?.role, "csu_staff"),
  });
}

export default function Consultations() {
  const { t, i18n } = useTranslation("consultations");
  const { consultations, isStaff } = useLoaderData<typeof loader>();
  const groups = (["open", "upcoming", "closed"] as const).map((phase) => ({ phase, items: consultations.filter((c) => c.phase === phase) }));
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {isStaff ? (
        <p>
          <Link className="button" to="/staff/consultations/new">
            {t("staff.new")}
          </Link>
        </p>
      ) : null}
      {groups.map(({ phase, items }) => (
        <section key={phase} aria-labelledby={`${phase}-heading`}>
          <h2 id={`${phase}-heading`}>{t(`phaseHeading.${phase}`)}</h2>
          {items.length ? (
            <ul className="card-grid">
              {items.map((c) => (
                <li key={c.id} className="card">
                  <h3>
                    <Link to={`/consultations/${c.slug}`} data-user-content="">
                      {c.title}
                    </Link>
                  </h3>
                  <p className="muted">{t("window", { opens: formatDateTime(c.opensAt, i18n.language), closes: formatDateTime(c.closesAt, i18n.language) })}</p>
                  {c.partners.length ? (
                    <p>
                      <UserContentIn template={t("partnersList", { list: USER_CONTENT_MARK })} value={c.partners.join(", ")} />
                    </p>
                  ) : null}
                  {isStaff ? <Link to={`/staff/consultations/${c.id}/edit`}>{t("staff.edit")}</Link> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t(`phaseEmpty.${phase}`)}</p>
          )}
        </section>
      ))}
    </section>
  );
}
